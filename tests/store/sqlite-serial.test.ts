// On the one shared SQLite connection, a statement from another request never runs inside someone
// else's open transaction (where a rollback would silently take it along).
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { PrismaClient } from '../../src/store/generated/sqlite/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
afterEach(() => database?.cleanup());

async function rollbackWhileAnotherRequestWrites(db: { $transaction: Function; municipality: any }) {
  let inside!: () => void;
  const transactionOpen = new Promise<void>((r) => (inside = r));
  const tx = db
    .$transaction(async (t: any) => {
      await t.municipality.create({ data: { slug: 'rolled-back', name: 'Rolled back' } });
      inside();
      await new Promise((r) => setTimeout(r, 100));
      throw new Error('the import found a bad row');
    })
    .catch(() => 'rolled back');
  await transactionOpen;
  // Another request, meanwhile, on the same client:
  await db.municipality.create({ data: { slug: 'other-request', name: 'Other request' } });
  expect(await tx).toBe('rolled back');
  return (await db.municipality.findMany({ orderBy: { slug: 'asc' } })).map((m: { slug: string }) => m.slug);
}

it('keeps a concurrent write out of a transaction that rolls back', async () => {
  database = await createTestDatabase();
  expect(await rollbackWhileAnotherRequestWrites(database.db)).toEqual(['other-request']);
});

it('(why: the bare adapter lets that write run inside the transaction and lose it)', async () => {
  database = await createTestDatabase();
  const bare = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${database.file}` }) });
  try {
    expect(await rollbackWhileAnotherRequestWrites(bare)).toEqual([]);
  } finally {
    await bare.$disconnect();
  }
});
