// Texts of the coordinator's import commands (`sparring roster import`, `sparring courses import`).
// `importTexts` holds what both imports print (line prefixes, the problem header, file and command
// errors; mistakes with flags are worded in src/cli/texts.ts); `rosterTexts` the roster's own
// problems, change lines, summary and usage.
//
// The templates are plain text for a terminal: column names, YAML keys and role words that contain
// "_" are passed as parameters, so they are never read as _italic_ markup.
import { defineTexts } from '../../core/i18n/catalogue.js';

export const importTexts = defineTexts(
  'imports',
  {
    line: 'linje {line}: {message}',
    warning: 'advarsel: {message}',
    problemsOne: '{file}: 1 fejl – intet er importeret.',
    problemsMany: '{file}: {count} fejl – intet er importeret.',
    moreProblems: '  … og {count} fejl mere',
    moreWarnings: '… og {count} advarsler mere',
    noChanges: '0 ændringer.',
    dryRunOne: 'Prøvekørsel: 1 ændring er ikke gemt.',
    dryRunMany: 'Prøvekørsel: {count} ændringer er ikke gemt.',
    or: 'eller',
    unknownCommand: 'Ukendt kommando "sparring {command} {sub}".',
    missingCommand: 'Der mangler en kommando efter "sparring {command}".',
    missingFile: 'Angiv den {kind}-fil, der skal importeres.',
    cannotRead: 'Kan ikke læse {file}: {reason}',
    noSuchFile: 'filen findes ikke',
    permissionDenied: 'du har ikke adgang til filen',
    isDirectory: 'det er en mappe, ikke en fil',
    dbNoTables: 'Databasen har endnu ingen tabeller: kør først `sparring migrate`.',
    dbTimeout: 'Importen tog for lang tid og blev rullet tilbage (transaktionen fik timeout).',
    dbFailed: 'Importen mislykkedes: {error}',
    nothingImported: 'Intet er importeret.',
    progress: 'Importerer',
  },
  {
    line: 'line {line}: {message}',
    warning: 'warning: {message}',
    problemsOne: '{file}: 1 problem; nothing was imported.',
    problemsMany: '{file}: {count} problems; nothing was imported.',
    moreProblems: '  … and {count} more problems',
    moreWarnings: '… and {count} more warnings',
    noChanges: '0 changes.',
    dryRunOne: 'Dry run: 1 change not written.',
    dryRunMany: 'Dry run: {count} changes not written.',
    or: 'or',
    unknownCommand: 'Unknown {command} command "{sub}".',
    missingCommand: 'Missing a command after "sparring {command}".',
    missingFile: 'Missing the {kind} file.',
    cannotRead: 'Cannot read {file}: {reason}',
    noSuchFile: 'no such file',
    permissionDenied: 'permission denied',
    isDirectory: 'it is a directory, not a file',
    dbNoTables: 'The database has no tables yet: run `sparring migrate` first.',
    dbTimeout: 'The import took too long and was rolled back (transaction timeout).',
    dbFailed: 'The import failed: {error}',
    nothingImported: 'Nothing was imported.',
    progress: 'Importing',
  },
);

export type ImportTextKey = keyof typeof importTexts.da & string;

export const rosterTexts = defineTexts(
  'roster',
  {
    // ── Problems in the file (each printed after "linje N: ") ──
    emailEmpty: 'e-mailadresse mangler',
    emailInvalid: 'e-mailadressen "{email}" er ikke gyldig',
    nameEmpty: 'navn mangler',
    controlCharacter:
      '{column} indeholder et kontroltegn ({char}), som ikke hører hjemme i tekst – gem filen som "CSV UTF-8" og prøv igen',
    tooLong: '{column} er for lang: {length} tegn (højst {max})',
    schoolEmpty: 'skole mangler',
    roleEmpty: 'rolle mangler (brug {roles})',
    roleUnknown: 'rollen "{role}" findes ikke (brug {roles})',
    localeUnsupported: 'sproget "{locale}" understøttes ikke (brug da eller en, eller lad feltet stå tomt)',
    slackIdInvalid: '{column} "{id}" er ikke et bruger-id fra Slack (det ser ud som U0123ABCD eller W0123ABCD)',
    teamsIdInvalid: '{column} "{id}" er ikke et objekt-id fra Azure AD (et GUID som 1b4e28ba-2fa1-11d2-883f-0016d3cca427)',
    fieldCount: 'rækken har {fields} felter, men overskriftslinjen har {header} (et "{delimiter}" inde i en værdi skal stå i anførselstegn)',
    columnUnused: 'kolonnen "{column}" bruges ikke (kendte kolonner: {known})',
    columnTwice: 'kolonnen "{column}" står to gange i overskriftslinjen',
    municipalityNoLetters: 'kommunen "{municipality}" indeholder hverken bogstaver eller tal',
    nameConflict: '{email} hedder "{name}" her, men "{other}" i linje {otherLine}',
    localeConflict: '{email} har sproget "{locale}" her, men "{other}" i linje {otherLine}',
    idConflict: '{email} har {column} {id} her, men {other} i linje {otherLine}',
    idShared: '{column} {id} er også givet til {email} i linje {otherLine}',
    idTaken: '{column} {id} er allerede gemt for {owner}; giv {owner} sit eget id i filen, eller ret dette',
    idTakenElsewhere:
      '{column} {id} er allerede gemt for {owner} (kommune {municipality}); giv {owner} sit eget id i filen, eller ret dette',
    // ── The file cannot be read at all ──
    notUtf8:
      'filen er ikke UTF-8-tekst. I Excel: vælg "Gem som" → "CSV UTF-8 (kommasepareret)". I LibreOffice: vælg tegnsættet "Unicode (UTF-8)".',
    csvQuoteNotClosed: 'filen er ikke gyldig CSV: et anførselstegn bliver ikke lukket',
    csvInvalidClosingQuote:
      'filen er ikke gyldig CSV: efter et afsluttende anførselstegn står der "{char}" i stedet for et skilletegn',
    csvInvalidOpeningQuote:
      'filen er ikke gyldig CSV: et anførselstegn står midt i en værdi (sæt hele værdien i anførselstegn, og skriv et anførselstegn i værdien som "")',
    csvInvalid: 'filen er ikke gyldig CSV: {error}',
    fileEmpty: 'filen er tom (der skal være en overskriftslinje: {columns})',
    missingColumn: 'overskriftslinjen mangler kolonnen {missing} (fundet: {found}; påkrævet: {required}; valgfri: {optional})',
    missingColumns:
      'overskriftslinjen mangler kolonnerne {missing} (fundet: {found}; påkrævet: {required}; valgfri: {optional})',
    // ── Change lines ──
    addMunicipality: '+ kommune {slug} ({name})',
    addSchool: '+ skole {school}',
    addPeopleNotListed: '+ {count} personer (ikke vist)',
    addPerson: '+ {email} ({name}): {memberships}',
    membership: '{role} på {school}',
    changePerson: '~ {email}: {changes}',
    changeName: 'navn "{from}" → "{to}"',
    changeLocale: 'sprog {from} → {to}',
    municipalityDefault: '(kommunens standard)',
    reactivated: 'genaktiveret',
    addMembership: '+ {email}: {role} på {school}',
    removeMembership: '− {email}: {role} på {school}',
    identityMoves: '− {email}: {platform}-id {id} (flyttes til en anden person)',
    identityChanged: '~ {email}: {platform}-id {from} → {to}',
    identityAdded: '+ {email}: {platform}-id {id}',
    personDeactivated: '− {email} ({name}): deaktiveret',
    personMissing: '? {email} ({name}): er ikke i filen',
    moreDeactivated: '  … og {count} flere deaktiverede',
    moreMissing: '  … og {count} flere, der ikke er i filen',
    // ── Summary ──
    summary: 'Medarbejderliste: {details}',
    summaryDryRun: 'Medarbejderliste (prøvekørsel): {details}',
    peopleOne: '1 person',
    peopleMany: '{count} personer',
    addedOne: '1 ny',
    addedMany: '{count} nye',
    updatedOne: '1 ændret',
    updatedMany: '{count} ændrede',
    reactivatedOne: '1 genaktiveret',
    reactivatedMany: '{count} genaktiverede',
    deactivatedOne: '1 deaktiveret',
    deactivatedMany: '{count} deaktiverede',
    schoolsOne: '1 skole',
    schoolsMany: '{count} skoler',
    schoolsNewOne: '(1 ny)',
    schoolsNewMany: '({count} nye)',
    roles: 'roller +{added} −{removed}',
    chatIdsOne: '1 chat-id ændret',
    chatIdsMany: "{count} chat-id'er ændret",
    notInFileOne: '1 person er ikke i filen (brug --prune for at deaktivere).',
    notInFileMany: '{count} personer er ikke i filen (brug --prune for at deaktivere dem).',
    // ── --prune that deactivates many ──
    pruneMany: '--prune vil deaktivere {count} af {active} aktive medarbejdere i {municipality}:',
    prunePerson: '  {name} ({email})',
    pruneMore: '  … og {count} flere',
    pruneQuestion: 'Skal de deaktiveres? [j/N] ',
    pruneNeedsYes: 'Intet er ændret. Tilføj --yes for at deaktivere dem alligevel.',
    pruneCancelled: 'Intet er ændret.',
    // ── Usage ──
    usage: `Brug: sparring roster import FIL.csv [--dry-run] [--prune [--yes]]

Importerer medarbejdere, skoler og roller. Filen er UTF-8-CSV (adskilt med komma eller semikolon,
som Excel gemmer den) med en overskriftslinje. Kolonner (vilkårlig rækkefølge, store eller små bogstaver):
  {required} påkrævet
  {optional} valgfri
role: {roles}
      – flere adskilt af ";" eller på hver sin række.

  --dry-run   tjek filen og vis, hvad der ville blive ændret, uden at gemme noget
  --prune     deaktivér kommunens medarbejdere, som ikke er med i filen
              (over {pruneAbove} personer eller {pruneShare} % af kommunens aktive: spørger først)
  --yes       deaktivér uden at spørge
`,
  },
  {
    emailEmpty: 'email is empty',
    emailInvalid: 'email "{email}" is not a valid email address',
    nameEmpty: 'name is empty',
    controlCharacter: '{column} contains a control character ({char}) that does not belong in text; save the file as "CSV UTF-8" and try again',
    tooLong: '{column} is too long: {length} characters (at most {max})',
    schoolEmpty: 'school is empty',
    roleEmpty: 'role is empty (use {roles})',
    roleUnknown: 'role "{role}" is not a role (use {roles})',
    localeUnsupported: 'locale "{locale}" is not supported (use da or en, or leave it empty)',
    slackIdInvalid: '{column} "{id}" is not a Slack user id (it looks like U0123ABCD or W0123ABCD)',
    teamsIdInvalid: '{column} "{id}" is not an Azure AD object id (a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427)',
    fieldCount: '{fields} fields but the header has {header} (a "{delimiter}" inside a value must be quoted)',
    columnUnused: 'column "{column}" is not used (known columns: {known})',
    columnTwice: 'column "{column}" appears twice in the header',
    municipalityNoLetters: 'municipality "{municipality}" has no letters or digits',
    nameConflict: '{email} is named "{name}" here but "{other}" on line {otherLine}',
    localeConflict: '{email} has locale "{locale}" here but "{other}" on line {otherLine}',
    idConflict: '{email} has {column} {id} here but {other} on line {otherLine}',
    idShared: '{column} {id} is also given to {email} on line {otherLine}',
    idTaken: '{column} {id} is already stored for {owner}; give {owner} their own id in the file, or correct this one',
    idTakenElsewhere:
      '{column} {id} is already stored for {owner} (municipality {municipality}); give {owner} their own id in the file, or correct this one',
    notUtf8:
      'the file is not UTF-8 text. In Excel use "Save As" → "CSV UTF-8 (Comma delimited)"; in LibreOffice choose the character set "Unicode (UTF-8)".',
    csvQuoteNotClosed: 'the file is not valid CSV: Quote Not Closed (a quote is opened but never closed)',
    csvInvalidClosingQuote: 'the file is not valid CSV: "{char}" follows a closing quote instead of a separator',
    csvInvalidOpeningQuote:
      'the file is not valid CSV: a quote appears inside a value (quote the whole value, and write a quote inside it as "")',
    csvInvalid: 'the file is not valid CSV: {error}',
    fileEmpty: 'the file is empty (expected a header row: {columns})',
    missingColumn: 'the header row lacks the column {missing} (found: {found}; required: {required}; optional: {optional})',
    missingColumns: 'the header row lacks the columns {missing} (found: {found}; required: {required}; optional: {optional})',
    addMunicipality: '+ municipality {slug} ({name})',
    addSchool: '+ school {school}',
    addPeopleNotListed: '+ {count} people (not listed)',
    addPerson: '+ {email} ({name}): {memberships}',
    membership: '{role} at {school}',
    changePerson: '~ {email}: {changes}',
    changeName: 'name "{from}" → "{to}"',
    changeLocale: 'locale {from} → {to}',
    municipalityDefault: '(municipality default)',
    reactivated: 'reactivated',
    addMembership: '+ {email}: {role} at {school}',
    removeMembership: '− {email}: {role} at {school}',
    identityMoves: '− {email}: {platform} id {id} (moves to another person)',
    identityChanged: '~ {email}: {platform} id {from} → {to}',
    identityAdded: '+ {email}: {platform} id {id}',
    personDeactivated: '− {email} ({name}): deactivated',
    personMissing: '? {email} ({name}): not in the file',
    moreDeactivated: '  … and {count} more deactivated',
    moreMissing: '  … and {count} more not in the file',
    summary: 'Roster: {details}',
    summaryDryRun: 'Roster (dry run): {details}',
    peopleOne: '1 person',
    peopleMany: '{count} people',
    addedOne: '1 added',
    addedMany: '{count} added',
    updatedOne: '1 updated',
    updatedMany: '{count} updated',
    reactivatedOne: '1 reactivated',
    reactivatedMany: '{count} reactivated',
    deactivatedOne: '1 deactivated',
    deactivatedMany: '{count} deactivated',
    schoolsOne: '1 school',
    schoolsMany: '{count} schools',
    schoolsNewOne: '(1 new)',
    schoolsNewMany: '({count} new)',
    roles: 'roles +{added} −{removed}',
    chatIdsOne: 'chat ids 1 changed',
    chatIdsMany: 'chat ids {count} changed',
    notInFileOne: '1 person not in the file (use --prune to deactivate).',
    notInFileMany: '{count} people not in the file (use --prune to deactivate).',
    pruneMany: '--prune would deactivate {count} of the {active} active people in {municipality}:',
    prunePerson: '  {name} ({email})',
    pruneMore: '  … and {count} more',
    pruneQuestion: 'Deactivate them? [y/N] ',
    pruneNeedsYes: 'Nothing was changed. Add --yes to deactivate them anyway.',
    pruneCancelled: 'Nothing was changed.',
    usage: `Usage: sparring roster import FILE.csv [--dry-run] [--prune [--yes]]

Imports staff, schools and roles. The file is UTF-8 CSV (comma or semicolon separated, as Excel
writes it) with a header row. Columns (any order, any case):
  {required} required
  {optional} optional
role: {roles}
      — several separated by ";" or on repeated rows.

  --dry-run   check the file and show what would change, write nothing
  --prune     deactivate people of the municipality who are not in the file
              (more than {pruneAbove} people or {pruneShare} % of its active staff: asks first)
  --yes       deactivate without asking
`,
  },
);

export type RosterTextKey = keyof typeof rosterTexts.da & string;
