// "Åbn formular": every question at once, as a form — to answer, or later to edit her answers.
import type { Interaction } from '../../core/chat.js';
import type { ActionEvent, FormResult, FormSubmission } from '../../core/flow.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { context, type Form } from '../../core/messages.js';
import { ANSWER_MAX_LENGTH, FLOW, ownReflection, questionText, say, type ReflectionContext } from './context.js';
import type { Answer, ReflectionDetail } from './ports.js';
import { reflectionTexts as T } from './texts.js';

export const FORM_ID = 'reflection.answer';

function form(r: ReflectionDetail) {
  return (l: Locale): Form => ({
    id: FORM_ID,
    title: T.plain(l, 'formTitle'),
    submitLabel: T.plain(l, 'submit'),
    cancelLabel: T.plain(l, 'cancel'),
    privateValue: r.id,
    intro: [context(T.for(l)('formIntro'))],
    fields: r.questions.map((q) => {
      const earlier = r.answers.find((a) => a.questionKey === q.key)?.text;
      return { id: q.key, label: questionText(q, l), type: 'textarea' as const, required: false, maxLength: ANSWER_MAX_LENGTH, ...(earlier ? { initial: earlier } : {}) };
    }),
  });
}

/** "Åbn formular" on a pending reflection, "Ret svar" on an answered one. */
export async function openFormAction(ctx: ReflectionContext, ev: ActionEvent, ix: Interaction): Promise<void> {
  const r = await ownReflection(ctx, ev.actor, ev.value, ix);
  if (!r) return;
  if (r.status === 'expired') return say(ix, 'expired');
  await ix.openForm(form(r));
}

export async function submitForm(ctx: ReflectionContext, sub: FormSubmission, ix: Interaction): Promise<FormResult> {
  const r = await ownReflection(ctx, sub.actor, sub.privateValue, ix);
  if (!r) return { ok: true, saved: false };
  if (r.status === 'expired') {
    await say(ix, 'expired');
    return { ok: true, saved: false };
  }
  const l = sub.actor.locale;
  const errors: Record<string, string> = {};
  const answers: Answer[] = [];
  for (const q of r.questions) {
    const value = (sub.values[q.key] ?? '').trim();
    if (value.length > ANSWER_MAX_LENGTH) errors[q.key] = T.plain(l, 'errorTooLong', { length: value.length, max: ANSWER_MAX_LENGTH });
    answers.push({ questionKey: q.key, text: value });
  }
  if (answers.every((a) => a.text === '') && Object.keys(errors).length === 0) errors[r.questions[0]!.key] = T.plain(l, 'errorEmpty');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const wasAnswered = r.status === 'answered';
  const saved = await ctx.deps.stores.transaction(async (tx) => {
    if (!(await tx.reflection.answer(r.id, sub.actor.personId, answers, ctx.deps.clock.now()))) return false;
    // Answered in the form: a chat she had begun is over.
    await tx.conversations.close(sub.actor.personId, FLOW, r.id);
    return true;
  });
  await say(ix, !saved ? 'expired' : wasAnswered ? 'edited' : 'saved');
  return saved ? { ok: true } : { ok: true, saved: false };
}
