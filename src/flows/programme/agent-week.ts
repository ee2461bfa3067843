// The learning agents' Monday overview: their own visits this week and the open lessons at their
// schools, one message each. An agent with neither gets nothing; one whose week is full sees their
// visits only. A job held back past its week (a holiday Monday) is not sent late.
import type { Locale } from '../../core/i18n/catalogue.js';
import { rich } from '../../core/i18n/text.js';
import { actions, context, divider, header, text, type Block, type Message } from '../../core/messages.js';
import { isoWeekOf, zoned } from '../../domain/calendar/index.js';
import { formatWhen } from '../booking/format.js';
import { ACTIONS as BOOKING_ACTIONS } from '../booking/views.js';
import type { ProductDeps } from '../stores.js';
import { programmeKeys, type AgentWeekPayload } from './keys.js';
import type { OverviewLesson } from './ports.js';
import { programmeTexts as T } from './texts.js';

/** Open lessons shown (with a button each); the rest are counted. */
const OPEN_SHOWN = 5;
/** Read at most this many ("… and N more" counts up to it). */
const OPEN_COUNTED = 50;
/** Open lessons up to this far ahead are worth mentioning on a Monday. */
const OPEN_AHEAD_DAYS = 14;

const what = (l: OverviewLesson) => `${l.classGroup}, ${l.subject}`;

export async function agentWeekJob(deps: ProductDeps, p: AgentWeekPayload, now: Date): Promise<void> {
  const { stores } = deps;
  const { timeZone } = await deps.calendar(p.municipalityId);
  const current = isoWeekOf(now, timeZone);
  if (current.year !== p.isoYear || current.week !== p.isoWeek) return;
  const weekStart = zoned(now, timeZone).startOf('week');
  const weekEnd = weekStart.plus({ weeks: 1 }).toJSDate();
  const openUntil = zoned(now, timeZone).plus({ days: OPEN_AHEAD_DAYS }).toJSDate();

  const briefs: { agentId: string; message: (l: Locale) => Message }[] = [];
  for (const agent of await stores.programme.agentsToBrief(p.municipalityId)) {
    const visits = await stores.programme.agentVisits(agent.id, weekStart.toJSDate(), weekEnd);
    const full = agent.visitsPerWeek !== null && visits.length >= agent.visitsPerWeek;
    // Their own offered lessons are not theirs to take.
    const offered = full ? [] : (await stores.programme.openLessons(agent.schoolIds, now, openUntil, OPEN_COUNTED)).filter((x) => x.teacherId !== agent.id);
    if (visits.length === 0 && offered.length === 0 && !full) continue;
    briefs.push({ agentId: agent.id, message: overview(p.isoWeek, visits, offered, full ? agent.visitsPerWeek : null, timeZone) });
  }
  await stores.transaction(async (tx) => {
    for (const b of briefs) await tx.chat.sendToPerson(b.agentId, b.message, { key: programmeKeys.weekTo(p.isoYear, p.isoWeek, b.agentId), notAfter: weekEnd });
  });
}

function overview(week: number, visits: OverviewLesson[], open: OverviewLesson[], fullAt: number | null, timeZone: string) {
  return (l: Locale): Message => {
    const t = T.for(l);
    const when = (x: OverviewLesson) => formatWhen(x.startsAt, x.endsAt, timeZone, l);
    const blocks: Block[] = [header(T.plain(l, 'weekTitle', { week })), text(t('weekVisitsHeader'))];
    blocks.push(visits.length === 0 ? context(t('weekNoVisits')) : text(rich(...visits.flatMap((v, i) => [i > 0 ? '\n' : '', t('weekVisit', { when: when(v), teacher: v.teacherName, what: what(v) })]))));
    if (fullAt !== null) blocks.push(context(t('weekFull', { capacity: fullAt })));
    if (open.length > 0) {
      blocks.push(divider(), text(t('weekOpenHeader')));
      for (const x of open.slice(0, OPEN_SHOWN)) {
        blocks.push(text(t('weekOpen', { when: when(x), teacher: x.teacherName, what: what(x) })));
        blocks.push(actions({ actionId: BOOKING_ACTIONS.claim, value: x.id, label: T.plain(l, 'claimButton'), style: 'primary' }));
      }
      if (open.length > OPEN_SHOWN) blocks.push(context(t('weekOpenMore', { count: open.length - OPEN_SHOWN })));
    }
    return { summary: T.plain(l, 'weekTitle', { week }), blocks };
  };
}
