// A fresh, real SQLite database per test: a new file in a temporary directory, with the committed
// migrations applied by the same applier the app runs at start-up. Remember to call cleanup().
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseTarget, type Db } from '../../src/store/client.js';
import { applyPendingMigrations } from '../../src/store/migrate.js';
import pg from 'pg';

export interface TestDatabase {
  db: Db;
  target: DatabaseTarget;
  /** Absolute path of the SQLite file. */
  file: string;
  /** Disconnects the client and deletes the file and its directory. */
  cleanup(): Promise<void>;
}

/** PostgreSQL server for tests that run on both databases; unset → those tests are skipped. */
export const TEST_POSTGRES_URL = process.env.SPARRING_TEST_POSTGRES_URL;

/** A fresh database of the given provider with migrations applied. */
export function createTestDatabaseFor(provider: 'sqlite' | 'postgresql'): Promise<TestDatabase> {
  return provider === 'sqlite' ? createTestDatabase() : createPostgresTestDatabase();
}

/** A throw-away PostgreSQL database on TEST_POSTGRES_URL's server, dropped by cleanup(). */
export async function createPostgresTestDatabase(): Promise<TestDatabase> {
  if (!TEST_POSTGRES_URL) throw new Error('SPARRING_TEST_POSTGRES_URL is not set');
  const name = `sparring_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { provider: 'postgresql', url: url.toString() };
  await applyPendingMigrations(target);
  const db = await openDatabase(target);
  return {
    db,
    target,
    file: '',
    cleanup: async () => {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-test-'));
  const file = join(dir, 'test.db');
  const target: DatabaseTarget = { provider: 'sqlite', url: `file:${file}` };
  try {
    await applyPendingMigrations(target);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const db = await openDatabase(target);
  return {
    db,
    target,
    file,
    cleanup: async () => {
      await db.$disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
