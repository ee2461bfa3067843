// What people look up: `mine` (upcoming visits, the agent's week, progress per course), `ledige`
// (open lessons the person may claim now) and the booking section of their home.
import type { Actor, Interaction } from '../../core/chat.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { rich, type RichText } from '../../core/i18n/text.js';
import { actions, context, divider, header, text, type Block } from '../../core/messages.js';
import { zoned } from '../../domain/calendar/index.js';
import { parseSpread, progress, type VisitFact } from '../../domain/feedback-windows.js';
import { calendarLink, headStartAgent, now, say, settingsOf, tzOf, UPCOMING_HORIZON_MS, VISITING, type BookingContext } from './context.js';
import { formatDayMonth, formatWhat } from './format.js';
import type { CourseWithSessions, SlotView } from './port.js';
import { bookingTexts } from './texts.js';
import { ACTIONS, calendarButton, teacherButtons, when, withdrawButton } from './views.js';

/** Open lessons the actor may claim now; null when they are no agent or consultant anywhere. */
async function visibleOpenSlots(ctx: BookingContext, actor: Actor, limit: number): Promise<SlotView[] | null> {
  const roles = await ctx.deps.directory.rolesOf(actor.personId);
  const agentAt = new Set(roles.filter((r) => r.role === 'learning_agent').map((r) => r.schoolId));
  const consultantAt = new Set(roles.filter((r) => r.role === 'consultant').map((r) => r.schoolId));
  if (agentAt.size === 0 && consultantAt.size === 0) return null;
  const candidates = await ctx.store.openSlots([...new Set([...agentAt, ...consultantAt])], now(ctx), 50);
  // Who has the head start depends only on the teacher and the school (an open slot has no agent
  // to leave out), so each pair is looked up once, however many of their lessons are in it.
  const headStarts = new Map<string, Promise<string | null>>();
  const headStartOf = (s: SlotView) => {
    const key = `${s.teacherId}:${s.schoolId}`;
    if (!headStarts.has(key)) headStarts.set(key, headStartAgent(ctx.store, s));
    return headStarts.get(key)!;
  };
  const out: SlotView[] = [];
  for (const s of candidates) {
    if (s.teacherId === actor.personId) continue;
    const visible =
      (agentAt.has(s.schoolId) && s.announcedAt !== null) ||
      (consultantAt.has(s.schoolId) && s.escalatedAt !== null) ||
      (s.announcedAt === null && (await headStartOf(s)) === actor.personId);
    if (visible) out.push(s);
    if (out.length >= limit) break;
  }
  return out;
}

async function openBlocks(ctx: BookingContext, slots: SlotView[]): Promise<(l: Locale) => Block[]> {
  const tzs = await Promise.all(slots.map((s) => tzOf(ctx, s)));
  return (l) =>
    slots.flatMap((s, i) => [
      text(bookingTexts.for(l)('openLine', { when: when(s, tzs[i]!, l), teacher: s.teacherName, what: formatWhat(s), school: s.schoolName })),
      ...(s.focus ? [context(bookingTexts.for(l)('reminderFocus', { focus: s.focus }))] : []),
      actions({ actionId: ACTIONS.claim, value: s.id, label: bookingTexts.plain(l, 'claimButton'), style: 'primary' }),
    ]);
}

export async function openCommand(ctx: BookingContext, actor: Actor, ix: Interaction): Promise<void> {
  const slots = await visibleOpenSlots(ctx, actor, 10);
  if (slots === null) return say(ix, 'openNotAgent');
  if (slots.length === 0) return say(ix, 'openNone');
  const blocks = await openBlocks(ctx, slots);
  await ix.respond((l) => ({ summary: bookingTexts.plain(l, 'openHeader'), blocks: [header(bookingTexts.plain(l, 'openHeader')), ...blocks(l)] }));
}

export async function myCommand(ctx: BookingContext, actor: Actor, ix: Interaction): Promise<void> {
  const at = now(ctx);
  const tz = (await settingsOf(ctx, actor.municipalityId)).timeZone;
  const { store } = ctx;
  const [asTeacher, asAgent, courses, lessons, roles] = await Promise.all([
    store.upcomingAsTeacher(actor.personId, at, 10),
    store.visitsAsAgent(actor.personId, at, new Date(at.getTime() + UPCOMING_HORIZON_MS), 10),
    store.coursesOf(actor.personId),
    store.courseLessons(actor.personId),
    ctx.deps.directory.rolesOf(actor.personId),
  ]);
  const visits = roles.some((r) => VISITING.includes(r.role));
  const weekStart = zoned(at, tz).startOf('week');
  const week = visits ? await store.visitsAsAgent(actor.personId, weekStart.toJSDate(), weekStart.plus({ weeks: 1 }).toJSDate(), 30) : [];
  const progress = courses.map((c) => progressLine(c, lessons, actor.personId, at, tz));

  await ix.respond((l) => {
    const t = bookingTexts.for(l);
    const blocks: Block[] = [header(bookingTexts.plain(l, 'myHeader'))];
    if (asTeacher.length === 0 && asAgent.length === 0) blocks.push(text(t('myNone')));
    for (const s of asTeacher) {
      blocks.push(text(teacherLine(s, tz, l)));
      blocks.push(actions(...(s.status === 'claimed' ? calendarButton(calendarLink(ctx, s, actor.personId), l) : []), ...teacherButtons(s, l)));
    }
    if (asAgent.length > 0) {
      blocks.push(divider(), text(boldAll(t('myAgentHeader'))));
      for (const s of asAgent) {
        blocks.push(text(agentLine(s, tz, l)));
        blocks.push(actions(...calendarButton(calendarLink(ctx, s, actor.personId), l), withdrawButton(s, l)));
      }
    }
    if (visits) {
      blocks.push(divider(), text(boldAll(t('myWeekHeader', { week: weekStart.weekNumber }))));
      blocks.push(week.length === 0 ? context(t('myWeekNone')) : text(rich(...week.flatMap((s, i) => [i > 0 ? '\n' : '', agentLine(s, tz, l)]))));
    }
    if (progress.length > 0) {
      blocks.push(divider(), text(boldAll(t('progressHeader'))));
      blocks.push(text(rich(...progress.flatMap((p, i) => [i > 0 ? '\n' : '', p(l)]))));
    }
    return { summary: bookingTexts.plain(l, 'myHeader'), blocks };
  });
}

export async function home(ctx: BookingContext, actor: Actor): Promise<Block[]> {
  const at = now(ctx);
  const tz = (await settingsOf(ctx, actor.municipalityId)).timeZone;
  const [asTeacher, asAgent, open] = await Promise.all([
    ctx.store.upcomingAsTeacher(actor.personId, at, 5),
    ctx.store.visitsAsAgent(actor.personId, at, new Date(at.getTime() + UPCOMING_HORIZON_MS), 5),
    visibleOpenSlots(ctx, actor, 5),
  ]);
  const openList = open && open.length > 0 ? await openBlocks(ctx, open) : null;
  // The home is rendered for the actor's own locale.
  const l = actor.locale;
  const t = bookingTexts.for(l);
  const blocks: Block[] = [];
  if (asTeacher.length > 0 || asAgent.length > 0) {
    blocks.push(text(boldAll(t('homeUpcoming'))));
    for (const s of asTeacher) blocks.push(text(teacherLine(s, tz, l)));
    for (const s of asAgent) blocks.push(text(agentLine(s, tz, l)));
  }
  if (openList) {
    if (blocks.length > 0) blocks.push(divider());
    blocks.push(text(boldAll(t('homeOpen'))), ...openList(l));
  }
  return blocks;
}

/** "Klasseledelse: 1 af 2 feedbacks – næste før kursusgang 2 den 27. oktober" (see domain/feedback-windows.ts). */
export function progressLine(course: CourseWithSessions, lessons: VisitFact[], personId: string, at: Date, tz: string): (l: Locale) => RichText {
  const p = progress({ ...course, feedbackSpread: parseSpread(course.feedbackSpread) }, lessons, personId, at);
  const params = { done: p.done, target: p.target, course: course.name };
  return (l) => {
    const t = bookingTexts.for(l);
    if (p.done >= p.target) return t('progressReached', params);
    if (!p.next) return t('progressAfter', params);
    const date = formatDayMonth(p.next.date, tz, l);
    if (p.next.beforeSession === null) return t('progressLast', { ...params, date });
    return t('progressBefore', { ...params, session: p.next.beforeSession, date });
  };
}

/** One of the teacher's own upcoming lessons, open or with its agent. */
function teacherLine(s: SlotView, tz: string, l: Locale): RichText {
  const t = bookingTexts.for(l);
  return s.status === 'claimed' ? t('myTeacherClaimed', { when: when(s, tz, l), what: formatWhat(s), agent: s.agentName ?? '' }) : t('myTeacherOpen', { when: when(s, tz, l), what: formatWhat(s) });
}

/** One of an agent's visits. */
function agentLine(s: SlotView, tz: string, l: Locale): RichText {
  return bookingTexts.for(l)('myAgentLine', { when: when(s, tz, l), teacher: s.teacherName, what: formatWhat(s) });
}

function boldAll(t: RichText): RichText {
  return t.map((s) => ({ ...s, bold: true }));
}
