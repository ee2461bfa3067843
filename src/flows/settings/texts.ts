// Texts of a person's own settings.
import { defineTexts } from '../../core/i18n/catalogue.js';

export const settingsTexts = defineTexts(
  'settings',
  {
    title: 'Dine indstillinger',
    promptsOn: 'Jeg spørger dig til refleksion efter et besøg og minder dig om det én gang.',
    promptsOff: 'Jeg spørger dig ikke til refleksion og sender ingen påmindelser. Du kan stadig skrive refleksioner med *refleksioner*.',
    turnOff: 'Slå spørgsmål fra',
    turnOn: 'Slå spørgsmål til',
    turnedOff: 'Fint – jeg spørger dig ikke længere. Skriv *indstillinger*, hvis du vil slå det til igen.',
    turnedOn: 'Godt – jeg spørger dig igen efter dine næste besøg.',
  },
  {
    title: 'Your settings',
    promptsOn: 'I ask you to reflect after a visit and remind you once.',
    promptsOff: 'I do not ask you to reflect and send no reminders. You can still write reflections with *reflections*.',
    turnOff: 'Turn questions off',
    turnOn: 'Turn questions on',
    turnedOff: 'Fine – I will not ask you any more. Type *settings* if you want to turn it back on.',
    turnedOn: 'Good – I will ask you again after your next visits.',
  },
);
