// `--help`/`-h` on the command and every sub-command, and `--version`, through the real `sparring`
// command: each prints its own help (in the chosen language) and exits 0 without starting the server
// or creating a database (the default SQLite file would land in ./data of the working directory).
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateUsage, serveUsage, usage } from '../../src/cli/texts.js';
import { rosterUsage } from '../../src/cli/roster.js';
import { courseTexts } from '../../src/import/courses/texts.js';
import { gdprUsage } from '../../src/cli/gdpr.js';
import { digestUsage } from '../../src/cli/digest.js';
import { reportUsage } from '../../src/cli/report.js';
import { deliveriesUsage } from '../../src/cli/deliveries.js';
import { questionFileTexts } from '../../src/flows/reflection/questions/texts.js';
import type { Locale } from '../../src/core/i18n/catalogue.js';
import { runBin } from './process.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-help-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const helpOf: Record<string, (locale: Locale) => string> = {
  sparring: usage,
  serve: serveUsage,
  migrate: migrateUsage,
  roster: rosterUsage,
  courses: (locale) => courseTexts.plain(locale, 'usage'),
  gdpr: gdprUsage,
  digest: digestUsage,
  report: reportUsage,
  deliveries: deliveriesUsage,
  questions: (locale) => questionFileTexts.plain(locale, 'usage'),
};

const cases: [string[], keyof typeof helpOf][] = [
  [['--help'], 'sparring'],
  [['-h'], 'sparring'],
  [['help'], 'sparring'],
  [['serve', '--help'], 'serve'],
  [['serve', '-h'], 'serve'],
  [['help', 'serve'], 'serve'],
  [['migrate', '--help'], 'migrate'],
  [['migrate', '-h'], 'migrate'],
  [['roster', '--help'], 'roster'],
  [['roster', 'import', '--help'], 'roster'],
  [['roster', 'import', 'staff.csv', '-h'], 'roster'],
  [['courses', '-h'], 'courses'],
  [['courses', 'import', '-h'], 'courses'],
  [['courses', 'import', 'courses.yaml', '--dry-run', '--help'], 'courses'],
  [['gdpr', '--help'], 'gdpr'],
  [['gdpr', 'export', '-h'], 'gdpr'],
  [['gdpr', 'erase', '--email', 'a@b.dk', '--help'], 'gdpr'],
  [['digest', 'send', '--school', 'Holsted Skole', '--help'], 'digest'],
  [['report', '-h'], 'report'],
  [['deliveries', 'retry', '--id', 'x', '-h'], 'deliveries'],
  [['questions', 'check', '--help'], 'questions'],
];

describe('sparring … --help', () => {
  for (const locale of ['da', 'en'] as const) {
    it(`prints each command's own help in ${locale === 'da' ? 'Danish (the default)' : 'English'} and exits 0, touching nothing`, async () => {
      const env: Record<string, string> = locale === 'en' ? { SPARRING_LOCALE: 'en' } : {};
      for (const [args, command] of cases) {
        const r = await runBin(args, { cwd: dir, env });
        expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 0, err: '' });
        expect(r.out, args.join(' ')).toBe(helpOf[command]!(locale));
        expect(r.out.split('\n')[0], args.join(' ')).toContain(command === 'sparring' ? 'sparring <' : `sparring ${command}`);
      }
      expect(await readdir(dir)).toEqual([]);
    });
  }

  it('takes the language from .env in the working directory too', async () => {
    const withEnv = await mkdtemp(join(tmpdir(), 'sparring-help-env-'));
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(withEnv, '.env'), 'SPARRING_LOCALE=en\n');
      const r = await runBin(['migrate', '--help'], { cwd: withEnv });
      expect(r.code).toBe(0);
      expect(r.out).toBe(migrateUsage('en'));
      expect(existsSync(join(withEnv, 'data'))).toBe(false);
    } finally {
      await rm(withEnv, { recursive: true, force: true });
    }
  });

  it('--version prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await runBin(['--version'], { cwd: dir });
    expect(r).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('serve and migrate refuse arguments they do not take, with their help, before touching the database', async () => {
    for (const command of ['serve', 'migrate'] as const) {
      const r = await runBin([command, '--port', '3000'], { cwd: dir, env: { SPARRING_LOCALE: 'en' } });
      expect(r.code).toBe(64);
      expect(r.err).toContain(command === 'serve' ? '"sparring serve" only takes --demo (got "--port 3000")' : `"sparring ${command}" takes no arguments (got "--port 3000")`);
      expect(r.err).toContain(helpOf[command]!('en'));
    }
    expect(await readdir(dir)).toEqual([]);
  });
});
