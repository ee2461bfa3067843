// What the reflection flow's steps share: their dependencies, loading a reflection for its owner
// only, and the small wording helpers.
import type { Actor, Interaction } from '../../core/chat.js';
import type { Locale, Params } from '../../core/i18n/catalogue.js';
import { bold, rich } from '../../core/i18n/text.js';
import { simpleMessage, text, type Block } from '../../core/messages.js';
import { formatDateLong, localDate } from '../../domain/calendar/index.js';
import type { ProductDeps } from '../stores.js';
import type { ReflectionDetail, ReflectionStore, VisitForReflection } from './ports.js';
import { DEFAULT_QUESTION_SETS, type AskedQuestion, type QuestionSets } from './questions/sets.js';
import { reflectionTexts as T } from './texts.js';

export const FLOW = 'reflection';
/** Longest answer, in chat and in the form (Slack's form fields stop at 3,000; the chat takes the rest). */
export const ANSWER_MAX_LENGTH = 4000;

export interface ReflectionContext {
  deps: ProductDeps;
  store: ReflectionStore;
  questions: QuestionSets;
  expiryDays: number;
}

export function reflectionContext(deps: ProductDeps): ReflectionContext {
  const r = deps.config.reflection;
  return { deps, store: deps.stores.reflection, questions: (r?.questions as QuestionSets | undefined) ?? DEFAULT_QUESTION_SETS, expiryDays: r?.expiryDays ?? 14 };
}

export type TextKey = keyof typeof T.da;

export const say = (ix: Interaction, key: TextKey, params?: Params) => ix.respond((l) => simpleMessage(T.for(l)(key, params)));

export const firstName = (name: string) => name.split(' ')[0]!;

export const questionText = (q: AskedQuestion, l: Locale) => (l === 'en' ? q.en : q.da);

export async function timeZoneOf(ctx: ReflectionContext, municipalityId: string): Promise<string> {
  return (await ctx.deps.calendar(municipalityId)).timeZone;
}

export const visitDate = (v: VisitForReflection, l: Locale, timeZone: string) => formatDateLong(localDate(v.startsAt, timeZone), l);

/**
 * The reflection if it is the acting person's; anyone else hears it belongs to someone else and
 * learns nothing more (the id in a button is never trusted).
 */
export async function ownReflection(ctx: ReflectionContext, actor: Actor, id: string | undefined, ix: Interaction): Promise<ReflectionDetail | null> {
  const r = id ? await ctx.store.get(id) : null;
  if (!r || r.personId !== actor.personId) {
    await say(ix, 'notYours');
    return null;
  }
  return r;
}

/**
 * Her answers in question order, each under its question. Text blocks, not fields: platforms split
 * a long text block but cut a long field, and an answer may be 4,000 characters.
 */
export function answerBlocks(r: ReflectionDetail, l: Locale): Block[] {
  return r.answers.map((a) => {
    const q = r.questions.find((x) => x.key === a.questionKey);
    return text(rich(bold(q ? questionText(q, l) : a.questionKey), '\n', a.text));
  });
}
