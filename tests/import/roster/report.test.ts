// The import reports word structured problems in Danish (default) or English.
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../src/core/i18n/catalogue.js';
import { courseTexts } from '../../../src/import/courses/texts.js';
import { describeCourseProblem, formatLocated } from '../../../src/import/courses/report.js';
import {
  buildDesiredRoster,
  countPlan,
  formatProblems,
  formatRosterChanges,
  formatRosterSummary,
  formatWarnings,
  parseRosterCsv,
  planRoster,
  type RosterCounts,
} from '../../../src/import/roster/index.js';
import { importTexts, rosterTexts } from '../../../src/import/roster/texts.js';

const zero: RosterCounts = {
  people: 0, added: 0, updated: 0, reactivated: 0, deactivated: 0, missing: 0, schools: 0,
  schoolsAdded: 0, rolesAdded: 0, rolesRemoved: 0, identitiesChanged: 0, municipalitiesAdded: 0,
};

describe('import catalogues', () => {
  it('are plain text: no template turns into *bold* or _italic_ (identifiers with "_" are parameters)', () => {
    for (const texts of [importTexts, rosterTexts, courseTexts])
      for (const table of [texts.da, texts.en])
        for (const [key, template] of Object.entries(table))
          expect(renderTemplate(template).every((s) => !s.bold && !s.italic), `${texts.namespace}.${key}`).toBe(true);
  });
});

describe('roster report', () => {
  const csv = ['email;name;school;role;colour', 'a@k.dk;A;S;Rektor;x', 'bad;B;;lærer;y'].join('\n');
  const parsed = parseRosterCsv(csv);

  it('words problems and warnings in Danish by default and in English on request', () => {
    expect(formatProblems(parsed.problems, 'f.csv', 'da')).toEqual([
      'f.csv: 3 fejl – intet er importeret.',
      '  linje 2: rollen "Rektor" findes ikke (brug lærer/teacher, pædagog/pedagogue, læringsagent/learning_agent, konsulent/consultant, leder/leader, koordinator/coordinator)',
      '  linje 3: e-mailadressen "bad" er ikke gyldig',
      '  linje 3: skole mangler',
    ]);
    expect(formatProblems(parsed.problems.slice(0, 1), 'f.csv', 'en')).toEqual([
      'f.csv: 1 problem; nothing was imported.',
      '  line 2: role "Rektor" is not a role (use teacher/lærer, pedagogue/pædagog, learning_agent/læringsagent, consultant/konsulent, leader/leder, coordinator/koordinator)',
    ]);
    expect(formatWarnings(parsed.warnings, 'da')).toEqual([
      'advarsel: linje 1: kolonnen "colour" bruges ikke (kendte kolonner: email, name, school, role, municipality, locale, slack_user_id, teams_aad_id)',
    ]);
  });

  it('lists changes and sums up in both languages, with Danish singular forms', () => {
    const rows = parseRosterCsv('email,name,school,role,slack_user_id\na@k.dk,Anne,Skole A,lærer;læringsagent,UA1\n').rows;
    const { desired } = buildDesiredRoster(rows, 'Næstved');
    const { plan } = planRoster(desired, { municipalities: new Map(), identities: [] }, { prune: false });
    expect(formatRosterChanges(plan, 'da')).toEqual([
      '+ kommune naestved (Næstved)',
      '+ skole Skole A',
      '+ a@k.dk (Anne): lærer på Skole A, læringsagent på Skole A',
    ]);
    expect(formatRosterChanges(plan, 'en')[2]).toBe('+ a@k.dk (Anne): teacher at Skole A, learning agent at Skole A');
    const counts = countPlan(plan);
    expect(formatRosterSummary(counts, { dryRun: true, prune: false, locale: 'da' })).toBe(
      'Medarbejderliste (prøvekørsel): 1 person (1 ny, 0 ændrede, 0 deaktiverede), 1 skole (1 ny), roller +2 −0, 1 chat-id ændret. Prøvekørsel: 6 ændringer er ikke gemt.',
    );
    expect(formatRosterSummary(counts, { dryRun: true, prune: false, locale: 'en' })).toBe(
      'Roster (dry run): 1 person (1 added, 0 updated, 0 deactivated), 1 school (1 new), roles +2 −0, chat ids 1 changed. Dry run: 6 changes not written.',
    );
    expect(
      formatRosterSummary({ ...zero, people: 46, schools: 3, reactivated: 2, missing: 3, updated: 1 }, { dryRun: false, prune: false, locale: 'da' }),
    ).toBe('Medarbejderliste: 46 personer (0 nye, 1 ændret, 2 genaktiverede, 0 deaktiverede), 3 skoler, roller +0 −0. 3 personer er ikke i filen (brug --prune for at deaktivere dem).');
  });

  it('shows a sample of a long list of people not in the file', () => {
    const persons = Array.from({ length: 53 }, (_, i) => ({
      id: `p${i}`, email: `p${i}@k.dk`, name: `P${i}`, locale: null, active: true, memberships: [], identities: [],
    }));
    const { desired } = buildDesiredRoster([], 'k');
    const current = { municipalities: new Map([['k', { id: 'm', slug: 'k', schools: [], persons }]]), identities: [] };
    const { plan } = planRoster([...desired, { slug: 'k', name: 'k', schools: [], persons: new Map() }], current, { prune: false });
    const lines = formatRosterChanges(plan, 'da');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe('? p0@k.dk (P0): er ikke i filen');
    expect(lines[50]).toBe('  … og 3 flere, der ikke er i filen');
  });
});

describe('courses report', () => {
  it('joins alternatives with "eller" / "or" and words where a problem is', () => {
    const nobody = { code: 'selectorNobody' as const, params: { roles: ['teacher', 'pedagogue'], school: 'Holsted Skole' } };
    expect(describeCourseProblem(nobody, 'da')).toBe('ingen på medarbejderlisten er lærer eller pædagog på Holsted Skole');
    expect(describeCourseProblem(nobody, 'en')).toBe('nobody is teacher or pedagogue at Holsted Skole in the roster');
    const located = { line: 6, path: 'courses[0].feedback_target', code: 'atMost' as const, params: { key: 'feedback_target', max: 10 } };
    expect(formatLocated(located, 'da')).toBe('linje 6 (courses[0].feedback_target): feedback_target må højst være 10');
    expect(formatLocated({ ...located, line: undefined }, 'en')).toBe('(courses[0].feedback_target): feedback_target must be at most 10');
    expect(formatLocated({ ...located, path: '' }, 'da')).toBe('linje 6: feedback_target må højst være 10');
  });
});
