// Applies committed migrations at start-up (and for `sparring migrate`) without Prisma's schema
// engine, which cannot be downloaded on our machines. It does what `prisma migrate deploy` does —
// run each pending prisma/<provider>/migrations/*/migration.sql and record it in `_prisma_migrations`
// with the same columns and checksum — so the engine (wasm or native) afterwards reports "in sync".
// See docs/migrations.md.
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDriverAdapterFactory, sqliteFilePath, type DatabaseProvider, type DatabaseTarget } from './client.js';

/** prisma/<provider>/migrations of this checkout, independent of the working directory. */
export function migrationsDirFor(provider: DatabaseProvider): string {
  return fileURLToPath(new URL(`../../prisma/${provider}/migrations`, import.meta.url));
}

export interface MigrationDirectory {
  /** Directory name, e.g. `20260101120000_init`; also the `migration_name` recorded. */
  name: string;
  /** Contents of migration.sql; undefined when the directory has none. */
  sql?: string;
}

/** Every sub-directory of `dir`, sorted by name the way the Prisma CLI sorts them. */
export async function readMigrationDirectories(dir: string): Promise<MigrationDirectory[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  names.sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      return sql === undefined ? { name } : { name, sql };
    }),
  );
}

/** Prisma's checksum: sha256 (hex) of migration.sql as written. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** Prisma also accepts a checksum taken before a checkout turned LF into CRLF. */
function checksumMatches(sql: string, checksum: string): boolean {
  return migrationChecksum(sql) === checksum || migrationChecksum(sql.replaceAll('\r\n', '\n')) === checksum;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

// The same table the schema engine creates, column for column, so either can take over.
const MIGRATIONS_TABLE: Record<DatabaseProvider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
};

interface AppliedRow {
  migrationName: string;
  checksum: string;
  finished: boolean;
}

/** Applies every migration not yet recorded in `_prisma_migrations`, oldest first. Throws
 * MigrationError (naming the migration) when history and files disagree or a script fails. */
export async function applyPendingMigrations(
  target: DatabaseTarget,
  opts: { migrationsDir?: string } = {},
): Promise<{ applied: string[] }> {
  const dir = resolve(opts.migrationsDir ?? migrationsDirFor(target.provider));
  const key = target.provider === 'sqlite' ? sqliteFilePath(target.url) : target.url;
  return serialised(key, async () => {
    const migrations = await readMigrationDirectories(dir);
    // An empty list would "succeed" and leave the app to fail on missing tables later.
    if (migrations.length === 0) throw new MigrationError(`No migrations found in ${dir}; the deployment is missing prisma/.`);
    const adapter = await (await createDriverAdapterFactory(target)).connect();
    try {
      return target.provider === 'sqlite'
        ? await applySqlite(adapter, migrations, dir)
        : await applyPostgres(adapter, migrations, dir);
    } finally {
      await adapter.dispose();
    }
  });
}

// Within one process, better-sqlite3 waits for a lock synchronously: a second applier on the same
// file would block the thread the first one needs to finish. So queue same-database calls here; the
// database lock only has to separate processes.
const running = new Map<string, Promise<unknown>>();

function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = running.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  running.set(key, settled);
  void settled.then(() => {
    if (running.get(key) === settled) running.delete(key);
  });
  return next;
}

const q = (sql: string) => ({ sql, args: [], argTypes: [] });

async function readApplied(db: Pick<SqlDriverAdapter, 'queryRaw'>): Promise<AppliedRow[]> {
  const rs = await db.queryRaw(
    q(`SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations"
       WHERE "rolled_back_at" IS NULL ORDER BY "started_at", "migration_name"`),
  );
  return rs.rows.map((r) => ({ migrationName: String(r[0]), checksum: String(r[1]), finished: r[2] !== null }));
}

/** What is left to apply, after checking that the applied history still matches the files. */
function pending(migrations: MigrationDirectory[], applied: AppliedRow[], dir: string): MigrationDirectory[] {
  const files = new Map(migrations.map((m) => [m.name, m]));
  for (const row of applied) {
    const file = files.get(row.migrationName);
    if (!row.finished) {
      throw new MigrationError(
        `Migration ${row.migrationName} failed earlier and is marked unfinished in _prisma_migrations. ` +
          `Repair the database by hand, then delete that row (or mark it rolled back) and start again.`,
      );
    }
    if (!file || file.sql === undefined) {
      throw new MigrationError(
        `Migration ${row.migrationName} is applied to this database but ${join(dir, row.migrationName, 'migration.sql')} is missing. ` +
          `Restore it from version control (migrations must never be deleted once applied).`,
      );
    }
    if (!checksumMatches(file.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${row.migrationName} was edited after it was applied to this database (checksum differs). ` +
          `Restore the original migration.sql and put the change in a new migration (npm run db:migrate:create -- <name>).`,
      );
    }
  }
  const done = new Set(applied.map((r) => r.migrationName));
  const remaining = migrations.filter((m) => !done.has(m.name));
  for (const m of remaining) {
    if (m.sql === undefined) throw new MigrationError(`Migration ${m.name} has no migration.sql (${join(dir, m.name)}).`);
  }
  return remaining;
}

/** Driver adapters wrap database errors; the database's own message is in `cause`. */
function describe(err: unknown): string {
  const cause = (err as { cause?: { originalMessage?: unknown; message?: unknown } } | undefined)?.cause;
  const message = cause?.originalMessage ?? cause?.message;
  if (typeof message === 'string') return message;
  return err instanceof Error ? err.message : String(err);
}

function failure(name: string, err: unknown): MigrationError {
  return new MigrationError(`Migration ${name} failed and was rolled back: ${describe(err)}`);
}

/** Writes the row `prisma migrate deploy` writes for a successful migration. */
async function recordApplied(
  db: Pick<SqlDriverAdapter, 'executeRaw'>,
  provider: DatabaseProvider,
  m: MigrationDirectory,
  startedAt: Date,
) {
  const values = [randomUUID(), migrationChecksum(m.sql ?? ''), new Date(), m.name, startedAt];
  const p =
    provider === 'sqlite'
      ? ['?', '?', '?', '?', '?']
      : ['$1', '$2', '$3::timestamptz', '$4', '$5::timestamptz'];
  await db.executeRaw({
    sql: `INSERT INTO "_prisma_migrations"
         ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
       VALUES (${p[0]}, ${p[1]}, ${p[2]}, ${p[3]}, NULL, NULL, ${p[4]}, 1)`,
    args: values,
    argTypes: values.map((v) => ({ scalarType: v instanceof Date ? 'datetime' : 'string', arity: 'scalar' })),
  });
}

// ── SQLite ───────────────────────────────────────────────────────────────────────────────────────
// One write transaction per migration, taken with BEGIN IMMEDIATE: a second process waits for it and
// then sees the migration recorded. Foreign keys are switched off around it (PRAGMA foreign_keys is a
// no-op inside a transaction) because Prisma's table rebuilds `DROP TABLE` parents, which would
// otherwise cascade-delete child rows; foreign_key_check then catches a migration that broke them.

async function applySqlite(db: SqlDriverAdapter, migrations: MigrationDirectory[], dir: string) {
  const applied: string[] = [];
  await db.executeScript('PRAGMA foreign_keys = OFF');
  try {
    for (;;) {
      await beginImmediate(db);
      let next: MigrationDirectory | undefined;
      try {
        await db.executeScript(MIGRATIONS_TABLE.sqlite);
        next = pending(migrations, await readApplied(db), dir)[0];
        if (next) {
          const startedAt = new Date();
          try {
            await db.executeScript(next.sql ?? '');
            const broken = await db.queryRaw(q('PRAGMA foreign_key_check'));
            if (broken.rows.length > 0) {
              throw new Error(`it leaves ${broken.rows.length} row(s) violating foreign keys (PRAGMA foreign_key_check)`);
            }
          } catch (err) {
            throw failure(next.name, err);
          }
          await recordApplied(db, 'sqlite', next, startedAt);
        }
        await db.executeScript('COMMIT');
      } catch (err) {
        await db.executeScript('ROLLBACK').catch(() => undefined);
        throw err;
      }
      if (!next) return { applied };
      applied.push(next.name);
    }
  } finally {
    await db.executeScript('PRAGMA foreign_keys = ON').catch(() => undefined);
  }
}

/** BEGIN IMMEDIATE waits up to the connection's busy timeout; a long migration in another process
 * can take longer, so keep waiting (bounded) rather than fail start-up. */
async function beginImmediate(db: SqlDriverAdapter): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      await db.executeScript('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      const code = (err as { cause?: { originalCode?: unknown } } | undefined)?.cause?.originalCode;
      if (!String(code).startsWith('SQLITE_BUSY') || Date.now() > deadline) throw err;
    }
  }
}

// ── PostgreSQL ───────────────────────────────────────────────────────────────────────────────────
// Runs on one dedicated connection (adapter-pg's executeScript splits on every ";" and spreads the
// statements over its pool): a session advisory lock serialises concurrent starters, and each
// migration runs with its record in one transaction, as one simple-protocol query.

const ADVISORY_LOCK_KEY = 72707369; // Same key as Prisma's migrate uses, so we also exclude it.

async function applyPostgres(db: SqlDriverAdapter, migrations: MigrationDirectory[], dir: string) {
  // startTransaction is the adapter's only way to pin one pooled connection; end its transaction
  // at once and use the connection in autocommit mode.
  const conn = await db.startTransaction();
  const run = (sql: string) => conn.executeRaw({ sql, args: [], argTypes: [] });
  const applied: string[] = [];
  try {
    await run('COMMIT');
    await run(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
    try {
      await run(MIGRATIONS_TABLE.postgresql);
      const remaining = pending(migrations, await readApplied(conn), dir);
      for (const m of remaining) {
        const startedAt = new Date();
        await run('BEGIN');
        try {
          try {
            await run(m.sql ?? '');
          } catch (err) {
            throw failure(m.name, err);
          }
          await recordApplied(conn, 'postgresql', m, startedAt);
          await run('COMMIT');
        } catch (err) {
          await run('ROLLBACK').catch(() => undefined);
          throw err;
        }
        applied.push(m.name);
      }
    } finally {
      await run(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`).catch(() => undefined);
    }
  } finally {
    await conn.commit(); // only releases the connection back to the pool
  }
  return { applied };
}
