// Migrations: the committed migrations must build exactly prisma/<provider>/schema.prisma (drift), and
// the start-up applier must leave a database the schema engine considers "in sync". The engine runs
// as WebAssembly (scripts/lib/schema-engine.ts). PostgreSQL runs only with SPARRING_TEST_POSTGRES_URL.
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  migrationsDrift,
  noFilters,
  openSchemaEngine,
  readMigrationsList,
  readSchemaFiles,
  schemaPathFor,
} from '../../scripts/lib/schema-engine.js';
import { createDriverAdapterFactory, type DatabaseProvider, type DatabaseTarget } from '../../src/store/client.js';
import {
  MigrationError,
  applyPendingMigrations,
  migrationChecksum,
  migrationsDirFor,
  readMigrationDirectories,
} from '../../src/store/migrate.js';

const driftHelp = (provider: DatabaseProvider) =>
  `prisma/${provider}/schema.prisma and prisma/${provider}/migrations disagree. After changing the schema, run ` +
  `npm run db:migrate:create -- <name>${provider === 'postgresql' ? ' --provider postgresql' : ''} and commit the new migration. Missing SQL`;

async function modelNames(provider: DatabaseProvider): Promise<string[]> {
  const schema = await readFile(schemaPathFor(provider), 'utf8');
  return [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!).sort();
}

/** The schema engine's own verdict on a database the applier migrated. */
async function engineVerdict(target: DatabaseTarget, migrationsDir: string) {
  const schema = await readSchemaFiles(target.provider);
  const { engine, close } = await openSchemaEngine(target, schema);
  try {
    const migrationsList = await readMigrationsList(migrationsDir);
    const history = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters });
    const dev = await engine.devDiagnostic({ migrationsList, filters: noFilters });
    // Live database (through the engine's connection) against the schema file.
    const live = await engine.diff({
      from: { tag: 'schemaDatasource', files: schema, configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files: schema },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return { history, dev, liveDiffExitCode: live.exitCode, liveDiff: live.stdout };
  } finally {
    await close();
  }
}

const inSync = {
  history: { editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null },
  dev: { action: { tag: 'createMigration' } },
  liveDiffExitCode: 0,
};

/** Runs the applier in `count` child processes that start applying at the same moment. */
async function applyFromProcesses(url: string, count: number, migrationsDir: string): Promise<string[][]> {
  const child = fileURLToPath(new URL('./fixtures/apply-migrations-child.ts', import.meta.url));
  const children = Array.from({ length: count }, () => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, url, migrationsDir], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let markReady: () => void;
    const ready = new Promise<void>((r) => (markReady = r));
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) markReady();
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const done = new Promise<string[]>((resolve, reject) =>
      p.on('close', (code) => {
        markReady(); // a child that died before "ready" must not hang the test
        if (code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
        resolve((JSON.parse(out.slice('ready\n'.length)) as { applied: string[] }).applied);
      }),
    );
    return { p, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.p.stdin.end('go\n');
  return Promise.all(children.map((c) => c.done));
}

describe('SQLite migrations', () => {
  let dir: string;
  let n = 0;
  const freshTarget = (): DatabaseTarget => ({ provider: 'sqlite', url: `file:${join(dir, `db-${++n}.db`)}` });
  /** Reads through the same driver adapter the app uses, on its own connection. */
  const rows = async (target: DatabaseTarget, sql: string) => {
    const db = await (await createDriverAdapterFactory(target)).connect();
    try {
      const rs = await db.queryRaw({ sql, args: [], argTypes: [] });
      return rs.rows.map((r) => Object.fromEntries(rs.columnNames.map((c, i) => [c, r[i]])));
    } finally {
      await db.dispose();
    }
  };
  const tables = async (target: DatabaseTarget) =>
    (await rows(target, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)).map((r) => r.name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparring-migrations-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('migrations reproduce schema.prisma exactly (drift check)', async () => {
    const drift = await migrationsDrift(freshTarget(), migrationsDirFor('sqlite'));
    expect(drift, driftHelp('sqlite')).toBe('');
  });

  it('applies every migration to a fresh file, records it like prisma migrate deploy, and then has nothing to do', async () => {
    const target = freshTarget();
    const migrations = await readMigrationDirectories(migrationsDirFor('sqlite'));
    expect(migrations.length).toBeGreaterThan(0);

    const first = await applyPendingMigrations(target);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    expect(await tables(target)).toEqual(['_prisma_migrations', ...(await modelNames('sqlite'))].sort());

    const recorded = await rows(target, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(recorded).toHaveLength(migrations.length);
    recorded.forEach((row, i) => {
      expect(row).toMatchObject({
        migration_name: migrations[i]!.name,
        checksum: migrationChecksum(migrations[i]!.sql!),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(String(row.finished_at))).toBeGreaterThanOrEqual(Date.parse(String(row.started_at)));
    });

    expect(await applyPendingMigrations(target)).toEqual({ applied: [] });
    expect(await engineVerdict(target, migrationsDirFor('sqlite'))).toMatchObject(inSync);
  });

  it('refuses when an applied migration was edited, deleted or renamed, naming it', async () => {
    const migrationsDir = join(dir, 'edited-migrations');
    await cp(migrationsDirFor('sqlite'), migrationsDir, { recursive: true });
    const target = freshTarget();
    await applyPendingMigrations(target, { migrationsDir });
    const [first] = await readMigrationDirectories(migrationsDir);

    await appendFile(join(migrationsDir, first!.name, 'migration.sql'), '\n-- an afterthought\n');
    const edited = applyPendingMigrations(target, { migrationsDir });
    await expect(edited).rejects.toBeInstanceOf(MigrationError);
    await expect(edited).rejects.toThrow(`Migration ${first!.name} was edited after it was applied`);

    // Renamed counts as missing: the database knows migrations by folder name.
    await rename(join(migrationsDir, first!.name), join(migrationsDir, `${first!.name}_renamed`));
    await expect(applyPendingMigrations(target, { migrationsDir })).rejects.toThrow(
      `Migration ${first!.name} is applied to this database but`,
    );
  });

  it('refuses to start without any migrations', async () => {
    await expect(applyPendingMigrations(freshTarget(), { migrationsDir: join(dir, 'no-such-dir') })).rejects.toThrow(/No migrations found/);
  });

  it('applies a later migration, rolls back a failing one and names it', async () => {
    const migrationsDir = join(dir, 'later-migrations');
    await cp(migrationsDirFor('sqlite'), migrationsDir, { recursive: true });
    const target = freshTarget();
    await applyPendingMigrations(target, { migrationsDir });

    await mkdir(join(migrationsDir, '99990101000000_extra'));
    await writeFile(join(migrationsDir, '99990101000000_extra', 'migration.sql'), 'CREATE TABLE "Extra" ("id" TEXT NOT NULL PRIMARY KEY);\n');
    expect(await applyPendingMigrations(target, { migrationsDir })).toEqual({ applied: ['99990101000000_extra'] });

    await mkdir(join(migrationsDir, '99990102000000_broken'));
    await writeFile(
      join(migrationsDir, '99990102000000_broken', 'migration.sql'),
      'CREATE TABLE "Half" ("id" TEXT);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n',
    );
    await expect(applyPendingMigrations(target, { migrationsDir })).rejects.toThrow(
      /Migration 99990102000000_broken failed and was rolled back: no such table: NoSuchTable/,
    );
    expect(await tables(target)).not.toContain('Half');
    expect(await rows(target, `SELECT 1 FROM _prisma_migrations WHERE migration_name = '99990102000000_broken'`)).toEqual([]);
  });

  it("keeps child rows when a migration rebuilds a parent table the way Prisma's SQLite migrations do", async () => {
    const migrationsDir = join(dir, 'rebuild-migrations');
    const write = async (name: string, sql: string) => {
      await mkdir(join(migrationsDir, name), { recursive: true });
      await writeFile(join(migrationsDir, name, 'migration.sql'), sql);
    };
    await write(
      '1_tables',
      `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY);
       CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,
         CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE);
       INSERT INTO "Parent" VALUES ('p'); INSERT INTO "Child" VALUES ('c', 'p');`,
    );
    // What `prisma migrate` generates when a column is added with a table rebuild.
    await write(
      '2_rebuild',
      `PRAGMA defer_foreign_keys=ON;
       PRAGMA foreign_keys=OFF;
       CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL DEFAULT '');
       INSERT INTO "new_Parent" ("id") SELECT "id" FROM "Parent";
       DROP TABLE "Parent";
       ALTER TABLE "new_Parent" RENAME TO "Parent";
       PRAGMA foreign_keys=ON;
       PRAGMA defer_foreign_keys=OFF;`,
    );
    const target = freshTarget();
    expect(await applyPendingMigrations(target, { migrationsDir })).toEqual({ applied: ['1_tables', '2_rebuild'] });
    expect(await rows(target, 'SELECT * FROM "Child"')).toEqual([{ id: 'c', parentId: 'p' }]);
  });

  it('lets only one of two processes starting at once apply each migration', async () => {
    // A slow first migration keeps the race window wide open: without the lock both processes
    // would run it and one would fail with "table Big already exists".
    const migrationsDir = join(dir, 'race-migrations');
    const write = async (name: string, sql: string) => {
      await mkdir(join(migrationsDir, name), { recursive: true });
      await writeFile(join(migrationsDir, name, 'migration.sql'), sql);
    };
    await write(
      '1_slow',
      `CREATE TABLE "Big" ("n" INTEGER NOT NULL);
       WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) INSERT INTO "Big" SELECT x FROM c;`,
    );
    await write('2_small', 'CREATE TABLE "Small" ("id" TEXT NOT NULL PRIMARY KEY);');
    const target = freshTarget();
    const results = await applyFromProcesses(target.url, 2, migrationsDir);
    expect(results.flat().sort()).toEqual(['1_slow', '2_small']);
    expect(await rows(target, 'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name')).toEqual([
      { migration_name: '1_slow' },
      { migration_name: '2_small' },
    ]);
    expect(await rows(target, 'SELECT count(*) AS n FROM "Big"')).toEqual([{ n: 300000 }]);
  });
});

const postgresUrl = process.env.SPARRING_TEST_POSTGRES_URL;

describe.skipIf(!postgresUrl)('PostgreSQL migrations (skipped: set SPARRING_TEST_POSTGRES_URL to run)', () => {
  const created: string[] = [];
  const admin = () => new pg.Client({ connectionString: postgresUrl });
  /** A new empty database on the test server, dropped after the suite. */
  async function freshTarget(): Promise<DatabaseTarget> {
    const name = `sparring_test_${process.pid}_${Date.now()}_${created.length}`;
    const c = admin();
    await c.connect();
    try {
      await c.query(`CREATE DATABASE "${name}"`);
    } finally {
      await c.end();
    }
    created.push(name);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    return { provider: 'postgresql', url: url.toString() };
  }
  async function query(target: DatabaseTarget, sql: string) {
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    try {
      return (await c.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  }

  afterAll(async () => {
    const c = admin();
    await c.connect();
    try {
      for (const name of created) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });

  it('migrations reproduce schema.prisma exactly (drift check)', async () => {
    const drift = await migrationsDrift(await freshTarget(), migrationsDirFor('postgresql'));
    expect(drift, driftHelp('postgresql')).toBe('');
  });

  it('applies every migration once, even with two appliers at once, and the engine reports in sync', async () => {
    const target = await freshTarget();
    const migrations = await readMigrationDirectories(migrationsDirFor('postgresql'));
    // pg is asynchronous, so two appliers in this process contend for the advisory lock like two
    // processes would, and cost less than spawning them. The second URL names the same database in
    // other words, so the applier's in-process queue does not serialise them first.
    const sameDatabase = { ...target, url: `${target.url}?application_name=second_applier` };
    const [a, b] = (await Promise.all([applyPendingMigrations(target), applyPendingMigrations(sameDatabase)])).map((r) => r.applied);
    expect([...a!, ...b!].sort()).toEqual(migrations.map((m) => m.name));

    const tables = await query(target, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', ...(await modelNames('postgresql'))].sort());
    const recorded = await query(target, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(recorded.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.logs])).toEqual(
      migrations.map((m) => [m.name, migrationChecksum(m.sql!), 1, null]),
    );

    expect(await applyPendingMigrations(target)).toEqual({ applied: [] });
    expect(await engineVerdict(target, migrationsDirFor('postgresql'))).toMatchObject(inSync);
  });

  it('refuses when an applied migration was edited, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sparring-pg-migrations-'));
    try {
      const migrationsDir = join(dir, 'migrations');
      await cp(migrationsDirFor('postgresql'), migrationsDir, { recursive: true });
      const target = await freshTarget();
      await applyPendingMigrations(target, { migrationsDir });
      const [first] = await readMigrationDirectories(migrationsDir);
      await appendFile(join(migrationsDir, first!.name, 'migration.sql'), '\n-- an afterthought\n');
      await expect(applyPendingMigrations(target, { migrationsDir })).rejects.toThrow(
        `Migration ${first!.name} was edited after it was applied`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
