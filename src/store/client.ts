// Opens the database. The only module that knows which Prisma client and driver adapter belong to
// which provider. Everything else receives a `Db` (the Prisma client) through a constructor.
// Each provider's client and driver are imported only when a database of that kind is opened: loading
// pg and the PostgreSQL client costs a SQLite server 0.2–0.3 s at start on our machines (and the other
// way round), see docs/benchmarks.md.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PrismaClient as SqliteClient } from './generated/sqlite/client.js';
import { serialPgTransactions } from './pg-serial.js';
import { serialisedSqlite } from './sqlite-serial.js';

/** The Prisma client type repositories work with. Both providers share the same model API. */
export type Db = InstanceType<typeof SqliteClient>;
/** The client or one interactive transaction of it: what repositories take, so they work in both. */
export type DbClient = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
}

/** Turns `file:./data/x.db` into an absolute file path (relative to the working directory). */
export function sqliteFilePath(url: string): string {
  const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return resolve(path);
}

export async function createDriverAdapterFactory(target: DatabaseTarget) {
  if (target.provider === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    const file = sqliteFilePath(target.url);
    mkdirSync(dirname(file), { recursive: true });
    // busy timeout: several processes (or a worker and the CLI) may share one SQLite file.
    return serialisedSqlite(new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 }));
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return serialPgTransactions(new PrismaPg({ connectionString: target.url }));
}

const providers = new WeakMap<object, DatabaseProvider>();

export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  const adapter = await createDriverAdapterFactory(target);
  // Same schema but for the provider line (tests/store/schema-parity.test.ts), so the APIs match.
  const db =
    target.provider === 'sqlite'
      ? new (await import('./generated/sqlite/client.js')).PrismaClient({ adapter })
      : (new (await import('./generated/postgresql/client.js')).PrismaClient({ adapter }) as unknown as Db);
  providers.set(db, target.provider);
  return db;
}

/** Which database a client (or a transaction of it) talks to, for the rare statement that must differ. */
export function providerOf(db: DbClient): DatabaseProvider {
  const provider = providers.get(db);
  if (!provider) throw new Error('providerOf: this client was not opened with openDatabase');
  return provider;
}

/** Remembers that a transaction client belongs to the same database as its parent (see unit-of-work.ts). */
export function sameProvider(tx: DbClient, parent: DbClient): void {
  providers.set(tx, providerOf(parent));
}

/**
 * SQLite in WAL mode lets readers run while one process writes, which is what several workers (or a
 * worker and the CLI) sharing one file need. The mode is stored in the file, so once is enough.
 */
export async function prepareSqlite(target: DatabaseTarget): Promise<void> {
  if (target.provider !== 'sqlite') return;
  const adapter = await (await createDriverAdapterFactory(target)).connect();
  try {
    await adapter.executeScript('PRAGMA journal_mode = WAL');
  } finally {
    await adapter.dispose();
  }
}

/** True when the database answers a trivial query (for /healthz). */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * Per-connection SQLite tuning for the server: with WAL, synchronous=NORMAL stays durable across
 * application crashes (only an OS crash can lose the last commits) and makes each commit far
 * cheaper — the ack path and the job worker commit often.
 */
export async function tuneConnection(db: Db, target: DatabaseTarget): Promise<void> {
  if (target.provider !== 'sqlite') return;
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
}

/** The server's client: opened and tuned. */
export async function openServerDatabase(target: DatabaseTarget): Promise<Db> {
  const db = await openDatabase(target);
  await tuneConnection(db, target);
  return db;
}
