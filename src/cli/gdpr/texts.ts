// Texts of `sparring gdpr`, in Danish (default) and English (SPARRING_LOCALE=en).
import { defineTexts } from '../../core/i18n/catalogue.js';

export const gdprTexts = defineTexts(
  'gdpr-cli',
  {
    usage: `Brug: sparring gdpr export --email E-MAIL [--out FIL]
       sparring gdpr erase --email E-MAIL [--yes]

En medarbejders egne data (databeskyttelsesforordningen art. 15, 17 og 20).

  export   skriver alt, hvad Sparring har gemt om personen, som JSON: personen, platform-
           identiteter, roller, forløb, lektioner og besøg, refleksioner med svar, og job og
           beskeder, der nævner personen. Uden --out skrives til standard-output.
  erase    sletter personens navn, e-mail, platform-identiteter, refleksionstekster og det
           fokus, personen har skrevet på sine lektioner, og job, der nævner personen. Besøgene
           bliver stående uden navn, så tallene i ugens overblik ikke ændrer sig. Kommende
           lektioner aflyses; kommende besøg, personen skulle på som læringsagent, bliver ledige
           igen. Alt sker i én transaktion. Spørger først på en terminal; uden terminal kræves --yes.

  --email E-MAIL   personens e-mail (som i medarbejderlisten; store og små bogstaver er lige)
  --out FIL        (export) skriv til FIL i stedet for standard-output
  --yes, -y        (erase) slet uden at spørge

Se docs/privacy.md for, hvad der gemmes, hvor længe og hvorfor.
`,
    missingSub: 'Skriv "export" eller "erase" efter "sparring gdpr".',
    unknownSub: 'Ukendt underkommando "{sub}" – brug "export" eller "erase".',
    missingEmail: 'Mangler --email: hvis data drejer det sig om?',
    outOnlyExport: '--out hører til "export".',
    yesOnlyErase: '--yes hører til "erase".',
    noPerson: 'Ingen medarbejder i Sparring har e-mailen {email}. Intet er ændret.',
    exported: 'Skrev data om {count} {count:person|personer} til {file}.',
    writeFailed: 'Kunne ikke skrive {file}: {reason}. Intet er skrevet.',
    eraseIntro: 'Disse data slettes:',
    eraseLine: '  {name} ({municipality}): {teacher} {teacher:lektion|lektioner} som lærer, {agent} besøg som læringsagent, {reflections} {reflections:refleksion|refleksioner}',
    eraseNeedsYes: 'Sletning kan ikke fortrydes. Kør igen med --yes for at slette uden at blive spurgt.',
    eraseQuestion: 'Slet? Det kan ikke fortrydes. [j/N] ',
    eraseCancelled: 'Intet er slettet.',
    erased:
      'Slettet i {municipality}: {answers} svar, {identities} {identities:platform-identitet|platform-identiteter}, {jobs} job og beskeder. {kept} besøg er bevaret uden navn; {cancelled} {cancelled:kommende lektion|kommende lektioner} aflyst, {released} kommende besøg ledige igen.',
    failed: 'Databasen svarede med en fejl: {error}. Intet er slettet.',
  },
  {
    usage: `Usage: sparring gdpr export --email EMAIL [--out FILE]
       sparring gdpr erase --email EMAIL [--yes]

A member of staff's own data (GDPR articles 15, 17 and 20).

  export   writes everything Sparring stores about the person as JSON: the person, platform
           identities, roles, courses, lessons and visits, reflections with answers, and jobs
           and messages that name the person. Without --out it goes to standard output.
  erase    deletes the person's name, email, platform identities, reflection texts and the
           focus they wrote on their lessons, and jobs that name them. Visits stay, without a
           name, so the weekly digest's figures do not change. Upcoming lessons are cancelled;
           upcoming visits they were to make as learning agent become open again. All in one
           transaction. Asks first on a terminal; without a terminal --yes is required.

  --email EMAIL    the person's email (as in the staff list; case does not matter)
  --out FILE       (export) write to FILE instead of standard output
  --yes, -y        (erase) erase without asking

See docs/privacy.md for what is stored, for how long and why.
`,
    missingSub: 'Type "export" or "erase" after "sparring gdpr".',
    unknownSub: 'Unknown sub-command "{sub}" – use "export" or "erase".',
    missingEmail: 'Missing --email: whose data is this about?',
    outOnlyExport: '--out belongs to "export".',
    yesOnlyErase: '--yes belongs to "erase".',
    noPerson: 'No member of staff in Sparring has the email {email}. Nothing was changed.',
    exported: 'Wrote the data of {count} {count:person|people} to {file}.',
    writeFailed: 'Could not write {file}: {reason}. Nothing was written.',
    eraseIntro: 'These data will be erased:',
    eraseLine: '  {name} ({municipality}): {teacher} {teacher:lesson|lessons} as teacher, {agent} {agent:visit|visits} as learning agent, {reflections} {reflections:reflection|reflections}',
    eraseNeedsYes: 'Erasure cannot be undone. Run again with --yes to erase without being asked.',
    eraseQuestion: 'Erase? This cannot be undone. [y/N] ',
    eraseCancelled: 'Nothing was erased.',
    erased:
      'Erased in {municipality}: {answers} {answers:answer|answers}, {identities} platform {identities:identity|identities}, {jobs} {jobs:job|jobs} and messages. {kept} {kept:visit|visits} kept without a name; {cancelled} upcoming {cancelled:lesson|lessons} cancelled, {released} upcoming {released:visit|visits} open again.',
    failed: 'The database answered with an error: {error}. Nothing was erased.',
  },
);
