// `sparring questions check FILE`: exit codes as the import commands, problems with line and path.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { questions } from '../../src/cli/questions.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { makeContext } from './helpers.js';

const EXAMPLE = new URL('../../examples/questions.yaml', import.meta.url).pathname;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-questions-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function run(args: string[], locale: 'da' | 'en' = 'da') {
  const { ctx, stdout, stderr } = makeContext({ provider: 'sqlite', url: 'file:/nonexistent/never-opened.db' }, args);
  ctx.config.locale = locale;
  const code = await questions(ctx);
  return { code, out: stdout.text, err: stderr.text };
}

describe('sparring questions check', () => {
  it('accepts the example file', async () => {
    const r = await run(['check', EXAMPLE]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('er i orden: klasseledelse 4 spørgsmål');
  });

  it('exits 65 with line and path for a bad file, 66 for a missing one, 64 for wrong usage', async () => {
    const file = join(dir, 'q.yaml');
    await writeFile(file, 'themes:\n  general:\n    - key: a\n      da: Hvad?\n');
    const bad = await run(['check', file], 'en');
    expect(bad.code).toBe(65);
    expect(bad.err).toBe(`${file}, line 3 (themes.general[0].en): "en" is missing\n`);
    expect((await run(['check', join(dir, 'nope.yaml')])).code).toBe(66);
    expect((await run(['check'])).code).toBe(64);
    expect((await run(['import', file])).code).toBe(64);
    expect((await run(['check', file, '--fix'])).err).toMatch(/^Ukendt tilvalg "--fix"\.\n\nBrug: sparring questions check/);
  });

  it('SPARRING_QUESTIONS_FILE: a bad file stops start-up naming the variable, line and path; a good one is used', async () => {
    const file = join(dir, 'q.yaml');
    await writeFile(file, 'themes:\n  general:\n    - key: a\n      da: Hvad?\n      en: What?\n      with_focus: { da: Ingen, en: "{focus}?" }\n');
    expect(() => loadConfig({ NODE_ENV: 'test', SPARRING_QUESTIONS_FILE: file })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'test', SPARRING_QUESTIONS_FILE: file });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([`SPARRING_QUESTIONS_FILE: ${file}, line 6 (themes.general[0].with_focus.da): with_focus must contain {focus}, so the teacher’s own focus is asked back`]);
    }
    const good = loadConfig({ NODE_ENV: 'test', SPARRING_QUESTIONS_FILE: EXAMPLE, SPARRING_REFLECTION_EXPIRY_DAYS: '21' });
    expect(good.reflection.expiryDays).toBe(21);
    expect(good.reflection.questions?.klasseledelse).toHaveLength(4);
    expect(loadConfig({ NODE_ENV: 'test' }).reflection).toEqual({ expiryDays: 14 });
    expect(() => loadConfig({ NODE_ENV: 'test', SPARRING_REFLECTION_EXPIRY_DAYS: '0' })).toThrow(/SPARRING_REFLECTION_EXPIRY_DAYS/);
  });
});
