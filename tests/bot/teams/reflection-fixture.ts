// A held visit seen from Teams: the real Teams adapter over loopback (harness.ts), a teacher, the
// visiting agent, a colleague, another agent, a leader and a coordinator at one school, all with the
// app installed, and the reflection prompt delivered to the teacher's 1:1 chat. `say` and `click`
// send a message activity or an Action.Execute invoke and return what the bot answered in that
// person's chat, as plain text (Markdown escapes and emphasis undone), so tests can compare it with
// the catalogues' texts (T.plain(...)) rather than with sentences copied into the test.
import { afterEach } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import { createReflectionFlow, REFLECTION_PROMPT_JOB } from '../../../src/flows/reflection/index.js';
import type { FlowFactory, RuntimeOptions } from '../../../src/runtime.js';
import { cardOf, cardText, type Call } from './fake-connector.js';
import { startTeams, type TeamsHarness, type TeamsUser } from './harness.js';
import { expectValidCard } from './validate-card.js';
import { reflectionTexts as T } from '../../../src/flows/reflection/texts.js';

export const SCHOOL = 'Holsted Skole';

export interface TeamsVisit {
  h: TeamsHarness;
  teacher: TeamsUser;
  agent: TeamsUser;
  otherTeacher: TeamsUser;
  otherAgent: TeamsUser;
  leader: TeamsUser;
  coordinator: TeamsUser;
  slotId: string;
  /** The prompt card the teacher got, and the id Teams gave it. */
  prompt: { card: any; activityId: string };
}

export async function teamsVisit(
  opts: { flows?: FlowFactory[]; logger?: Logger; config?: Partial<RuntimeOptions['config']>; theme?: string; now?: string } = {},
): Promise<TeamsVisit> {
  const h = await startTeams({ now: opts.now ?? '2026-11-24T10:10:00Z', flows: opts.flows ?? [createReflectionFlow], ...(opts.logger ? { logger: opts.logger } : {}), ...(opts.config ? { config: opts.config } : {}) });
  const teacher = await h.user({ name: 'Mette Ærø', roles: [['teacher', SCHOOL]] });
  const agent = await h.user({ name: 'Søren Kjær', roles: [['learning_agent', SCHOOL]] });
  const otherTeacher = await h.user({ name: 'Jens Hansen', roles: [['teacher', SCHOOL]] });
  const otherAgent = await h.user({ name: 'Lone Berg', roles: [['learning_agent', SCHOOL]] });
  const leader = await h.user({ name: 'Karen Leder', roles: [['leader', SCHOOL]] });
  const coordinator = await h.user({ name: 'Ole Koordinator', roles: [['coordinator', SCHOOL]] });
  for (const u of [teacher, agent, otherTeacher, otherAgent, leader, coordinator]) await h.post(h.personalActivity(u, { type: 'installationUpdate', action: 'add' }));
  const s = h.scenario;
  const course = opts.theme ? await s.runtime.db.course.create({ data: { municipalityId: s.municipalityId, key: `c-${opts.theme}`, theme: opts.theme, year: 2026, name: 'Forløb' } }) : null;
  const slot = await s.runtime.db.slot.create({
    data: {
      schoolId: await s.school(SCHOOL),
      teacherId: teacher.personId!,
      createdById: teacher.personId!,
      agentId: agent.personId,
      courseId: course?.id ?? null,
      startsAt: new Date('2026-11-24T09:00:00Z'),
      endsAt: new Date('2026-11-24T09:45:00Z'),
      classGroup: '5.b',
      subject: 'Dansk',
      status: 'held',
    },
  });
  h.fake.clear();
  await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: slot.id }, runAt: s.clock.now(), idempotencyKey: `slot:${slot.id}:reflection` });
  await s.runJobs();
  const sent = await h.fake.waitFor(() => h.fake.delivered('send').find((c) => cardOf(c.body) && JSON.stringify(cardOf(c.body)).includes('reflection.chat')));
  return { h, teacher, agent, otherTeacher, otherAgent, leader, coordinator, slotId: slot.id, prompt: { card: cardOf(sent.body), activityId: sent.responseId! } };
}

/** Card Markdown → the plain text a catalogue's `plain()` gives: escapes and emphasis markers undone. */
export function unmark(markdown: string): string {
  return markdown.replace(/\\(.)|\*\*\*|\*\*|_/gs, (_m, escaped: string | undefined) => escaped ?? '');
}

/** Every button (Action.Execute / Action.OpenUrl, fallbacks left out) on a card. */
export function buttons(card: any): { type: string; title: string; verb?: string; data?: Record<string, unknown>; url?: string }[] {
  const out: any[] = [];
  const walk = (x: any) => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x.type === 'string' && x.type.startsWith('Action.') && typeof x.title === 'string') out.push(x);
    for (const [k, v] of Object.entries(x)) if (k !== 'fallback' && k !== 'data') walk(v);
  };
  walk(card);
  return out;
}

export interface Answer {
  /** Everything the bot said to this person during the turn, as plain text. */
  text: string;
  /** The cards, in order (an invoke's response card last). */
  cards: any[];
  status: number;
}

/** The cards that reached one person's chats during `send`, plus an invoke response's card. */
async function collect(h: TeamsHarness, user: TeamsUser, send: () => Promise<{ status: number; body: any }>): Promise<Answer> {
  const before = h.fake.calls.length;
  const res = await send();
  // Replies and messages in her 1:1 chat; an update of the clicked card repeats the invoke's answer.
  const mine = (c: Call) => c.status < 300 && c.kind !== 'update' && c.conversationId === user.personalConversationId;
  const cards = h.fake.calls.slice(before).filter(mine).map((c) => cardOf(c.body)).filter(Boolean);
  const value = res.body?.value;
  if (res.body?.type === 'application/vnd.microsoft.card.adaptive' && value && typeof value === 'object') cards.push(value);
  const text = [...cards.map((c) => unmark(cardText(c))), typeof value === 'string' ? value : ''].filter(Boolean).join('\n');
  return { text, cards, status: res.status };
}

/** Types `text` (or sends a whole message activity) in the person's 1:1 chat. */
export function say(h: TeamsHarness, user: TeamsUser, text: string | Record<string, unknown>): Promise<Answer> {
  return collect(h, user, () => (typeof text === 'string' ? h.message(user, text) : h.post(h.personalActivity(user, { type: 'message', ...text }))));
}

/** Clicks a card button (Action.Execute) in the person's 1:1 chat. */
export function click(h: TeamsHarness, user: TeamsUser, verb: string, data: Record<string, unknown>, replyToId = 'act-clicked'): Promise<Answer> {
  return collect(h, user, () => h.invoke(user, verb, data, { replyToId }));
}

/** "Svar her" on the prompt card. */
export function answerHere(v: TeamsVisit): Promise<Answer> {
  const button = buttons(v.prompt.card).find((b) => b.verb === 'reflection.chat')!;
  return click(v.h, v.teacher, button.verb!, button.data!, v.prompt.activityId);
}

/**
 * Call once at the top of a test file: after each test every card the bot sent is checked against
 * the Adaptive Card schema and the harness is stopped. The function it returns starts one visit.
 */
export function useTeamsVisits(): (opts?: Parameters<typeof teamsVisit>[0]) => Promise<TeamsVisit> {
  let v: TeamsVisit | undefined;
  afterEach(async () => {
    for (const c of v?.h.fake.calls ?? []) if (cardOf(c.body)) expectValidCard(cardOf(c.body));
    await v?.h.stop();
    v = undefined;
  });
  return async (opts) => (v = await teamsVisit(opts));
}

/** "Spørgsmål n af 4" as the chat asks it (the catalogue text up to the question itself). */
export const chatQuestion = (n: number) => T.plain('da', 'chatQuestion', { n, count: 4, question: '' }).trim();

/** Her stored answers, oldest first, as [question key, text]. */
export async function storedAnswers(v: TeamsVisit): Promise<[string, string][]> {
  return (await v.h.scenario.runtime.db.reflectionAnswer.findMany({ orderBy: { createdAt: 'asc' } })).map((a) => [a.questionKey, a.text]);
}
