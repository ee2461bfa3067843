// Texts of the operators' commands `sparring digest …` and `sparring report …`, Danish and English.
import { defineTexts } from '../core/i18n/catalogue.js';

export const operatorTexts = defineTexts(
  'cli.operator',
  {
    digestUsage: `Brug: sparring digest preview|send --school SKOLE [--week UGE]

  sparring digest preview --school SKOLE [--week UGE] [--chart FIL.png]
      viser ugeoversigten, som skolens ledelse ser den (uden at sende noget)
  sparring digest send --school SKOLE --week UGE
      sender ugeoversigten nu – én gang; er den sendt før, sker der intet

SKOLE er skolens navn (som i medarbejderlisten) eller id. UGE er et ugenummer i år (48) eller
2026-W48; uden --week bruges den igangværende uge. Beskederne lægges i kø og sendes af den kørende
server (inden for et minut).
`,
    reportUsage: `Brug: sparring report --municipality KOMMUNE --format csv|xlsx [--out FIL]

Skriver de samlede tal for alle kommunens skoler (samme regel som ugeoversigten: tal, der bygger på
færre end 5 lærere, står som "<5"). KOMMUNE er kommunens kortnavn (slug) eller id. Uden --out skrives
CSV på skærmen; xlsx kræver --out.
`,
    unknownSchool: 'Skolen "{school}" findes ikke. Skriv navnet, som det står i medarbejderlisten, eller skolens id.',
    unknownMunicipality: 'Kommunen "{municipality}" findes ikke. Brug kortnavnet (fx naestved) eller id.',
    badWeek: 'Ugen "{week}" forstår jeg ikke. Skriv et ugenummer (1–53) eller fx 2026-W48.',
    badFormat: 'Formatet skal være csv eller xlsx (fik "{format}").',
    xlsxNeedsOut: 'xlsx er en binær fil: angiv --out FIL.xlsx.',
    sent: 'Ugeoversigten for {school}, uge {week}, er lagt i kø og sendes af serveren.',
    alreadySent: 'Ugeoversigten for {school}, uge {week}, er allerede sendt. Intet er sendt igen.',
    unreachable: 'Ugeoversigten for {school}, uge {week}, kan ikke sendes: ingen ledelseskanal og ingen leder, der kan nås. Koordinatoren har fået besked. Intet er registreret som sendt.',
    chartWritten: 'Diagrammet er gemt i {file}.',
    reportWritten: 'Rapporten er gemt i {file} ({rows} rækker).',
    colSchool: 'Skole',
    colWeek: 'Uge',
    colCourse: 'Forløb',
    colParticipants: 'Deltagere',
    colReached: 'Har fået målet',
    colTarget: 'Mål (feedbacks)',
    colHeld: 'Besøg i alt',
    colReflected: 'Med refleksion',
    colAsOf: 'Opgjort',
    colWeekHeld: 'Besøg i ugen',
    colPlanned: 'Planlagt 7 dage',
    colOpen: 'Ledige',
    colUnclaimed: 'Ikke taget i ugen',
  },
  {
    digestUsage: `Usage: sparring digest preview|send --school SCHOOL [--week WEEK]

  sparring digest preview --school SCHOOL [--week WEEK] [--chart FILE.png]
      shows the weekly digest as the school's leaders see it (sends nothing)
  sparring digest send --school SCHOOL --week WEEK
      sends the weekly digest now – once; if it was sent before, nothing happens

SCHOOL is the school's name (as in the staff list) or id. WEEK is a week number this year (48) or
2026-W48; without --week, the current week. Messages are queued and sent by the running server
(within a minute).
`,
    reportUsage: `Usage: sparring report --municipality MUNICIPALITY --format csv|xlsx [--out FILE]

Writes the aggregate figures of every school of the municipality (the digest's rule: figures resting
on fewer than 5 teachers read "<5"). MUNICIPALITY is its short name (slug) or id. Without --out, CSV
goes to the screen; xlsx needs --out.
`,
    unknownSchool: 'There is no school "{school}". Type the name as in the staff list, or the school’s id.',
    unknownMunicipality: 'There is no municipality "{municipality}". Use its short name (e.g. naestved) or id.',
    badWeek: 'I do not understand the week "{week}". Type a week number (1–53) or e.g. 2026-W48.',
    badFormat: 'The format must be csv or xlsx (got "{format}").',
    xlsxNeedsOut: 'xlsx is a binary file: give --out FILE.xlsx.',
    sent: 'The weekly digest for {school}, week {week}, is queued and the server sends it.',
    alreadySent: 'The weekly digest for {school}, week {week}, was sent already. Nothing was sent again.',
    unreachable: 'The weekly digest for {school}, week {week}, cannot be sent: no leadership channel and no leader who can be reached. The coordinator has been told. Nothing is recorded as sent.',
    chartWritten: 'The chart is saved in {file}.',
    reportWritten: 'The report is saved in {file} ({rows} rows).',
    colSchool: 'School',
    colWeek: 'Week',
    colCourse: 'Course',
    colParticipants: 'Participants',
    colReached: 'Reached the target',
    colTarget: 'Target (feedbacks)',
    colHeld: 'Visits in all',
    colReflected: 'With a reflection',
    colAsOf: 'As of',
    colWeekHeld: 'Visits in the week',
    colPlanned: 'Planned 7 days',
    colOpen: 'Open',
    colUnclaimed: 'Not claimed in the week',
  },
);
