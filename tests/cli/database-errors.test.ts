// A PostgreSQL DATABASE_URL that leads nowhere: `serve`, `migrate` and both imports answer with one
// line that names DATABASE_URL and what is wrong (no stack trace) and exit 69 (EX_UNAVAILABLE).
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTexts } from '../../src/cli/texts.js';
import { TEST_POSTGRES_URL } from '../support/database.js';
import { runBin } from './process.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-dberr-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const commands = [['serve'], ['migrate'], ['roster', 'import', join(EXAMPLES, 'roster.csv')], ['courses', 'import', join(EXAMPLES, 'courses.yaml')]];

async function expectOneLine(url: string, expected: string, env: Record<string, string> = {}) {
  for (const args of commands) {
    const r = await runBin(args, { cwd: dir, env: { DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'silent', ...env } });
    expect({ args, code: r.code, err: r.err, out: r.out }).toEqual({ args, code: 69, err: `${expected}\n`, out: '' });
  }
  expect(await readdir(dir)).toEqual([]);
}

describe('DATABASE_URL that leads nowhere', () => {
  it('a server that is not there (nothing listens on 127.0.0.1:1)', async () => {
    const params = { setting: 'DATABASE_URL', server: '127.0.0.1:1' };
    await expectOneLine('postgresql://postgres@127.0.0.1:1/sparring', cliTexts.plain('da', 'dbUnreachable', { ...params, reason: cliTexts.plain('da', 'dbRefused') }));
    await expectOneLine('postgresql://postgres:hemmelig@127.0.0.1:1/sparring', cliTexts.plain('en', 'dbUnreachable', { ...params, reason: cliTexts.plain('en', 'dbRefused') }), {
      SPARRING_LOCALE: 'en',
    });
  });

  it.skipIf(!TEST_POSTGRES_URL)('a database that does not exist on a running server (SPARRING_TEST_POSTGRES_URL)', async () => {
    const url = new URL(TEST_POSTGRES_URL!);
    const database = `sparring_missing_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    url.pathname = `/${database}`;
    const server = `${url.hostname}:${url.port || '5432'}`;
    await expectOneLine(url.toString(), cliTexts.plain('da', 'dbMissing', { setting: 'DATABASE_URL', server, database }));
    await expectOneLine(url.toString(), cliTexts.plain('en', 'dbMissing', { setting: 'DATABASE_URL', server, database }), { SPARRING_LOCALE: 'en' });
  });
});
