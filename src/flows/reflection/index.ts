// The reflection flow: after a held visit the teacher is asked a few open questions in chat. The
// answers belong to the teacher — only they can read them; everyone else (leaders, digests) only
// ever sees that a reflection exists and whether it was written.
import type { Flow, FormResult } from '../../core/flow.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { rich, type RichText } from '../../core/i18n/text.js';
import { actions, context, fields, header, simpleMessage, text, type Block, type Form, type Message } from '../../core/messages.js';
import type { ProductFlowFactory } from '../stores.js';
import { addWorkingHours, formatDateLong, localDate } from '../../domain/calendar/index.js';
import type { VisitForReflection } from './ports.js';
import { reflectionTexts as T } from './texts.js';

import { REFLECTION_PROMPT_JOB } from './jobs.js';

export { REFLECTION_PROMPT_JOB };
const NUDGE_JOB = 'reflection.nudge';
/** One gentle reminder two working days later; never more (data are for development, not control). */
const NUDGE_AFTER_WORKING_HOURS = 17;
export const ANSWER_MAX_LENGTH = 1500;

const QUESTIONS = [
  { key: 'learning', label: 'qLearning', hint: 'qLearningHint' },
  { key: 'differentiation', label: 'qDifferentiation' },
  { key: 'adjustment', label: 'qAdjustment' },
  { key: 'course', label: 'qCourse' },
] as const;

const say = (t: RichText): Message => simpleMessage(t);

export const createReflectionFlow: ProductFlowFactory = ({ stores, chat, clock, calendar }) => {
  const store = stores.reflection;

  const visitDate = (v: VisitForReflection, l: Locale, timeZone: string) => formatDateLong(localDate(v.startsAt, timeZone), l);

  const form = (reflectionId: string) => (l: Locale): Form => ({
    id: 'reflection.answer',
    title: T.plain(l, 'formTitle'),
    submitLabel: T.plain(l, 'submit'),
    cancelLabel: T.plain(l, 'cancel'),
    privateValue: reflectionId,
    intro: [context(T.for(l)('formIntro'))],
    fields: QUESTIONS.map((q) => ({
      id: q.key,
      label: T.plain(l, q.label),
      type: 'textarea' as const,
      required: false,
      maxLength: ANSWER_MAX_LENGTH,
      ...('hint' in q ? { hint: T.plain(l, q.hint) } : {}),
    })),
  });

  const flow: Flow = {
    name: 'reflection',
    jobs: {
      [REFLECTION_PROMPT_JOB]: async ({ slotId }: { slotId: string }, ctx) => {
        const visit = await store.visit(slotId);
        if (!visit || visit.status !== 'held') return; // cancelled or marked "did not happen" meanwhile
        const settings = await calendar(visit.municipalityId);
        const { timeZone } = settings;
        // The reflection, its prompt and its one reminder commit together: a repeated job asks nothing twice.
        await stores.transaction(async (tx) => {
          const { id, created } = await tx.reflection.ensure(slotId, visit.teacherId, ctx.now);
          if (!created) return;
          await tx.chat.sendToPerson(
            visit.teacherId,
            (l) => {
              const t = T.for(l);
              const params = { name: visit.teacherName.split(' ')[0]!, subject: visit.subject, group: visit.classGroup, date: visitDate(visit, l, timeZone) };
              return {
                summary: T.plain(l, 'promptTitle'),
                blocks: [
                  header(T.plain(l, 'promptTitle')),
                  text(visit.agentName ? t('prompt', { ...params, agent: visit.agentName }) : t('promptNoAgent', params)),
                  actions(
                    { actionId: 'reflection.open', value: id, label: T.plain(l, 'write'), style: 'primary' },
                    { actionId: 'reflection.skip', value: id, label: T.plain(l, 'later') },
                  ),
                ],
              };
            },
            { key: `reflection:${id}:prompt` },
          );
          await tx.jobs.schedule({
            kind: NUDGE_JOB,
            payload: { reflectionId: id },
            runAt: addWorkingHours(ctx.now, NUDGE_AFTER_WORKING_HOURS, settings),
            idempotencyKey: `reflection:${id}:nudge`,
            municipalityId: visit.municipalityId,
          });
        });
      },
      [NUDGE_JOB]: async ({ reflectionId }: { reflectionId: string }) => {
        const r = await store.get(reflectionId);
        if (!r || r.status !== 'pending') return;
        const { timeZone } = await calendar(r.visit.municipalityId);
        await chat.sendToPerson(
          r.personId,
          (l) => ({
            summary: T.plain(l, 'promptTitle'),
            blocks: [
              text(T.for(l)('nudge', { name: r.visit.teacherName.split(' ')[0]!, subject: r.visit.subject, date: visitDate(r.visit, l, timeZone) })),
              actions({ actionId: 'reflection.open', value: r.id, label: T.plain(l, 'write'), style: 'primary' }),
            ],
          }),
          { key: `reflection:${r.id}:nudge:send` },
        );
      },
    },
    actions: {
      'reflection.open': async (ev, ix) => {
        const r = ev.value ? await store.get(ev.value) : null;
        if (!r || r.personId !== ev.actor.personId) return ix.respond((l) => say(T.for(l)('notYours')));
        if (r.status === 'answered') return ix.respond((l) => say(T.for(l)('alreadyDone')));
        await ix.openForm(form(r.id));
      },
      'reflection.skip': async (ev, ix) => {
        const r = ev.value ? await store.get(ev.value) : null;
        if (!r || r.personId !== ev.actor.personId) return ix.respond((l) => say(T.for(l)('notYours')));
        // "Not now" only closes the question; the reflection stays open on the person's home.
        await ix.updateSource((l) => say(T.for(l)('skipped')));
      },
    },
    forms: {
      'reflection.answer': async (sub, ix): Promise<FormResult> => {
        const id = sub.privateValue ?? '';
        const r = await store.get(id);
        if (!r || r.personId !== sub.actor.personId) {
          await ix.respond((l) => say(T.for(l)('notYours')));
          return { ok: true };
        }
        if (r.status === 'answered') {
          await ix.respond((l) => say(T.for(l)('alreadyDone')));
          return { ok: true };
        }
        const l = sub.actor.locale;
        const errors: Record<string, string> = {};
        const answers: { questionKey: string; text: string }[] = [];
        for (const q of QUESTIONS) {
          const value = (sub.values[q.key] ?? '').trim();
          if (value.length > ANSWER_MAX_LENGTH) errors[q.key] = T.plain(l, 'errorTooLong', { length: value.length, max: ANSWER_MAX_LENGTH });
          else if (value) answers.push({ questionKey: q.key, text: value });
        }
        if (answers.length === 0 && Object.keys(errors).length === 0) errors[QUESTIONS[0].key] = T.plain(l, 'errorEmpty');
        if (Object.keys(errors).length > 0) return { ok: false, errors };
        const saved = await store.answer(r.id, sub.actor.personId, answers, clock.now());
        await ix.respond((lo) => say(T.for(lo)(saved ? 'saved' : 'alreadyDone')));
        return { ok: true };
      },
    },
    commands: {
      reflections: async (ev, ix) => {
        const own = await store.ownAnswered(ev.actor.personId, 10);
        const settings = await calendar(ev.actor.municipalityId);
        await ix.respond((l) => {
          const t = T.for(l);
          const blocks: Block[] = [header(T.plain(l, 'listTitle')), context(t('listPrivate'))];
          if (own.length === 0) blocks.push(text(t('listEmpty')));
          for (const r of own) {
            blocks.push(text(t('listItem', { subject: r.visit.subject, group: r.visit.classGroup, date: visitDate(r.visit, l, settings.timeZone) })));
            const labelOf = (key: string) => T.plain(l, QUESTIONS.find((q) => q.key === key)?.label ?? 'qLearning');
            // Retention (docs/privacy.md) deletes old texts; the reflection itself is still listed.
            blocks.push(r.answers.length > 0 ? fields(...r.answers.map((a) => ({ label: labelOf(a.questionKey), value: rich(a.text) }))) : context(t('listTextDeleted')));
          }
          return { summary: T.plain(l, 'listTitle'), blocks };
        });
      },
    },
    home: async (actor) => {
      const open = await store.ownOpen(actor.personId);
      if (open.length === 0) return [];
      const l = actor.locale;
      return [
        text(T.for(l)('homePending', { count: open.length, subjects: open.map((r) => r.visit.subject).join(', ') })),
        actions(...open.slice(0, 5).map((r) => ({ actionId: 'reflection.open', value: r.id, label: `${T.plain(l, 'write')}: ${r.visit.subject}` }))),
      ];
    },
  };
  return flow;
};
