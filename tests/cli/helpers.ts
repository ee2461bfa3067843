// Runs CLI commands in-process with captured output, against a real SQLite test database.
import { Readable, Writable } from 'node:stream';
import { loadConfig } from '../../src/config/index.js';
import type { CommandContext } from '../../src/cli/main.js';
import type { DatabaseTarget, Db } from '../../src/store/client.js';

export class Capture extends Writable {
  text = '';
  isTTY?: boolean;
  constructor(opts: { tty?: boolean } = {}) {
    super();
    if (opts.tty) this.isTTY = true;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** A terminal the coordinator types `answer` into (then Enter); `null`: input ends without an answer. */
export function terminalInput(answer: string | null): Readable & { isTTY: boolean } {
  return Object.assign(Readable.from(answer === null ? [] : [`${answer}\n`]), { isTTY: true });
}

export function makeContext(target: DatabaseTarget, args: string[], opts: { tty?: boolean; municipality?: string; stdin?: CommandContext['stdin'] } = {}) {
  const stdout = new Capture({ tty: opts.tty });
  const stderr = new Capture();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: target.url, SPARRING_MUNICIPALITY: opts.municipality ?? 'naestved' });
  const ctx: CommandContext = { config, args, stdout, stderr, ...(opts.stdin ? { stdin: opts.stdin } : {}) };
  return { ctx, stdout, stderr };
}

/** Every row of every table, ordered: equal snapshots mean the database content did not change. */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}" ORDER BY 1`);
  return out;
}

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const snap = await snapshot(db);
  return Object.fromEntries(Object.entries(snap).map(([k, v]) => [k, v.length]));
}
