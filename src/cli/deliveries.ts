// `sparring deliveries list` and `sparring deliveries retry [--id ID | --all]`: what an operator does
// about messages that failed after a day of trying (see DELIVERY_RETRY_POLICY in core/outbox.ts).
import { localDate, localTime } from '../domain/calendar/index.js';
import { openDatabase, type Db } from '../store/client.js';
import { DeliveryRepository } from '../store/delivery-repository.js';
import { readCommandLine } from './args.js';
import type { CommandContext } from './context.js';
import { deliveryCliTexts as T } from './deliveries-texts.js';

export function deliveriesUsage(locale: 'da' | 'en'): string {
  return T.plain(locale, 'usage');
}

export async function deliveries(ctx: CommandContext, deps: { db?: Db; now?: Date } = {}): Promise<number> {
  const locale = ctx.config.locale;
  const line = readCommandLine(ctx, deliveriesUsage(locale), { id: { type: 'string' }, all: { type: 'boolean' } });
  if (typeof line === 'number') return line;
  const [action, ...rest] = line.positionals;
  const { id, all } = line.values;
  const valid = rest.length === 0 && ((action === 'list' && !id && !all) || (action === 'retry' && (id !== undefined) !== (all === true)));
  if (!valid) return line.fail(T.plain(locale, 'bad'));
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
