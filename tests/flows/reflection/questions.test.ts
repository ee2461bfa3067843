// The questions: a default set per course theme in both languages, her own focus asked back first,
// a municipality's file replacing sets, and a bad file refused with line and path.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { parseQuestionsYaml, formatQuestionProblems } from '../../../src/flows/reflection/questions/file.js';
import { DEFAULT_QUESTION_SETS, QUESTION_THEMES, questionsFor } from '../../../src/flows/reflection/questions/sets.js';
import type { Scenario } from '../../support/scenario.js';
import { click, heldVisit, promptButton } from './fixture.js';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.cleanup();
  s = undefined;
});

const EXAMPLE = readFileSync(new URL('../../../examples/questions.yaml', import.meta.url), 'utf8');

describe('default questions', () => {
  it('has 3–5 open questions for every theme, in Danish and English, none presuming success or a next session', () => {
    for (const theme of QUESTION_THEMES) {
      const set = DEFAULT_QUESTION_SETS[theme];
      expect(set.length).toBeGreaterThanOrEqual(3);
      expect(set.length).toBeLessThanOrEqual(5);
      for (const q of set) {
        expect(q.da).toContain('?');
        expect(q.en).toContain('?');
        expect(`${q.da} ${q.en}`).not.toMatch(/lykkedes det|næste kursusgang|next course session|did you succeed/i);
      }
      expect(set[0]!.withFocus?.da).toContain('{focus}');
      expect(set[0]!.withFocus?.en).toContain('{focus}');
    }
    // The themes differ: each asks about its own subject.
    expect(new Set(QUESTION_THEMES.map((t) => DEFAULT_QUESTION_SETS[t][1]!.da)).size).toBe(QUESTION_THEMES.length);
  });

  it('asks her own focus back in the first question, literally', () => {
    const asked = questionsFor(DEFAULT_QUESTION_SETS, 'maalorienteret', 'at eleverne kan $& forklare målet');
    expect(asked[0]!.da).toBe('Du bad om feedback på »at eleverne kan $& forklare målet«. Hvad var målet for lektionen, og hvad lagde du selv mærke til omkring det?');
    expect(asked.slice(1)).toEqual(DEFAULT_QUESTION_SETS.maalorienteret.slice(1).map(({ key, da, en }) => ({ key, da, en })));
    expect(questionsFor(DEFAULT_QUESTION_SETS, null, null)[0]!.da).toBe(DEFAULT_QUESTION_SETS.general[0]!.da);
  });

  it('asks the course theme\'s questions, in Danish and in English', async () => {
    const v = await heldVisit({ theme: 'inkluderende', focus: 'de stille elever', teacherLocale: 'en' });
    s = v.s;
    const first = await click(s, v.teacher, 'reflection.chat', promptButton(s, v.teacher, 'reflection.chat').value);
    expect(first).toContain('Question 1 of 4: You asked for feedback on “de stille elever”.');
    const stored = JSON.parse((await s.runtime.db.reflection.findFirstOrThrow()).questions!);
    expect(stored[1].da).toBe(DEFAULT_QUESTION_SETS.inkluderende[1]!.da);
  });
});

describe('a municipality\'s own questions file', () => {
  it('accepts the example (the defaults)', () => {
    const r = parseQuestionsYaml(EXAMPLE);
    expect(r).toMatchObject({ ok: true, themesInFile: [...QUESTION_THEMES] });
    if (r.ok) expect(r.sets).toEqual(DEFAULT_QUESTION_SETS);
  });

  it('replaces the sets it names and keeps the defaults for the others, for prompts from then on', async () => {
    const file = parseQuestionsYaml(`themes:\n  klasseledelse:\n    - key: ro\n      da: Hvornår var der ro til at lære?\n      en: When was there calm to learn?\n    - key: igen\n      da: Hvad gør du igen?\n      en: What will you do again?\n`);
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.sets.general).toEqual(DEFAULT_QUESTION_SETS.general);
    const v = await heldVisit({ theme: 'klasseledelse', focus: 'overgange', config: { reflection: { questions: file.sets } } });
    s = v.s;
    const first = await click(s, v.teacher, 'reflection.chat', promptButton(s, v.teacher, 'reflection.chat').value);
    // No with_focus in the file: the question is asked as written.
    expect(first).toContain('Spørgsmål 1 af 2: Hvornår var der ro til at lære?');
    await click(s, v.teacher, 'reflection.open', promptButton(s, v.teacher, 'reflection.open').value);
    expect(s.chat.lastFormFor(v.teacher.personId)!.fields.map((f) => f.label)).toEqual(['Hvornår var der ro til at lære?', 'Hvad gør du igen?']);
  });

  it('refuses a bad file with line and path for every problem', () => {
    const bad = [
      'themes:', //                                   1
      '  klasseledelse:', //                          2
      '    - key: Mål', //                            3  key format
      '      da: Hvad skulle de lære?', //            4
      '      en: What were they to learn?', //        5
      '      with_focus:', //                         6
      '        da: Uden fokus', //                    7  no {focus}
      '        en: You asked for {focus}.', //        8
      '    - key: b', //                              9
      '      da: ""', //                              10 empty
      '      en: Fine?', //                           11
      '      farve: rød', //                          12 unknown field
      '  matematik:', //                              13 unknown theme
      '    - key: x', //                              14
      '      da: x', //                               15
      '      en: x', //                               16
    ].join('\n');
    const r = parseQuestionsYaml(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = formatQuestionProblems(r.problems, 'q.yaml', 'da');
    expect(lines).toEqual(
      expect.arrayContaining([
        'q.yaml, linje 3 (themes.klasseledelse[0].key): key må kun indeholde små bogstaver a–z, tal, "_" og "-"',
        'q.yaml, linje 7 (themes.klasseledelse[0].with_focus.da): with_focus skal indeholde {focus}, så lærerens eget fokus bliver spurgt tilbage',
        'q.yaml, linje 10 (themes.klasseledelse[1].da): "da" er tom',
        'q.yaml, linje 12 (themes.klasseledelse[1].farve): ukendt felt "farve" – her må stå: key, da, en, with_focus',
        'q.yaml, linje 13 (themes.matematik): ukendt felt "matematik" – her må stå: klasseledelse, maalorienteret, inkluderende, general',
      ]),
    );
    expect(lines).toHaveLength(5);
  });

  it('refuses broken YAML, a repeated key and an empty theme', () => {
    const syntax = parseQuestionsYaml('themes:\n  klasseledelse:\n    - key: "a\n');
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.problems[0]).toMatchObject({ code: 'yamlSyntax', line: expect.any(Number) });
    const twice = parseQuestionsYaml('themes:\n  general:\n    - { key: a, da: A?, en: A? }\n    - { key: a, da: B?, en: B? }\n');
    expect(twice.ok ? [] : formatQuestionProblems(twice.problems, 'f', 'en')).toEqual(['f, line 4 (themes.general[1].key): key "a" appears twice in the same theme']);
    const empty = parseQuestionsYaml('themes:\n  general: []\n');
    expect(empty.ok ? [] : formatQuestionProblems(empty.problems, 'f', 'en')).toEqual(['f, line 2 (themes.general): a theme must have between 1 and 8 questions – this one has 0']);
    expect(parseQuestionsYaml('').ok).toBe(false);
  });
});

describe('the prompt text', () => {
  it('never thanks "for today" the morning after, and never presumes success', async () => {
    const v = await heldVisit({ now: '2026-11-25T07:30:00Z' }); // lesson on Tuesday, prompt Wednesday morning
    s = v.s;
    const text = messageText(s.chat.toPerson(v.teacher.personId)[0]!.message);
    expect(text).toContain('Hej Mette. I går var Søren Kjær med i din lektion Dansk med 5.b.');
    expect(text).not.toContain('Tak for i dag');
  });
});
