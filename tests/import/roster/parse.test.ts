import { describe, expect, it } from 'vitest';
import { buildDesiredRoster, detectDelimiter, parseRole, parseRosterCsv, RosterFileError, slugify } from '../../../src/import/roster/index.js';

const HEADER = 'email,name,school,role';

/** The RosterFileError fn throws. */
function fileError(fn: () => unknown): RosterFileError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RosterFileError);
    return err as RosterFileError;
  }
  return expect.unreachable();
}

describe('parseRosterCsv', () => {
  it('reads comma-separated UTF-8 with a BOM', () => {
    const r = parseRosterCsv(`\ufeff${HEADER}\nanne@k.dk,Anne Ærø,Holsted Skole,teacher\n`);
    expect(r.problems).toEqual([]);
    expect(r.delimiter).toBe(',');
    expect(r.rows).toEqual([
      expect.objectContaining({ line: 2, email: 'anne@k.dk', name: 'Anne Ærø', school: 'Holsted Skole', roles: ['teacher'] }),
    ]);
  });

  it('accepts bytes and refuses text that is not UTF-8', () => {
    const ok = parseRosterCsv(new TextEncoder().encode(`${HEADER}\nbo@k.dk,Bø,S,lærer\n`));
    expect(ok.rows[0]?.name).toBe('Bø');
    const latin1 = Uint8Array.from([...Buffer.from(`${HEADER}\nbo@k.dk,B`), 0xf8, ...Buffer.from(',S,teacher\n')]);
    expect(fileError(() => parseRosterCsv(latin1)).code).toBe('notUtf8');
  });

  it('detects semicolons (Danish Excel) from the header line', () => {
    const r = parseRosterCsv('Email;Navn_ignored;Name;School;Role\nanne@k.dk;x;Hansen, Anne;Holsted Skole;Lærer\n');
    expect(r.delimiter).toBe(';');
    expect(r.rows[0]).toMatchObject({ name: 'Hansen, Anne', roles: ['teacher'] });
    expect(r.warnings).toEqual([
      { line: 1, code: 'columnUnused', params: { column: 'Navn_ignored', known: 'email, name, school, role, municipality, locale, slack_user_id, teams_aad_id' } },
    ]);
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });

  it('handles quoted delimiters, quotes and newlines, and reports physical line numbers', () => {
    const csv = [
      HEADER,
      '"a@k.dk","Hansen, Anne","Skole ""Øst""",teacher',
      'b@k.dk,"Bo',
      'Bæk",Skole Øst,teacher',
      '',
      'c@k.dk,Carl,Skole Øst,rektor',
    ].join('\r\n');
    const r = parseRosterCsv(csv);
    expect(r.rows.map((x) => [x.line, x.name, x.school])).toEqual([
      [2, 'Hansen, Anne', 'Skole "Øst"'],
      [3, 'Bo Bæk', 'Skole Øst'], // inner whitespace (the newline) collapsed
    ]);
    expect(r.problems).toEqual([{ line: 6, code: 'roleUnknown', params: { role: 'rektor' } }]);
  });

  it('counts lines the same with CRLF and LF', () => {
    const rows = [HEADER, 'a@k.dk,"A', 'B",S,teacher', 'bad,C,S,teacher'];
    const lf = parseRosterCsv(rows.join('\n')).problems;
    const crlf = parseRosterCsv(rows.join('\r\n')).problems;
    expect(lf).toEqual([{ line: 4, code: 'emailInvalid', params: { email: 'bad' } }]);
    expect(crlf).toEqual(lf);
  });

  it('accepts header names in any case and order, with spaces', () => {
    const r = parseRosterCsv(' ROLE , School,NAME,eMail \nleder,S,Lis,LIS@K.DK\n');
    expect(r.rows[0]).toMatchObject({ email: 'lis@k.dk', roles: ['leader'] });
  });

  it('reads several roles separated by ";" and Danish names in any case', () => {
    const r = parseRosterCsv(`${HEADER}\na@k.dk,A,S,"Lærer; LÆRINGSAGENT;pædagog"\nb@k.dk,B,S,Konsulent\nc@k.dk,C,S,koordinator;leder\n`);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.roles)).toEqual([['teacher', 'learning_agent', 'pedagogue'], ['consultant'], ['coordinator', 'leader']]);
  });

  it('reports every problem of every row with its line', () => {
    const csv = [
      'email;name;school;role;locale;slack_user_id;teams_aad_id',
      'a@k.dk;A;S;teacher;da;U123ABC;',
      'not-an-email;;;;fr;x123;nope',
      'c@k.dk;C;S;teacher;;;',
      'd@k.dk;D;S;teacher;en;;1B4E28BA-2FA1-11D2-883F-0016D3CCA427',
      'e@k.dk;E;S;teacher;;;;extra',
    ].join('\n');
    const r = parseRosterCsv(csv);
    expect(r.problems).toEqual([
      { line: 3, code: 'emailInvalid', params: { email: 'not-an-email' } },
      { line: 3, code: 'nameEmpty', params: {} },
      { line: 3, code: 'schoolEmpty', params: {} },
      { line: 3, code: 'roleEmpty', params: {} },
      { line: 3, code: 'localeUnsupported', params: { locale: 'fr' } },
      { line: 3, code: 'slackIdInvalid', params: { column: 'slack_user_id', id: 'x123' } },
      { line: 3, code: 'teamsIdInvalid', params: { column: 'teams_aad_id', id: 'nope' } },
      { line: 6, code: 'fieldCount', params: { fields: 8, header: 7, delimiter: ';' } },
    ]);
    expect(r.rows.map((x) => [x.email, x.locale, x.slackUserId, x.teamsAadId])).toEqual([
      ['a@k.dk', 'da', 'U123ABC', undefined],
      ['c@k.dk', null, undefined, undefined],
      ['d@k.dk', 'en', undefined, '1b4e28ba-2fa1-11d2-883f-0016d3cca427'],
    ]);
  });

  it('skips blank and all-empty rows', () => {
    const r = parseRosterCsv(`email;name;school;role\n\n;;;\na@k.dk;A;S;teacher\n`);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.line)).toEqual([4]);
  });

  it('refuses a header without the required columns, or an unreadable file', () => {
    expect(fileError(() => parseRosterCsv('email,name\na@k.dk,A\n'))).toMatchObject({
      code: 'missingColumns',
      params: { missing: 'school, role', found: 'email,name' },
      line: 1,
    });
    expect(fileError(() => parseRosterCsv('email,name,school\n')).code).toBe('missingColumn');
    expect(fileError(() => parseRosterCsv('')).code).toBe('fileEmpty');
    expect(fileError(() => parseRosterCsv(`${HEADER}\na@k.dk,"A,S,teacher\n`))).toMatchObject({ code: 'csvQuoteNotClosed', line: 2 });
    expect(fileError(() => parseRosterCsv(`${HEADER}\na@k.dk,"A"x,S,teacher\n`))).toMatchObject({ code: 'csvInvalidClosingQuote', params: { char: 'x' } });
    expect(fileError(() => parseRosterCsv(`${HEADER}\na@k.dk,A"x,S,teacher\n`)).code).toBe('csvInvalidOpeningQuote');
  });
});

describe('buildDesiredRoster', () => {
  it('merges rows of the same person, emails differing only in case', () => {
    const r = parseRosterCsv(`${HEADER}\nAnne@K.dk,Anne,Holsted Skole,teacher\nanne@k.dk,Anne,holsted skole,learning_agent\nANNE@k.dk,Anne,Kobberbakkeskolen,teacher\n`);
    const { desired, problems } = buildDesiredRoster(r.rows, 'Næstved');
    expect(problems).toEqual([]);
    expect(desired).toHaveLength(1);
    expect(desired[0]!.slug).toBe('naestved');
    expect(desired[0]!.schools).toEqual(['Holsted Skole', 'Kobberbakkeskolen']);
    expect([...desired[0]!.persons.values()]).toEqual([
      expect.objectContaining({
        email: 'anne@k.dk',
        memberships: [
          { school: 'Holsted Skole', role: 'teacher' },
          { school: 'Holsted Skole', role: 'learning_agent' },
          { school: 'Kobberbakkeskolen', role: 'teacher' },
        ],
      }),
    ]);
  });

  it('reports conflicting names, locales and ids naming both lines', () => {
    const csv = [
      'email,name,school,role,locale,slack_user_id',
      'a@k.dk,Anne Hansen,S,teacher,da,UA1',
      'A@K.DK,Anne Hansén,T,teacher,en,UA2',
      'b@k.dk,Bo,S,teacher,,UA1',
    ].join('\n');
    const { problems } = buildDesiredRoster(parseRosterCsv(csv).rows, 'k');
    expect(problems).toEqual([
      { line: 3, code: 'nameConflict', params: { email: 'a@k.dk', name: 'Anne Hansén', other: 'Anne Hansen', otherLine: 2 } },
      { line: 3, code: 'localeConflict', params: { email: 'a@k.dk', locale: 'en', other: 'da', otherLine: 2 } },
      { line: 3, code: 'idConflict', params: { email: 'a@k.dk', column: 'slack_user_id', id: 'UA2', other: 'UA1', otherLine: 2 } },
      { line: 4, code: 'idShared', params: { column: 'slack_user_id', id: 'UA1', email: 'a@k.dk', otherLine: 2 } },
    ]);
  });

  it('groups by the municipality column, falling back to the default', () => {
    const csv = 'email,name,school,role,municipality\na@k.dk,A,S,teacher,Næstved Kommune\nb@k.dk,B,S,teacher,\n';
    const { desired } = buildDesiredRoster(parseRosterCsv(csv).rows, 'ringsted');
    expect(desired.map((m) => [m.slug, m.name])).toEqual([
      ['naestved-kommune', 'Næstved Kommune'],
      ['ringsted', 'ringsted'],
    ]);
  });
});

describe('roles and slugs', () => {
  it('knows every role in English and Danish', () => {
    expect(['teacher', 'Lærer', 'pedagogue', 'PÆDAGOG', 'learning agent', 'Læringsagent', 'consultant', 'konsulent', 'leader', 'Leder', 'coordinator', 'Koordinator'].map(parseRole)).toEqual([
      'teacher', 'teacher', 'pedagogue', 'pedagogue', 'learning_agent', 'learning_agent', 'consultant', 'consultant', 'leader', 'leader', 'coordinator', 'coordinator',
    ]);
    expect(parseRole('rektor')).toBeUndefined();
    // NFD (as macOS may write it) is the same word.
    expect(parseRole('Lærer'.normalize('NFD'))).toBe('teacher');
  });

  it('slugifies Danish names', () => {
    expect(slugify(' Næstved  Kommune ')).toBe('naestved-kommune');
    expect(slugify('Høje-Taastrup')).toBe('hoeje-taastrup');
    expect(slugify('Åbenrå')).toBe('aabenraa');
  });
});
