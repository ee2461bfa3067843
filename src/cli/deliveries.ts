// `sparring deliveries list` and `sparring deliveries retry [--id ID | --all]`: what an operator does
// about messages that failed after a day of trying (see DELIVERY_RETRY_POLICY in core/outbox.ts).
import { parseArgs } from 'node:util';
import { localDate, localTime } from '../domain/calendar/index.js';
import { openDatabase, type Db } from '../store/client.js';
import { DeliveryRepository } from '../store/delivery-repository.js';
import type { CommandContext } from './context.js';
import { deliveryCliTexts as T } from './deliveries-texts.js';

const EX_USAGE = 64;

export function deliveriesUsage(locale: 'da' | 'en'): string {
  return T.plain(locale, 'usage');
}

export async function deliveries(ctx: CommandContext, deps: { db?: Db; now?: Date } = {}): Promise<number> {
  const locale = ctx.config.locale;
  let parsed;
  try {
    parsed = parseArgs({ args: ctx.args, allowPositionals: true, options: { id: { type: 'string' }, all: { type: 'boolean' } } });
  } catch {
    ctx.stderr.write(`${T.plain(locale, 'bad')}\n\n${deliveriesUsage(locale)}`);
    return EX_USAGE;
  }
  const [action, ...rest] = parsed.positionals;
  const { id, all } = parsed.values;
  const valid = rest.length === 0 && ((action === 'list' && !id && !all) || (action === 'retry' && (id !== undefined) !== (all === true)));
  if (!valid) {
    ctx.stderr.write(`${T.plain(locale, 'bad')}\n\n${deliveriesUsage(locale)}`);
    return EX_USAGE;
  }
  const db = deps.db ?? (await openDatabase(ctx.config.database));
  try {
    const repo = new DeliveryRepository(db);
    if (action === 'list') {
      const failed = await repo.failed();
      if (failed.length === 0) {
        ctx.stdout.write(`${T.plain(locale, 'none')}\n`);
        return 0;
      }
      const tz = ctx.config.timeZone;
      const lines = failed.map((f) =>
        T.plain(locale, 'line', { id: f.id, recipient: f.recipient, when: `${localDate(f.failedAt, tz)} ${localTime(f.failedAt, tz)}`, attempts: f.attempts, error: f.error }),
      );
      ctx.stdout.write([T.plain(locale, 'header', { count: failed.length }), ...lines].join('\n') + '\n');
      return 0;
    }
    const count = await repo.retry(all ? 'all' : { id: id! }, deps.now ?? new Date());
    if (count === 0 && id) {
      ctx.stderr.write(`${T.plain(locale, 'notFound', { id })}\n`);
      return 1;
    }
    ctx.stdout.write(`${T.plain(locale, 'retried', { count })}\n`);
    return 0;
  } finally {
    if (!deps.db) await db.$disconnect();
  }
}
