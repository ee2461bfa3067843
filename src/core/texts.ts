// Texts the runtime itself shows: help, unknown commands, people not on the roster, failures.
import { defineTexts } from './i18n/catalogue.js';

export const coreTexts = defineTexts(
  'core',
  {
    helpTitle: 'Sådan bruger du Sparring',
    helpIntro: 'Sparring hjælper dig med at få og give feedback på undervisning. Skriv en af kommandoerne:',
    helpOffer: '*{word}* – tilbyd en lektion, som en læringsagent kan komme og give feedback på',
    helpMy: '*{word}* – dine kommende besøg og hvor langt du er i forløbet',
    helpOpen: '*{word}* – ledige lektioner, du kan tage som læringsagent',
    helpCapacity: '*{word} 3* – (læringsagent) hvor mange besøg du kan tage om ugen',
    helpReflections: '*{word}* – dine egne refleksioner (kun du kan se dem); *{continueWord}* fortsætter den, du er i gang med',
    helpSettings: '*{word}* – slå spørgsmål til refleksion fra eller til for dig selv',
    helpLink: '*{word} ledelse|agenter <skole>* – (koordinator) forbind denne kanal med en skole',
    helpStatus: '*{word}* – (koordinator) status for kommunen: planlagte jobs og hvem vi ikke kan nå',
    helpLessons: '*{word} <skole> 08:00 08:50 …* – (koordinator) skolens ringetider, så lærere kan vælge lektion i stedet for klokkeslæt',
    helpData: '*{word}* – alt, hvad Sparring har gemt om dig, som en fil',
    helpHelp: '*{word}* – denne hjælp',
    helpFooter: 'Data bruges til udvikling, ikke til kontrol: dine refleksioner er dine egne.',
    unknownCommand: 'Jeg kender ikke kommandoen "{word}". Skriv *hjælp* for at se, hvad jeg kan.',
    notOnRoster:
      'Hej! Jeg kan ikke finde dig på listen over medarbejdere i Sparring, så jeg kan ikke hjælpe dig endnu. Kontakt {coordinator}, så bliver du sat på.',
    notOnRosterNoCoordinator:
      'Hej! Jeg kan ikke finde dig på listen over medarbejdere i Sparring, så jeg kan ikke hjælpe dig endnu. Kontakt programkoordinatoren i din kommune, så bliver du sat på.',
    somethingWentWrong: 'Beklager, noget gik galt hos mig. Prøv igen om lidt – og skriv til {coordinator}, hvis det bliver ved.',
    somethingWentWrongNoCoordinator: 'Beklager, noget gik galt hos mig. Prøv igen om lidt.',
    notAllowed: 'Det har du ikke adgang til.',
    staleAction: 'Den knap er ikke længere aktuel. Skriv *mine* for at se det seneste.',
    homeTitle: 'Sparring',
    homeEmpty: 'Der er ikke noget, der venter på dig lige nu.',
  },
  {
    helpTitle: 'How to use Sparring',
    helpIntro: 'Sparring helps you get and give feedback on teaching. Type one of the commands:',
    helpOffer: '*{word}* – offer a lesson a learning agent can visit and give feedback on',
    helpMy: '*{word}* – your upcoming visits and your progress in the course',
    helpOpen: '*{word}* – open lessons you can claim as a learning agent',
    helpCapacity: '*{word} 3* – (learning agent) how many visits you can take a week',
    helpReflections: '*{word}* – your own reflections (only you can see them); *{continueWord}* goes on with the one you started',
    helpSettings: '*{word}* – turn reflection questions off or on for yourself',
    helpLink: '*{word} leadership|agents <school>* – (coordinator) link this channel to a school',
    helpStatus: '*{word}* – (coordinator) status for the municipality: scheduled jobs and who we cannot reach',
    helpLessons: '*{word} <school> 08:00 08:50 …* – (coordinator) the school\'s bell schedule, so teachers can pick a lesson instead of a time',
    helpData: '*{word}* – everything Sparring stores about you, as a file',
    helpHelp: '*{word}* – this help',
    helpFooter: 'Data are for development, not control: your reflections are your own.',
    unknownCommand: 'I don\'t know the command "{word}". Type *help* to see what I can do.',
    notOnRoster:
      'Hi! I can\'t find you on the staff list in Sparring, so I can\'t help you yet. Please contact {coordinator} to be added.',
    notOnRosterNoCoordinator:
      'Hi! I can\'t find you on the staff list in Sparring, so I can\'t help you yet. Please contact your municipality\'s programme coordinator to be added.',
    somethingWentWrong: 'Sorry, something went wrong on my side. Please try again shortly – and write to {coordinator} if it keeps happening.',
    somethingWentWrongNoCoordinator: 'Sorry, something went wrong on my side. Please try again shortly.',
    notAllowed: 'You don\'t have access to that.',
    staleAction: 'That button is no longer current. Type *my* to see the latest.',
    homeTitle: 'Sparring',
    homeEmpty: 'Nothing is waiting for you right now.',
  },
);

/** Role names as people read them. */
export const roleTexts = defineTexts(
  'roles',
  {
    teacher: 'lærer',
    pedagogue: 'pædagog',
    learning_agent: 'læringsagent',
    consultant: 'konsulent',
    leader: 'leder',
    coordinator: 'koordinator',
  },
  {
    teacher: 'teacher',
    pedagogue: 'pedagogue',
    learning_agent: 'learning agent',
    consultant: 'consultant',
    leader: 'leader',
    coordinator: 'coordinator',
  },
);

export function roleName(role: string, locale: import('./i18n/catalogue.js').Locale): string {
  return role in roleTexts.da ? roleTexts.plain(locale, role as keyof typeof roleTexts.da) : role;
}
