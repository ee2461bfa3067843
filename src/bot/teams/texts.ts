// Texts only the Teams adapter shows: form states, private-reply hints, the team welcome.
import { defineTexts } from '../../core/i18n/catalogue.js';

export const teamsTexts = defineTexts(
  'teams',
  {
    received: 'Modtaget.',
    alreadyReceived: 'Det har jeg allerede fået.',
    formClosed: 'Formularen er lukket.',
    formSent: '{title}: sendt.',
    formFixErrors: 'Ret venligst de markerede felter.',
    formNotSaved: 'Formularen blev ikke gemt: {errors} Ret det i formularen, og send den igen.',
    fieldRequired: '{label} skal udfyldes.',
    cannotReachPrivately:
      'Jeg kan ikke skrive til dig i en privat chat endnu. Åbn Sparring under *Apps* i Teams, og skriv *hjælp* dér – så svarer jeg dig privat.',
    truncated: '… (beskeden var for lang til Teams og er forkortet)',
    continued: '(fortsat)',
    teamWelcome:
      'Hej! Jeg er Sparring. En programkoordinator kan forbinde en kanal med en skole ved at skrive *@Sparring forbind ledelse <skole>* eller *@Sparring forbind agenter <skole>* i kanalen.',
  },
  {
    received: 'Received.',
    alreadyReceived: 'I already have that.',
    formClosed: 'The form is closed.',
    formSent: '{title}: sent.',
    formFixErrors: 'Please correct the marked fields.',
    formNotSaved: 'The form was not saved: {errors} Please correct it in the form and send it again.',
    fieldRequired: '{label} is required.',
    cannotReachPrivately:
      'I cannot write to you in a private chat yet. Open Sparring under *Apps* in Teams and type *help* there – then I will answer you privately.',
    truncated: '… (the message was too long for Teams and has been shortened)',
    continued: '(continued)',
    teamWelcome:
      'Hi! I am Sparring. A programme coordinator can link a channel to a school by typing *@Sparring link leadership <school>* or *@Sparring link agents <school>* in the channel.',
  },
);
