// Texts of "mine data": a person's own export in the chat.
import { defineTexts } from '../../core/i18n/catalogue.js';

export const privacyFlowTexts = defineTexts(
  'privacy-flow',
  {
    title: 'Dine data',
    intro: 'Her er alt, hvad Sparring har gemt om dig: dine oplysninger fra medarbejderlisten, dine lektioner og besøg, dine refleksioner og de beskeder, der nævner dig. Filen er i JSON-format.',
    download: 'Hent dine data',
    linkNote: 'Linket virker i {hours} timer. Del det ikke – alle med linket kan hente filen, indtil det udløber.',
    counts: 'Sparring har gemt {visits} {visits:lektion|lektioner} og besøg og {reflections} {reflections:refleksion|refleksioner} om dig.',
    noLink: 'Jeg kan ikke lave et link til filen her. Din programkoordinator kan give dig hele filen – spørg efter dine data fra Sparring.',
    privacy: 'Læs mere om, hvad der gemmes og hvorfor, på privatlivssiden.',
    unknown: 'Jeg kan ikke finde dine data. Kontakt din programkoordinator.',
  },
  {
    title: 'Your data',
    intro: 'Here is everything Sparring stores about you: your details from the staff list, your lessons and visits, your reflections and the messages that mention you. The file is in JSON format.',
    download: 'Download your data',
    linkNote: 'The link works for {hours} hours. Do not share it – anyone with the link can download the file until it expires.',
    counts: 'Sparring stores {visits} {visits:lesson and visit|lessons and visits} and {reflections} {reflections:reflection|reflections} about you.',
    noLink: 'I cannot make a link to the file here. Your programme coordinator can give you the whole file – ask for your data from Sparring.',
    privacy: 'Read more about what is stored and why on the privacy page.',
    unknown: 'I cannot find your data. Please contact your programme coordinator.',
  },
);
