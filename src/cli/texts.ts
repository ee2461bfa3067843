// The `sparring` command's own help, in Danish (default) and English (SPARRING_LOCALE=en).
import { defineTexts } from '../core/i18n/catalogue.js';

export const cliTexts = defineTexts(
  'cli',
  {
    usage: `Brug: sparring <kommando>

Kommandoer:
  serve                                   start botten (det, \`npm start\` gør)
  migrate                                 opdatér databasen og stop
  roster import FIL.csv [--dry-run] [--prune [--yes]]
                                          importér medarbejdere, skoler og roller
  courses import FIL.yaml [--dry-run]     importér forløb, kursusgange og deltagere
`,
    unknown: 'Ukendt kommando "{name}".',
  },
  {
    usage: `Usage: sparring <command>

Commands:
  serve                                   start the bot (what \`npm start\` runs)
  migrate                                 apply pending database migrations and exit
  roster import FILE.csv [--dry-run] [--prune [--yes]]
                                          import staff, schools and roles
  courses import FILE.yaml [--dry-run]    import courses, sessions and participants
`,
    unknown: 'Unknown command "{name}".',
  },
);
