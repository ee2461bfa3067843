import { describe, expect, it } from 'vitest';
import { buildDesiredRoster, detectDelimiter, parseRole, parseRosterCsv, RosterFileError, slugify } from '../../../src/flows/roster/index.js';

const HEADER = 'email,name,school,role';

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
    expect(() => parseRosterCsv(latin1)).toThrow(/not UTF-8/);
  });

  it('detects semicolons (Danish Excel) from the header line', () => {
    const r = parseRosterCsv('Email;Navn_ignored;Name;School;Role\nanne@k.dk;x;Hansen, Anne;Holsted Skole;Lærer\n');
    expect(r.delimiter).toBe(';');
    expect(r.rows[0]).toMatchObject({ name: 'Hansen, Anne', roles: ['teacher'] });
    expect(r.warnings).toEqual([{ line: 1, message: expect.stringContaining('"Navn_ignored" is not used') }]);
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
    expect(r.problems).toEqual([{ line: 6, message: expect.stringContaining('role "rektor" is not a role') }]);
  });

  it('counts lines the same with CRLF and LF', () => {
    const rows = [HEADER, 'a@k.dk,"A', 'B",S,teacher', 'bad,C,S,teacher'];
    const lf = parseRosterCsv(rows.join('\n')).problems;
    const crlf = parseRosterCsv(rows.join('\r\n')).problems;
    expect(lf).toEqual([{ line: 4, message: 'email "bad" is not a valid email address' }]);
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
      { line: 3, message: 'email "not-an-email" is not a valid email address' },
      { line: 3, message: 'name is empty' },
      { line: 3, message: 'school is empty' },
      { line: 3, message: expect.stringMatching(/^role is empty \(use teacher\/lærer/) },
      { line: 3, message: expect.stringContaining('locale "fr" is not supported') },
      { line: 3, message: expect.stringContaining('slack_user_id "x123" is not a Slack user id') },
      { line: 3, message: expect.stringContaining('teams_aad_id "nope"') },
      { line: 6, message: expect.stringContaining('8 fields but the header has 7') },
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
    expect(() => parseRosterCsv('email,name\na@k.dk,A\n')).toThrow(/lacks the columns school, role/);
    expect(() => parseRosterCsv('')).toThrow(RosterFileError);
    try {
      parseRosterCsv(`${HEADER}\na@k.dk,"A,S,teacher\n`);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RosterFileError);
      expect((err as Error).message).toMatch(/not valid CSV/);
    }
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
      { line: 3, message: 'a@k.dk is named "Anne Hansén" here but "Anne Hansen" on line 2' },
      { line: 3, message: 'a@k.dk has locale "en" here but "da" on line 2' },
      { line: 3, message: 'a@k.dk has slack_user_id UA2 here but UA1 on line 2' },
      { line: 4, message: 'slack_user_id UA1 is also given to a@k.dk on line 2' },
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
