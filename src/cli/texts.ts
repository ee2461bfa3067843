// The `sparring` command's own texts, in Danish (default) and English (SPARRING_LOCALE=en): help for
// the command and its sub-commands, the usage mistakes every sub-command words alike (flags, missing
// and extra arguments: src/cli/args.ts), `migrate`'s report and the one-line answers when the
// database cannot be reached. Setting names (with "_") are passed as parameters, so they are never
// read as _italic_ markup; helpSettings() pads them into a column.
import { defineTexts, type Locale } from '../core/i18n/catalogue.js';

export const cliTexts = defineTexts(
  'cli',
  {
    usage: `Brug: sparring <kommando> [--help]

Kommandoer:
  serve [--demo]                          start botten (det, \`npm start\` gør)
  migrate                                 opdatér databasen og stop
  roster import FIL.csv [--dry-run] [--prune [--yes]]
                                          importér medarbejdere, skoler og roller
  courses import FIL.yaml [--dry-run]     importér forløb, kursusgange og deltagere
  questions check FIL.yaml                tjek en fil med refleksionsspørgsmål
  gdpr export --email E-MAIL [--out FIL]  alt, hvad der er gemt om én medarbejder, som JSON
  gdpr erase --email E-MAIL [--yes]       slet én medarbejders data (besøgene tælles stadig)
  deliveries list | retry [--id ID | --all]
                                          beskeder, der ikke kom frem: vis dem, send igen
  digest preview|send --school SKOLE [--week UGE]
                                          vis eller send en skoles ugeoversigt
  report --municipality KOMMUNE --format csv|xlsx [--out FIL]
                                          de samlede tal for alle kommunens skoler

  sparring <kommando> --help              hjælp til en kommando
  sparring --version                      vis versionen

Indstillingerne læses fra miljøet og fra .env (se .env.example). Teksterne er på dansk;
{english} giver engelsk.
`,
    serveUsage: `Brug: sparring serve [--demo]

Starter Sparring – det, \`npm start\` kører: bringer databasen ajour, starter de platforme, der er
sat op (Slack, Teams og/eller den lokale legeplads), og kører de planlagte job. Stop med Ctrl+C.

  --demo   indlæs eksempeldata (examples/), når legepladsen er den eneste platform og databasen
           er tom – som knappen "Indlæs eksempeldata" (npm start -- --demo)

Indstillingerne læses fra miljøet og fra .env (alle står i .env.example), blandt andet:
{port}hvor serveren lytter (standard 3978)
{database}file:./data/sparring.db (SQLite, standard) eller postgresql://…
{platforms}slack, teams, local (standard: ud fra de nøgler, der er sat;
{indent}uden nøgler den lokale legeplads)
`,
    migrateUsage: `Brug: sparring migrate

Bringer databasen ({database}) ajour med de migreringer, der følger med Sparring, og stopper.
\`sparring serve\` gør det samme, når den starter; kommandoen er til installationer, der vil
migrere som et trin for sig.
`,
    unknown: 'Ukendt kommando "{name}".',
    unknownOption: 'Ukendt tilvalg "{option}".',
    optionTakesNoValue: 'Tilvalget {option} skal ikke have en værdi.',
    optionNeedsValue: 'Tilvalget {option} skal have en værdi.',
    missingOption: 'Mangler {option}.',
    unexpectedArgument: 'Uventet argument "{arg}".',
    invalidArguments: 'Ugyldige argumenter: {error}',
    noArguments: '"sparring {command}" tager ingen argumenter (fik "{args}").',
    serveArguments: '"sparring serve" kender kun --demo (fik "{args}").',
    demoLoaded: 'Eksempeldata er indlæst: {people} personer, {courses} kurser, {held} afholdte besøg og {offered} tilbudte lektioner.',
    demoNotEmpty: 'Databasen har allerede personer, så eksempeldata er ikke indlæst.',
    demoNotPlayground: '--demo virker kun, når den lokale legeplads er den eneste platform; eksempeldata er ikke indlæst.',
    upToDate: 'Databasen ({provider}) er ajour; der er ingen migreringer at køre.',
    applied: 'Kørte {count} {count:migrering|migreringer} på {provider}-databasen:',
    dbUnreachable: '{setting}: kan ikke komme i forbindelse med PostgreSQL på {server} ({reason}). Start databaseserveren, eller ret {setting}.',
    dbRefused: 'ingen lytter på porten, eller værten findes ikke',
    dbTimeout: 'forbindelsen fik timeout',
    dbMissing: '{setting}: databasen "{database}" findes ikke på PostgreSQL-serveren {server}. Opret den (createdb {database}), eller ret {setting}.',
    dbDenied: '{setting}: PostgreSQL på {server} afviste brugeren "{user}" ({detail}). Ret bruger eller adgangskode i {setting}.',
  },
  {
    usage: `Usage: sparring <command> [--help]

Commands:
  serve [--demo]                          start the bot (what \`npm start\` runs)
  migrate                                 apply pending database migrations and exit
  roster import FILE.csv [--dry-run] [--prune [--yes]]
                                          import staff, schools and roles
  courses import FILE.yaml [--dry-run]    import courses, sessions and participants
  questions check FILE.yaml               check a file of reflection questions
  gdpr export --email EMAIL [--out FILE]  everything stored about one member of staff, as JSON
  gdpr erase --email EMAIL [--yes]        erase one member of staff's data (visits still count)
  deliveries list | retry [--id ID | --all]
                                          messages that did not get through: list, send again
  digest preview|send --school SCHOOL [--week WEEK]
                                          show or send a school's weekly digest
  report --municipality MUNICIPALITY --format csv|xlsx [--out FILE]
                                          aggregate figures for every school of a municipality

  sparring <command> --help               help on one command
  sparring --version                      print the version

Settings are read from the environment and from .env (see .env.example). Texts are in Danish
unless {english}.
`,
    serveUsage: `Usage: sparring serve [--demo]

Starts Sparring – what \`npm start\` runs: brings the database up to date, starts the platforms that
are set up (Slack, Teams and/or the local playground) and runs the scheduled jobs. Stop with Ctrl+C.

  --demo   load the example data (examples/) when the playground is the only platform and the
           database is empty – like the button "Load example data" (npm start -- --demo)

Settings are read from the environment and from .env (all are listed in .env.example), among them:
{port}where the server listens (default 3978)
{database}file:./data/sparring.db (SQLite, the default) or postgresql://…
{platforms}slack, teams, local (default: from the credentials that are set;
{indent}without any, the local playground)
`,
    migrateUsage: `Usage: sparring migrate

Brings the database ({database}) up to date with the migrations that come with Sparring, and exits.
\`sparring serve\` does the same when it starts; this command is for deployments that migrate as a
separate step.
`,
    unknown: 'Unknown command "{name}".',
    unknownOption: "Unknown option '{option}'.",
    optionTakesNoValue: 'Option {option} does not take a value.',
    optionNeedsValue: 'Option {option} needs a value.',
    missingOption: '{option} is missing.',
    unexpectedArgument: 'Unexpected argument "{arg}".',
    invalidArguments: 'Invalid arguments: {error}',
    noArguments: '"sparring {command}" takes no arguments (got "{args}").',
    serveArguments: '"sparring serve" only takes --demo (got "{args}").',
    demoLoaded: 'Example data loaded: {people} people, {courses} courses, {held} held visits and {offered} offered lessons.',
    demoNotEmpty: 'The database already has people, so the example data was not loaded.',
    demoNotPlayground: '--demo only works when the local playground is the only platform; the example data was not loaded.',
    upToDate: 'The database ({provider}) is up to date; there are no migrations to apply.',
    applied: 'Applied {count} {count:migration|migrations} to the {provider} database:',
    dbUnreachable: '{setting}: cannot connect to PostgreSQL at {server} ({reason}). Start the database server or correct {setting}.',
    dbRefused: 'nothing listens on that port, or the host does not exist',
    dbTimeout: 'the connection timed out',
    dbMissing: '{setting}: the database "{database}" does not exist on the PostgreSQL server {server}. Create it (createdb {database}) or correct {setting}.',
    dbDenied: '{setting}: PostgreSQL at {server} refused the user "{user}" ({detail}). Correct the user or password in {setting}.',
  },
);

/** Setting names for the help texts, padded into the column the descriptions start in. */
export function helpSettings(): Record<string, string> {
  const column = (name: string) => `  ${name}`.padEnd(24);
  return { port: column('PORT, HOST'), database: column('DATABASE_URL'), platforms: column('SPARRING_PLATFORMS'), indent: column(''), english: 'SPARRING_LOCALE=en' };
}

export function serveUsage(locale: Locale): string {
  return cliTexts.plain(locale, 'serveUsage', helpSettings());
}

export function migrateUsage(locale: Locale): string {
  return cliTexts.plain(locale, 'migrateUsage', { database: 'DATABASE_URL' });
}

export function usage(locale: Locale): string {
  return cliTexts.plain(locale, 'usage', helpSettings());
}
