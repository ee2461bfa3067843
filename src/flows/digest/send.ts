// Sending one school's digest for one week: to the leadership channel, or to each leader when no
// channel is linked (or the channel fails for good). Recorded once per school and week, in the same
// transaction as the messages, so it goes out exactly once. A school nobody can be told about is not
// recorded — a channel linked or a leader added later still gets it — and its coordinators hear why.
import type { Locale } from '../../core/i18n/catalogue.js';
import { image, simpleMessage, type Block, type Message } from '../../core/messages.js';
import type { ProductDeps, ProductTx } from '../stores.js';
import { renderTrendChart } from './chart.js';
import { digestFigures, type DigestFigures, type WeekRef } from './figures.js';
import { renderDigest, trendAlt, type DigestMessages } from './render.js';
import { digestTexts as T } from './texts.js';

export const LEADERS_JOB = 'digest.toLeaders';

export type SendOutcome = 'sent' | 'already sent' | 'unreachable';

/** Headline with the chart, and the details; in each locale the recipients need (a chart costs ≈ 40 ms, docs/benchmarks.md). */
export async function digestMessages(f: DigestFigures, locales: Locale[], opts: { now?: boolean } = {}): Promise<Partial<Record<Locale, DigestMessages>>> {
  const out: Partial<Record<Locale, DigestMessages>> = {};
  for (const l of new Set(locales)) {
    const chart: Block = image(await renderTrendChart(l, f), trendAlt(l, f), T.plain(l, 'trendTitle'));
    out[l] = renderDigest(l, f, { ...opts, extra: [chart] });
  }
  return out;
}

export async function computeDigest(deps: ProductDeps, week: WeekRef, now: Date): Promise<DigestFigures | null> {
  const school = await deps.stores.digest.school(week.schoolId);
  if (!school) return null;
  const settings = await deps.calendar(school.municipalityId);
  return digestFigures(deps.stores.digest, settings, school, week, now, deps.chat.platforms());
}

function keyOf(w: WeekRef): string {
  return `digest:${w.schoolId}:${w.isoYear}-W${w.isoWeek}`;
}

/** The locales the digest will be read in: the school's (its channel) and each leader's. */
async function localesFor(deps: ProductDeps, schoolId: string): Promise<Locale[]> {
  const out: Locale[] = [(await deps.directory.school(schoolId))?.locale ?? deps.config.locale];
  for (const id of await deps.stores.digest.leaders(schoolId)) out.push((await deps.directory.person(id))?.locale ?? deps.config.locale);
  return out;
}

type Messages = Partial<Record<Locale, DigestMessages>>;
/** A message in the recipient's locale (the outbox asks per recipient); every needed locale was rendered. */
const pick = (messages: Messages, l: Locale): DigestMessages => (messages[l] ?? Object.values(messages)[0])!;

async function toLeaders(tx: ProductTx, week: WeekRef, messages: Messages): Promise<void> {
  for (const leader of await tx.digest.leaders(week.schoolId)) {
    await tx.chat.sendToPerson(leader, (l) => pick(messages, l).headline, { key: `${keyOf(week)}:to:${leader}`, followUp: (l) => pick(messages, l).details });
  }
}

/** Sends the digest of `week` unless it was sent already. */
export async function sendDigest(deps: ProductDeps, week: WeekRef, now: Date): Promise<SendOutcome> {
  const f = await computeDigest(deps, week, now);
  if (!f) return 'unreachable';
  const messages = await digestMessages(f, await localesFor(deps, week.schoolId));
  const channel = await deps.directory.channelTarget(week.schoolId, 'leadership');
  const summary = JSON.stringify(f); // counts only, with hidden figures already null
  return deps.stores.transaction(async (tx): Promise<SendOutcome> => {
    const viaChannel = channel !== null && !channel.unreachable;
    if (!viaChannel && (await tx.digest.leaders(week.schoolId)).length === 0) {
      const tell = (l: Locale): Message => ({ ...simpleMessage(T.for(l)('unreachableSchool', { school: f.school.name, week: week.isoWeek })), summary: T.plain(l, 'unreachableSchoolSummary', { school: f.school.name }) });
      for (const c of await tx.directory.coordinators(f.school.municipalityId)) await tx.chat.sendToPerson(c.id, tell, { key: `${keyOf(week)}:unreachable:to:${c.id}` });
      return 'unreachable';
    }
    if (!(await tx.digest.record(week.schoolId, week.isoYear, week.isoWeek, summary, now))) return 'already sent';
    if (viaChannel) {
      await tx.chat.postToChannel(week.schoolId, 'leadership', (l) => pick(messages, l).headline, {
        key: `${keyOf(week)}:channel`,
        followUp: (l) => pick(messages, l).details,
        ifUndeliverable: { kind: LEADERS_JOB, payload: week },
      });
    } else await toLeaders(tx, week, messages);
    return 'sent';
  });
}

/** The leadership channel failed for good: each leader gets the digest as it was recorded. */
export async function sendRecordedToLeaders(deps: ProductDeps, week: WeekRef): Promise<void> {
  const row = await deps.stores.digest.recorded(week.schoolId, week.isoYear, week.isoWeek);
  if (!row) return;
  const messages = await digestMessages(JSON.parse(row) as DigestFigures, await localesFor(deps, week.schoolId));
  await deps.stores.transaction((tx) => toLeaders(tx, week, messages));
}
