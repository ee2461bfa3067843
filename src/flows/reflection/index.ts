// The reflection flow: after a held visit the teacher is asked a few open questions — in the chat,
// one at a time, or in a form. The answers belong to her: only she can read them, unless she herself
// shares them with the visiting agent; everyone else (leaders, digests) only ever sees that a
// reflection exists and whether it was written.
//
// One step per file: prompt.ts (prompt, reminder, expiry), chat.ts (one question at a time),
// form.ts (all at once, and editing), list.ts (`refleksioner`), share.ts ("Del med <agent>"),
// feedback.ts (the feedback conversation: its time, the agent's checklist).
import type { Flow } from '../../core/flow.js';
import { actions, text } from '../../core/messages.js';
import type { ProductFlowFactory } from '../stores.js';
import { chatAction, continueCommand, reply, wayBack } from './chat.js';
import { reflectionContext, say } from './context.js';
import { FORM_ID, openFormAction, submitForm } from './form.js';
import { FEEDBACK_FORM, feedbackFormAction, submitFeedbackTime, visitConfirmedJob } from './feedback.js';
import { REFLECTION_PROMPT_JOB, REFLECTION_VISIT_CONFIRMED_JOB } from './jobs.js';
import { listReflections, pageOf } from './list.js';
import { answerButtons, expireJob, EXPIRE_JOB, nudgeJob, NUDGE_JOB, promptJob } from './prompt.js';
import { shareAction } from './share.js';
import { reflectionTexts as T } from './texts.js';

export { REFLECTION_PROMPT_JOB };
export { ANSWER_MAX_LENGTH } from './context.js';

export const createReflectionFlow: ProductFlowFactory = (deps) => {
  const ctx = reflectionContext(deps);
  const flow: Flow = {
    name: 'reflection',
    jobs: {
      [REFLECTION_PROMPT_JOB]: (payload: { slotId: string }, job) => promptJob(ctx, payload, job),
      [NUDGE_JOB]: (payload: { reflectionId: string }) => nudgeJob(ctx, payload),
      [EXPIRE_JOB]: (payload: { reflectionId: string }) => expireJob(ctx, payload),
      [REFLECTION_VISIT_CONFIRMED_JOB]: (payload: { slotId: string; agentId: string }) => visitConfirmedJob(ctx, payload),
    },
    actions: {
      'reflection.chat': (ev, ix) => chatAction(ctx, ev.actor, ev.value, ix),
      'reflection.open': (ev, ix) => openFormAction(ctx, ev, ix),
      // "Ikke nu" only closes the question; the reflection stays in `refleksioner`.
      'reflection.later': async (ev, ix) => {
        const r = ev.value ? await ctx.store.get(ev.value) : null;
        if (!r || r.personId !== ev.actor.personId) return say(ix, 'notYours');
        await ix.updateSource((l) => ({ summary: T.plain(l, 'laterDone'), blocks: [text(T.for(l)('laterDone'))] }));
      },
      // The old "Ikke nu" button, on prompts sent before it was renamed.
      'reflection.skip': (ev, ix) => flow.actions!['reflection.later']!(ev, ix),
      'reflection.page': (ev, ix) => listReflections(ctx, ev.actor, pageOf(ev.value), ix),
      'reflection.share': (ev, ix) => shareAction(ctx, ev, ix),
      [FEEDBACK_FORM]: (ev, ix) => feedbackFormAction(ctx, ev, ix),
    },
    forms: { [FORM_ID]: (sub, ix) => submitForm(ctx, sub, ix), [FEEDBACK_FORM]: (sub, ix) => submitFeedbackTime(ctx, sub, ix) },
    commands: {
      reflections: (ev, ix) => listReflections(ctx, ev.actor, 0, ix),
      continue: (ev, ix) => continueCommand(ctx, ev.actor, ix),
    },
    conversation: {
      reply: (ev, ix) => reply(ctx, ev, ix),
      wayBack: (ref) => wayBack(ctx, ref),
    },
    home: async (actor) => {
      const open = await ctx.store.ownOpen(actor.personId);
      if (open.length === 0) return [];
      const l = actor.locale;
      const latest = open.at(-1)!;
      return [text(T.for(l)('homePending', { count: open.length, subjects: open.map((r) => r.visit.subject).join(', ') })), actions(...answerButtons(l, latest.id, false))];
    },
  };
  return flow;
};
