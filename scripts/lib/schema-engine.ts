// Prisma's schema engine compiled to WebAssembly, for machines that cannot download the native engine
// (see docs/migrations.md). Used by scripts/migrate-create.ts and by the drift/applier tests; the
// app itself never loads it (start-up uses the engine-free applier in src/store/migrate.ts).
//
// The engine binary is the exact one prisma@7.10.1 ships (node_modules/prisma/build); its JS glue
// comes from @prisma/schema-engine-wasm, whose published versions lag the CLI's engine hash. The glue
// is wasm-bindgen output keyed by import names, so we check that it provides every import the binary
// needs before using it, and fall back to the package's own binary otherwise.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaContainer, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sqliteFilePath, type DatabaseProvider, type DatabaseTarget } from '../../src/store/client.js';
import { migrationsDirFor, readMigrationDirectories } from '../../src/store/migrate.js';

export type { MigrationList, SchemaContainer, SchemaEngine };

export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

const require = createRequire(import.meta.url);
const GLUE_MODULE = './schema_engine_bg.js';

let engineClass: Promise<typeof SchemaEngine> | undefined;

// The project compiles without DOM typings, where @types/node declares WebAssembly only as types.
interface WasmModuleCtor {
  new (bytes: Uint8Array): object;
  imports(module: object): { module: string; name: string }[];
}
const wasm = (globalThis as unknown as {
  WebAssembly: {
    Module: WasmModuleCtor;
    Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  };
}).WebAssembly;

/** Instantiates the wasm module once per process (the glue keeps the instance in a module variable). */
export function loadSchemaEngineClass(): Promise<typeof SchemaEngine> {
  engineClass ??= (async () => {
    const glueExports = glue as unknown as Record<string, unknown>;
    const candidates = [
      join(dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm'),
      join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm'),
    ];
    for (const file of candidates) {
      const module = new wasm.Module(await readFile(file));
      const needed = wasm.Module.imports(module).filter((i) => i.module === GLUE_MODULE);
      if (needed.some((i) => typeof glueExports[i.name] !== 'function')) continue;
      const imports: Record<string, unknown> = { ...glueExports };
      // The engine arms a 60-second timer after shadow-database work; unref it so it cannot keep a
      // test worker or script alive (scripts still exit explicitly).
      for (const { name } of needed) {
        if (!name.startsWith('__wbg_setTimeout_')) continue;
        const original = glueExports[name] as (...args: unknown[]) => unknown;
        imports[name] = (...args: unknown[]) => {
          const timer = original(...args) as { unref?: () => void };
          timer?.unref?.();
          return timer;
        };
      }
      const { exports } = new wasm.Instance(module, { [GLUE_MODULE]: imports });
      (glueExports.__wbg_set_wasm as (wasm: unknown) => void)(exports);
      (exports.__wbindgen_start as () => void)();
      return glue.SchemaEngine;
    }
    throw new Error('No schema_engine_bg.wasm matches the @prisma/schema-engine-wasm glue; pin matching versions.');
  })();
  return engineClass;
}

// ── Driver adapters with the workarounds the wasm engine needs ─────────────────────────────────────

/** Delegates everything to `adapter` except the methods in `overrides`. Keeps private fields working. */
function override(adapter: SqlDriverAdapter, overrides: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, _receiver) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof SqlDriverAdapter];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The engine replays migrations on the shadow DB with a parameterless executeRaw; better-sqlite3
 * refuses multi-statement SQL there, so send those to executeScript. */
function scriptsViaExecuteScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return override(adapter, {
    executeRaw: async (query: SqlQuery) => {
      if (query.args.length > 0) return adapter.executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    },
  });
}

function sqliteFactory(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(target.url)}`, timeout: 10_000 });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    connectToShadowDb: async () => scriptsViaExecuteScript(await base.connectToShadowDb()),
  };
}

/** adapter-pg cannot deserialise the one-byte `"char"` type (OID 18) that the engine's pg_catalog
 * queries return; report it as text, which is what its value is. */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const patch = (res: unknown): unknown => {
      for (const r of Array.isArray(res) ? res : [res]) {
        for (const f of (r as pg.QueryResult | undefined)?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
      }
      return res;
    };
    const cb = args.findIndex((a) => typeof a === 'function');
    if (cb >= 0) {
      const callback = args[cb] as (err: unknown, res: unknown) => void;
      args[cb] = (err: unknown, res: unknown) => callback(err, err ? res : patch(res));
    }
    const result = (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (cb < 0 && result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).then(patch) as never;
    }
    return result as never;
  }
}

function pgAdapter(url: string): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url, Client: CharAsTextClient });
  return new PrismaPg(pool, { disposeExternalPool: true }).connect();
}

function postgresFactory(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => pgAdapter(target.url),
    // adapter-pg's own version connects the shadow pool to the main database when given a
    // connectionString, and drops the shadow database before closing that pool.
    connectToShadowDb: async () => {
      const main = await pgAdapter(target.url);
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await main.executeScript(`CREATE DATABASE "${name}"`);
      const url = new URL(target.url);
      url.pathname = `/${name}`;
      const shadow = await pgAdapter(url.toString());
      return override(shadow, {
        dispose: async () => {
          await shadow.dispose();
          try {
            await main.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
          } finally {
            await main.dispose();
          }
        },
      });
    },
  };
}

export function migrationAwareFactory(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  return target.provider === 'sqlite' ? sqliteFactory(target) : postgresFactory(target);
}

// ── Inputs in the shape the Prisma CLI builds them ─────────────────────────────────────────────────

/** The checkout this file belongs to, so the scripts work from any working directory. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function schemaPathFor(provider: DatabaseProvider, root = repoRoot): string {
  return resolve(root, 'prisma', provider, 'schema.prisma');
}

export async function readSchemaFiles(provider: DatabaseProvider, root = repoRoot): Promise<SchemaContainer[]> {
  const path = schemaPathFor(provider, root);
  return [{ path, content: await readFile(path, 'utf8') }];
}

/** Same as the CLI's listing: every sub-directory, sorted by name, with its migration.sql. */
export async function readMigrationsList(dir: string): Promise<MigrationList> {
  const baseDir = resolve(dir);
  const lockfile = await readFile(join(baseDir, 'migration_lock.toml'), 'utf8').catch(() => null);
  const directories = await readMigrationDirectories(baseDir);
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((d) => ({
      path: d.name,
      migrationFile: {
        path: 'migration.sql',
        content: d.sql === undefined ? { tag: 'error', value: `${d.name}/migration.sql is missing` } : { tag: 'ok', value: d.sql },
      },
    })),
  };
}

export { migrationsDirFor };

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its database connections: on SQLite it holds the main file with
   * `locking_mode=EXCLUSIVE`, and free() alone does not release that. */
  close(): Promise<void>;
}

/** Opens the engine on `target` (the main database) with the given schema files. */
export async function openSchemaEngine(target: DatabaseTarget, schemaFiles: SchemaContainer[]): Promise<OpenedSchemaEngine> {
  const Engine = await loadSchemaEngineClass();
  const base = migrationAwareFactory(target);
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const a = await adapter;
    opened.push(a);
    return a;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(base.connect()),
    connectToShadowDb: () => base.connectToShadowDb(), // the engine disposes shadows itself
  });
  const log = (message: string) => {
    if (process.env.SPARRING_SCHEMA_ENGINE_DEBUG) process.stderr.write(`[schema-engine] ${message}\n`);
  };
  const engine = await Engine.new({ datamodels: schemaFiles.map((f) => [f.path, f.content]) }, log, factory);
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.splice(0).map((a) => a.dispose().catch(() => undefined)));
    },
  };
}

/** `diff` from the migrations folder to the schema file: the SQL still missing from the migrations
 * ('' when they agree). Needs a shadow database, hence a main database target. */
export async function migrationsDrift(target: DatabaseTarget, migrationsDir: string, root = repoRoot): Promise<string> {
  const schema = await readSchemaFiles(target.provider, root);
  const { engine, close } = await openSchemaEngine(target, schema);
  try {
    const result = await engine.diff({
      from: { tag: 'migrations', ...(await readMigrationsList(migrationsDir)) },
      to: { tag: 'schemaDatamodel', files: schema },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return result.exitCode === 0 ? '' : (result.stdout ?? '').trim() || `diff exited with ${result.exitCode}`;
  } finally {
    await close();
  }
}
