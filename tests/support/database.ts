// A fresh, real SQLite database per test: a new file in a temporary directory, with the committed
// migrations applied by the same applier the app runs at start-up. Remember to call cleanup().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseTarget, type Db } from '../../src/store/client.js';
import { applyPendingMigrations } from '../../src/store/migrate.js';

export interface TestDatabase {
  db: Db;
  target: DatabaseTarget;
  /** Absolute path of the SQLite file. */
  file: string;
  /** Disconnects the client and deletes the file and its directory. */
  cleanup(): Promise<void>;
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
  const db = openDatabase(target);
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
