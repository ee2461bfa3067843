// The feedback conversation (issue #11, item 6). When a visit is confirmed the agent gets a short,
// private checklist of open questions for the conversation, and both teacher and agent can set when
// they talk (default: right after the lesson). The reflection prompt comes after the conversation.
import type { Actor, Interaction } from '../../core/chat.js';
import type { ActionEvent, FormResult, FormSubmission } from '../../core/flow.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { rich } from '../../core/i18n/text.js';
import { actions, context, header, text, type Form, type Message } from '../../core/messages.js';
import { formatDateLong, instantFromLocal, isValidClockTime, isValidIsoDate, localDate, localTime } from '../../domain/calendar/index.js';
import { checklistFor } from './checklist.js';
import { firstName, questionText, say, visitDate, type ReflectionContext } from './context.js';
import type { VisitForReflection } from './ports.js';
import { reflectionTexts as T } from './texts.js';

export const FEEDBACK_FORM = 'reflection.feedbackTime';
/** The conversation may be set up to this many days after the lesson. */
const LATEST_DAYS = 14;

const clock = (at: Date, tz: string, l: Locale) => (l === 'da' ? localTime(at, tz).replace(':', '.') : localTime(at, tz));
const whenText = (at: Date, tz: string, l: Locale) => T.plain(l, 'whenAt', { date: formatDateLong(localDate(at, tz), l), time: clock(at, tz, l) });

const feedbackButton = (l: Locale, slotId: string) => actions({ actionId: FEEDBACK_FORM, value: slotId, label: T.plain(l, 'feedbackButton') });

/** Visit confirmed: the agent's checklist, and the teacher's note that the time can be set. */
export async function visitConfirmedJob(ctx: ReflectionContext, { slotId, agentId }: { slotId: string; agentId: string }): Promise<void> {
  const v = await ctx.store.visit(slotId);
  if (!v || v.status !== 'claimed' || v.agentId !== agentId) return; // cancelled, moved on or taken over meanwhile
  const tz = (await ctx.deps.calendar(v.municipalityId)).timeZone;
  const checklist = checklistFor(v.theme);
  await ctx.deps.stores.transaction(async (tx) => {
    await tx.chat.sendToPerson(
      agentId,
      (l): Message => ({
        summary: T.plain(l, 'checklistTitle'),
        blocks: [
          header(T.plain(l, 'checklistTitle')),
          text(T.for(l)('checklistIntro', { subject: v.subject, group: v.classGroup, date: visitDate(v, l, tz), teacher: firstName(v.teacherName) })),
          text(rich(...checklist.flatMap((q, i) => [...(i > 0 ? ['\n'] : []), T.for(l)('checklistItem', { question: questionText({ key: '', ...q }, l) })]))),
          context(T.for(l)('checklistWhen')),
          feedbackButton(l, v.slotId),
        ],
      }),
      { key: `reflection:${slotId}:checklist:${agentId}` },
    );
    if (v.agentName)
      await tx.chat.sendToPerson(
        v.teacherId,
        (l) => ({ summary: T.plain(l, 'feedbackFormTitle'), blocks: [text(T.for(l)('teacherFeedbackNote', { subject: v.subject, date: visitDate(v, l, tz), agent: v.agentName! })), feedbackButton(l, v.slotId)] }),
        { key: `reflection:${slotId}:feedback-note:${agentId}` },
      );
  });
}

async function participantVisit(ctx: ReflectionContext, actor: Actor, slotId: string | undefined, ix: Interaction): Promise<VisitForReflection | null> {
  const v = slotId ? await ctx.store.visit(slotId) : null;
  if (!v || (actor.personId !== v.teacherId && actor.personId !== v.agentId)) {
    await say(ix, 'feedbackNotParticipant');
    return null;
  }
  if (v.status !== 'claimed' && v.status !== 'held') {
    await say(ix, 'feedbackClosed');
    return null;
  }
  return v;
}

export async function feedbackFormAction(ctx: ReflectionContext, ev: ActionEvent, ix: Interaction): Promise<void> {
  const v = await participantVisit(ctx, ev.actor, ev.value, ix);
  if (!v) return;
  const tz = (await ctx.deps.calendar(v.municipalityId)).timeZone;
  const at = v.feedbackAt ?? v.endsAt;
  await ix.openForm(
    (l): Form => ({
      id: FEEDBACK_FORM,
      title: T.plain(l, 'feedbackFormTitle'),
      submitLabel: T.plain(l, 'feedbackSave'),
      cancelLabel: T.plain(l, 'cancel'),
      privateValue: v.slotId,
      intro: [context(T.for(l)('feedbackHint', { end: clock(v.endsAt, tz, l) }))],
      fields: [
        { id: 'date', label: T.plain(l, 'feedbackDate'), type: 'date', required: true, initial: localDate(at, tz) },
        { id: 'time', label: T.plain(l, 'feedbackTime'), type: 'time', required: true, initial: localTime(at, tz) },
      ],
    }),
  );
}

export async function submitFeedbackTime(ctx: ReflectionContext, sub: FormSubmission, ix: Interaction): Promise<FormResult> {
  const v = await participantVisit(ctx, sub.actor, sub.privateValue, ix);
  if (!v) return { ok: true };
  const l = sub.actor.locale;
  const tz = (await ctx.deps.calendar(v.municipalityId)).timeZone;
  const date = (sub.values.date ?? '').trim();
  const time = (sub.values.time ?? '').trim();
  if (!isValidIsoDate(date) || !isValidClockTime(time)) return { ok: false, errors: { [isValidIsoDate(date) ? 'time' : 'date']: T.plain(l, 'feedbackInvalid') } };
  const at = instantFromLocal(date, time, tz);
  if (at < v.endsAt) return { ok: false, errors: { time: T.plain(l, 'feedbackTooEarly', { end: clock(v.endsAt, tz, l) }) } };
  if (at.getTime() > v.endsAt.getTime() + LATEST_DAYS * 86_400_000) return { ok: false, errors: { date: T.plain(l, 'feedbackTooLate', { days: LATEST_DAYS }) } };
  const other = sub.actor.personId === v.teacherId ? v.agentId : v.teacherId;
  const name = sub.actor.personId === v.teacherId ? v.teacherName : (v.agentName ?? '');
  const saved = await ctx.deps.stores.transaction(async (tx) => {
    if (!(await tx.reflection.setFeedbackAt(v.slotId, at))) return false;
    if (other)
      await tx.chat.sendToPerson(other, (lo) => ({ summary: T.plain(lo, 'feedbackFormTitle'), blocks: [text(T.for(lo)('feedbackSetOther', { name, subject: v.subject, when: whenText(at, tz, lo) }))] }), {
        key: `reflection:${v.slotId}:feedback-set:${at.getTime()}:${other}`,
      });
    return true;
  });
  if (!saved) await say(ix, 'feedbackClosed');
  else await ix.respond((lo) => ({ summary: T.plain(lo, 'feedbackFormTitle'), blocks: [text(T.for(lo)('feedbackSet', { when: whenText(at, tz, lo) }))] }));
  return { ok: true };
}
