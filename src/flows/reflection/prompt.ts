// After the visit: the prompt (when the feedback conversation is over), one gentle reminder, and
// quiet expiry. The prompt says when the lesson was — "i dag" the same afternoon, "i går" or the
// day the next morning — so a message sent the morning after never thanks her "for today".
import type { JobContext } from '../../core/jobs/types.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { actions, context, header, text, type Button, type Message } from '../../core/messages.js';
import { addDays, addWorkingHours, formatDateLong, localDate, weekdayName } from '../../domain/calendar/index.js';
import { firstName, visitDate, type ReflectionContext } from './context.js';
import type { VisitForReflection } from './ports.js';
import { promptDueAt, REFLECTION_PROMPT_JOB } from './jobs.js';
import { questionsFor } from './questions/sets.js';
import { reflectionTexts as T } from './texts.js';

export const NUDGE_JOB = 'reflection.nudge';
export const EXPIRE_JOB = 'reflection.expire';
/** One gentle reminder two working days later; never more (data are for development, not control). */
const NUDGE_AFTER_WORKING_HOURS = 17;
const DAY_MS = 24 * 3_600_000;

/** "Svar her", "Åbn formular" (and "Ikke nu" on the prompt itself). */
export function answerButtons(l: Locale, reflectionId: string, withLater: boolean): Button[] {
  return [
    { actionId: 'reflection.chat', value: reflectionId, label: T.plain(l, 'answerHere'), style: 'primary' },
    { actionId: 'reflection.open', value: reflectionId, label: T.plain(l, 'openForm') },
    ...(withLater ? [{ actionId: 'reflection.later', value: reflectionId, label: T.plain(l, 'later') }] : []),
  ];
}

/** "I går" / "Fredag den 27. november 2026" — when the lesson was, seen from the day the prompt goes out. */
function whenWords(lessonDay: string, today: string, l: Locale): string {
  if (addDays(lessonDay, 1) === today) return T.plain(l, 'whenYesterday');
  const weekday = weekdayName(lessonDay, l);
  return T.plain(l, 'whenOn', { weekday: weekday[0]!.toUpperCase() + weekday.slice(1), date: formatDateLong(lessonDay, l) });
}

function promptMessage(v: VisitForReflection, reflectionId: string, sentAt: Date, timeZone: string) {
  return (l: Locale): Message => {
    const t = T.for(l);
    const lessonDay = localDate(v.startsAt, timeZone);
    const today = localDate(sentAt, timeZone);
    const p = { name: firstName(v.teacherName), subject: v.subject, group: v.classGroup, agent: v.agentName ?? '' };
    const body =
      lessonDay === today
        ? t(v.agentName ? 'promptToday' : 'promptTodayNoAgent', p)
        : t(v.agentName ? 'promptEarlier' : 'promptEarlierNoAgent', { ...p, when: whenWords(lessonDay, today, l) });
    return { summary: T.plain(l, 'promptTitle'), blocks: [header(T.plain(l, 'promptTitle')), text(body), context(t('promptHow')), actions(...answerButtons(l, reflectionId, true))] };
  };
}

export async function promptJob(ctx: ReflectionContext, { slotId }: { slotId: string }, job: JobContext): Promise<void> {
  const visit = await ctx.store.visit(slotId);
  if (!visit || visit.status !== 'held') return; // cancelled or marked "did not happen" meanwhile
  // Not before the feedback conversation has had its time (they may have set it later since).
  const due = promptDueAt(visit.endsAt, visit.feedbackAt);
  if (due.getTime() > job.now.getTime() + 60_000) {
    await ctx.deps.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId }, runAt: due, idempotencyKey: `reflection:${slotId}:prompt-at:${due.getTime()}`, municipalityId: visit.municipalityId });
    return;
  }
  const settings = await ctx.deps.calendar(visit.municipalityId);
  const teacher = await ctx.deps.directory.person(visit.teacherId);
  const questions = questionsFor(ctx.questions, visit.theme, visit.focus);
  // The reflection, its prompt, its one reminder and its expiry commit together: a repeated job asks nothing twice.
  await ctx.deps.stores.transaction(async (tx) => {
    const { id, created } = await tx.reflection.ensure(slotId, visit.teacherId, job.now, questions);
    if (!created) return;
    await tx.jobs.schedule({
      kind: EXPIRE_JOB,
      payload: { reflectionId: id },
      runAt: new Date(job.now.getTime() + ctx.expiryDays * DAY_MS),
      idempotencyKey: `reflection:${id}:expire`,
      messagesStaff: false,
    });
    // She turned prompts off (`indstillinger`): the reflection waits quietly in `refleksioner`.
    if (teacher?.promptsOff) return;
    await tx.chat.sendToPerson(visit.teacherId, promptMessage(visit, id, job.now, settings.timeZone), { key: `reflection:${id}:prompt` });
    await tx.jobs.schedule({
      kind: NUDGE_JOB,
      payload: { reflectionId: id },
      runAt: addWorkingHours(job.now, NUDGE_AFTER_WORKING_HOURS, settings),
      idempotencyKey: `reflection:${id}:nudge`,
      municipalityId: visit.municipalityId,
    });
  });
}

export async function nudgeJob(ctx: ReflectionContext, { reflectionId }: { reflectionId: string }): Promise<void> {
  const r = await ctx.store.get(reflectionId);
  // Answered — or begun in the chat: she knows where it is, no reminder.
  if (!r || r.status !== 'pending' || r.answers.length > 0) return;
  if ((await ctx.deps.directory.person(r.personId))?.promptsOff) return;
  const { timeZone } = await ctx.deps.calendar(r.visit.municipalityId);
  await ctx.deps.chat.sendToPerson(
    r.personId,
    (l) => ({
      summary: T.plain(l, 'promptTitle'),
      blocks: [
        text(T.for(l)('nudge', { name: firstName(r.visit.teacherName), subject: r.visit.subject, date: visitDate(r.visit, l, timeZone) })),
        actions(...answerButtons(l, r.id, false)),
      ],
    }),
    { key: `reflection:${r.id}:nudge:send` },
  );
}

/** Quietly: no message. An expired reflection counts as not answered; what she wrote stays hers. */
export async function expireJob(ctx: ReflectionContext, { reflectionId }: { reflectionId: string }): Promise<void> {
  const r = await ctx.store.get(reflectionId);
  if (!r) return;
  await ctx.deps.stores.transaction(async (tx) => {
    if (await tx.reflection.expire(reflectionId)) await tx.conversations.close(r.personId, 'reflection', reflectionId);
  });
}
