// Texts of the local playground's page.
import { defineTexts } from '../../core/i18n/catalogue.js';

export const playgroundTexts = defineTexts(
  'playground',
  {
    title: 'Sparring – lokal legeplads',
    actAs: 'Du er',
    choose: 'Vælg en person',
    noPeople: 'Der er ingen personer endnu. Importér en medarbejderliste: npx sparring roster import examples/roster.csv',
    command: 'Skriv en kommando (fx hjælp, tilbyd, mine, ledige)',
    send: 'Send',
    inbox: 'Dine beskeder',
    channels: 'Kanaler',
    home: 'Forside',
    empty: 'Ingen beskeder endnu.',
    private: 'Kun synlig for dig',
    leadership: 'Ledelse',
    agents: 'Læringsagenter',
    runJobs: 'Kør planlagte jobs nu',
  },
  {
    title: 'Sparring – local playground',
    actAs: 'You are',
    choose: 'Choose a person',
    noPeople: 'There is nobody here yet. Import a staff list: npx sparring roster import examples/roster.csv',
    command: 'Type a command (e.g. help, offer, my, open)',
    send: 'Send',
    inbox: 'Your messages',
    channels: 'Channels',
    home: 'Home',
    empty: 'No messages yet.',
    private: 'Only visible to you',
    leadership: 'Leadership',
    agents: 'Learning agents',
    runJobs: 'Run scheduled jobs now',
  },
);
