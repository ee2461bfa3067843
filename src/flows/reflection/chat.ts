// Answering in chat, one question at a time. Where she is (Reflection.chatStep) and that her free
// text goes here (the open conversation, src/core/conversation.ts) are both in the database, so
// "fortsæt" after a restart picks up exactly where she left. Each answer is saved as it comes.
import type { Actor, Interaction } from '../../core/chat.js';
import type { ConversationEvent } from '../../core/flow.js';
import { rich } from '../../core/i18n/text.js';
import { simpleMessage, text, type MessageBuilder } from '../../core/messages.js';
import { ANSWER_MAX_LENGTH, firstName, FLOW, ownReflection, questionText, say, type ReflectionContext } from './context.js';
import type { ReflectionDetail } from './ports.js';
import { reflectionTexts as T } from './texts.js';

const SKIP_WORDS = ['spring over', 'spring', 'skip', 'næste', 'next'];
const STOP_WORDS = ['stop', 'pause'];

const normalized = (s: string) => s.trim().toLowerCase().replace(/[.!]+$/, '').replace(/\s+/g, ' ');

/** The question she is at, with what came just before it (an intro, "skipped") on top. */
function ask(r: ReflectionDetail, step: number, before: MessageBuilder | null): MessageBuilder {
  return (l) => {
    const q = r.questions[step]!;
    const question = T.for(l)('chatQuestion', { n: step + 1, count: r.questions.length, question: questionText(q, l) });
    const lead = before ? before(l) : null;
    return { summary: questionText(q, l), blocks: [...(lead ? lead.blocks : []), text(question)] };
  };
}

/** "Svar her" (and "fortsæt"): opens the conversation at the question she is at. */
export async function startChat(ctx: ReflectionContext, actor: Actor, r: ReflectionDetail, ix: Interaction): Promise<void> {
  if (r.status === 'answered') return say(ix, 'alreadyDone');
  if (r.status === 'expired') return say(ix, 'expired');
  const step = Math.min(r.chatStep ?? 0, r.questions.length - 1);
  await ctx.deps.stores.transaction(async (tx) => {
    await tx.reflection.setChatStep(r.id, actor.personId, step);
    await tx.conversations.open(actor.personId, FLOW, r.id);
  });
  const intro: MessageBuilder | null = r.chatStep === null ? (l) => simpleMessage(T.for(l)('chatIntro', { count: r.questions.length })) : null;
  await ix.respond(ask(r, step, intro));
}

export async function chatAction(ctx: ReflectionContext, actor: Actor, id: string | undefined, ix: Interaction): Promise<void> {
  const r = await ownReflection(ctx, actor, id, ix);
  if (r) await startChat(ctx, actor, r, ix);
}

/** `fortsæt`: the conversation she paused or was pulled away from; else her newest open reflection. */
export async function continueCommand(ctx: ReflectionContext, actor: Actor, ix: Interaction): Promise<void> {
  const open = await ctx.deps.conversations.current(actor.personId);
  let r = open?.flow === FLOW ? await ctx.store.get(open.ref) : null;
  if (!r || r.personId !== actor.personId || (r.status !== 'pending' && r.status !== 'skipped')) {
    const waiting = await ctx.store.ownOpen(actor.personId);
    const latest = [...waiting].sort((a, b) => (b.chatStep !== null ? 1 : 0) - (a.chatStep !== null ? 1 : 0) || (b.promptedAt?.getTime() ?? 0) - (a.promptedAt?.getTime() ?? 0))[0];
    r = latest ? await ctx.store.get(latest.id) : null;
  }
  if (!r) return say(ix, 'continueNothing');
  await startChat(ctx, actor, r, ix);
}

/** What she wrote while the conversation is open: an answer, "spring over" or "stop". */
export async function reply(ctx: ReflectionContext, ev: ConversationEvent, ix: Interaction): Promise<void> {
  const { actor } = ev;
  const r = await ctx.store.get(ev.ref);
  if (!r || r.personId !== actor.personId || (r.status !== 'pending' && r.status !== 'skipped') || r.chatStep === null) {
    // Answered in the form, expired, or gone: the conversation is over.
    await ctx.deps.conversations.close(actor.personId, FLOW, ev.ref);
    return say(ix, !r || r.personId !== actor.personId ? 'continueNothing' : r.status === 'expired' ? 'expired' : 'alreadyDone');
  }
  const step = r.chatStep;
  const word = normalized(ev.text);
  if (STOP_WORDS.includes(word)) {
    await ctx.deps.conversations.close(actor.personId, FLOW, r.id);
    return say(ix, 'chatPaused');
  }
  const skip = SKIP_WORDS.includes(word);
  const answer = ev.text.trim();
  if (!skip && answer.length > ANSWER_MAX_LENGTH) {
    // Refused kindly, her text given back whole so nothing is lost; she stays at the same question.
    return ix.respond((l) => ({
      summary: T.plain(l, 'chatTooLong', { length: answer.length, max: ANSWER_MAX_LENGTH }),
      blocks: [text(T.for(l)('chatTooLong', { length: answer.length, max: ANSWER_MAX_LENGTH })), text(rich(answer))],
    }));
  }
  const q = r.questions[step]!;
  // A repeated message (the step moved already) is not saved twice.
  if (!(await ctx.store.answerInChat(r.id, actor.personId, step, skip ? null : { questionKey: q.key, text: answer }))) return;
  const next = step + 1;
  const skipped: MessageBuilder | null = skip ? (l) => simpleMessage(T.for(l)('chatSkipped')) : null;
  if (next < r.questions.length) return ix.respond(ask(r, next, skipped));
  await finishChat(ctx, actor, r, ix);
}

async function finishChat(ctx: ReflectionContext, actor: Actor, r: ReflectionDetail, ix: Interaction): Promise<void> {
  const done = await ctx.deps.stores.transaction(async (tx) => {
    await tx.conversations.close(actor.personId, FLOW, r.id);
    if (await tx.reflection.finish(r.id, actor.personId, ctx.deps.clock.now())) return true;
    // Every question skipped: nothing to save; from the top next time.
    await tx.reflection.setChatStep(r.id, actor.personId, 0);
    return false;
  });
  if (!done) return say(ix, 'chatAllSkipped');
  const person = await ctx.deps.directory.person(actor.personId);
  await say(ix, 'chatDone', { name: firstName(person?.name ?? '') });
}

/** After a command interrupted her: where she was and how to get back. */
export async function wayBack(ctx: ReflectionContext, ref: string): Promise<MessageBuilder> {
  const r = await ctx.store.get(ref);
  return (l) => simpleMessage(T.for(l)('wayBack', { subject: r?.visit.subject ?? '' }));
}
