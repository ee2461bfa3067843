// `sparring gdpr export --email X [--out FILE]` and `sparring gdpr erase --email X [--yes]`: one
// person's own data (docs/privacy.md). The rules are in src/store/personal-data/.
import { writeFile } from 'node:fs/promises';
import type { Locale } from '../core/i18n/catalogue.js';
import { openDatabase, type Db } from '../store/client.js';
import { PersonalDataRepository } from '../store/personal-data-repository.js';
import { readCommandLine } from './args.js';
import { ask, isYes } from './confirm.js';
import type { CommandContext } from './context.js';
import { gdprTexts as T } from './gdpr/texts.js';

const EX_NOUSER = 67;
const EX_CANTCREAT = 73;

export const gdprUsage = (locale: Locale) => T.plain(locale, 'usage');

type Args = { sub: 'export' | 'erase'; email: string; out?: string; yes: boolean };

function parse(ctx: CommandContext, locale: Locale): Args | number {
  const line = readCommandLine(ctx, gdprUsage(locale), { email: { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false } });
  if (typeof line === 'number') return line;
  const [sub, ...extra] = line.positionals;
  const { out, yes } = line.values;
  if (sub === undefined) return line.fail(T.plain(locale, 'missingSub'));
  if (sub !== 'export' && sub !== 'erase') return line.fail(T.plain(locale, 'unknownSub', { sub }));
  if (extra.length > 0) return line.unexpected(extra[0]!);
  const email = line.values.email?.trim();
  if (!email) return line.fail(T.plain(locale, 'missingEmail'));
  if (sub === 'erase' && out !== undefined) return line.fail(T.plain(locale, 'outOnlyExport'));
  if (sub === 'export' && yes) return line.fail(T.plain(locale, 'yesOnlyErase'));
  return { sub, email, ...(out !== undefined ? { out } : {}), yes: yes === true };
}

export async function gdpr(ctx: CommandContext, deps: { db?: Db; now?: () => Date } = {}): Promise<number> {
  const locale = ctx.config.locale;
  const args = parse(ctx, locale);
  if (typeof args === 'number') return args;
  const now = deps.now ?? (() => new Date());
  const db = deps.db ?? (await openDatabase(ctx.config.database));
  try {
    const repo = new PersonalDataRepository(db);
    const people = await repo.peopleByEmail(args.email);
    if (people.length === 0) {
      ctx.stderr.write(`${T.plain(locale, 'noPerson', { email: args.email })}\n`);
      return EX_NOUSER;
    }
    if (args.sub === 'export') {
      const json = `${JSON.stringify(await repo.exportPeople(people.map((p) => p.id), now()), null, 2)}\n`;
      if (args.out === undefined) {
        ctx.stdout.write(json);
        return 0;
      }
      try {
        // Only the operator's account may read the file: it holds someone's reflections.
        await writeFile(args.out, json, { mode: 0o600 });
      } catch (err) {
        ctx.stderr.write(`${T.plain(locale, 'writeFailed', { file: args.out, reason: (err as NodeJS.ErrnoException).code ?? String(err) })}\n`);
        return EX_CANTCREAT;
      }
      ctx.stdout.write(`${T.plain(locale, 'exported', { count: people.length, file: args.out })}\n`);
      return 0;
    }

    const preview = [
      T.plain(locale, 'eraseIntro'),
      ...people.map((p) => T.plain(locale, 'eraseLine', { name: p.name, municipality: p.municipality, teacher: p.visitsAsTeacher, agent: p.visitsAsAgent, reflections: p.reflections })),
    ];
    if (!args.yes) {
      if (!ctx.stdin?.isTTY) {
        ctx.stderr.write(`${[...preview, T.plain(locale, 'eraseNeedsYes')].join('\n')}\n`);
        return 1;
      }
      ctx.stdout.write(`${preview.join('\n')}\n`);
      if (!isYes(await ask(ctx, T.plain(locale, 'eraseQuestion')))) {
        ctx.stdout.write(`${T.plain(locale, 'eraseCancelled')}\n`);
        return 1;
      }
    }
    const reports = await repo.eraseAll(people.map((p) => p.id), now());
    const municipalityOf = new Map(people.map((p) => [p.id, p.municipality]));
    for (const r of reports) {
      ctx.stdout.write(
        `${T.plain(locale, 'erased', {
          municipality: municipalityOf.get(r.personId) ?? '',
          answers: r.deleted.ReflectionAnswer ?? 0,
          identities: r.deleted.PlatformIdentity ?? 0,
          jobs: r.deleted.Job ?? 0,
          kept: r.visitsKept,
          cancelled: r.upcomingCancelled,
          released: r.upcomingReleased,
        })}\n`,
      );
    }
    return 0;
  } catch (err) {
    ctx.stderr.write(`${T.plain(locale, 'failed', { error: err instanceof Error ? err.message : String(err) })}\n`);
    return 1;
  } finally {
    if (!deps.db) await db.$disconnect();
  }
}
