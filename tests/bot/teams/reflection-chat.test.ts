// Answering a reflection in the Teams personal chat (message activities through botbuilder, over
// loopback): "Svar her" on the prompt card, answers one by one, a skip, a command in between, stop
// and fortsæt, and `refleksioner` listing it afterwards.
import { afterEach, expect, it } from 'vitest';
import { createReflectionFlow, REFLECTION_PROMPT_JOB } from '../../../src/flows/reflection/index.js';
import { cardOf, cardText } from './fake-connector.js';
import { startTeams, type TeamsHarness, type TeamsUser } from './harness.js';
import { expectValidCard } from './validate-card.js';

let h: TeamsHarness | undefined;
afterEach(async () => {
  for (const c of h?.fake.calls ?? []) if (cardOf(c.body)) expectValidCard(cardOf(c.body));
  await h?.stop();
  h = undefined;
});

/** What the bot answered in her personal chat to one message (or invoke), as text. */
async function answer(h: TeamsHarness, user: TeamsUser, send: () => Promise<{ body: any }>): Promise<string> {
  const before = h.fake.calls.length;
  const res = await send();
  const replies = h.fake.calls.slice(before).filter((c) => c.conversationId === user.personalConversationId && c.status < 300);
  const invokeCard = res.body?.value && typeof res.body.value === 'object' ? cardText(res.body.value) : '';
  return [...replies.map((c) => `${cardText(cardOf(c.body))}${c.body?.text ?? ''}`), invokeCard].join('\n');
}

it('answers a reflection in the Teams personal chat, one question at a time', async () => {
  h = await startTeams({ now: '2026-11-24T10:00:00Z', flows: [createReflectionFlow] });
  const teacher = await h.user({ name: 'Tina Thomsen', roles: [['teacher', 'Holmegårdsskolen']] });
  const agent = await h.user({ name: 'Bente Berg', roles: [['learning_agent', 'Holmegårdsskolen']] });
  await h.post(h.personalActivity(teacher, { type: 'installationUpdate', action: 'add' }));
  const s = h.scenario;
  const slot = await s.runtime.db.slot.create({
    data: { schoolId: await s.school('Holmegårdsskolen'), teacherId: teacher.personId!, createdById: teacher.personId!, agentId: agent.personId, startsAt: new Date('2026-11-24T08:00:00Z'), endsAt: new Date('2026-11-24T08:45:00Z'), classGroup: '4.a', subject: 'Matematik', focus: 'overgange', status: 'held' },
  });
  await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: slot.id }, runAt: s.clock.now(), idempotencyKey: 'prompt' });
  await s.runJobs();
  const prompt = await h.fake.waitFor(() => h!.fake.delivered('send', 'create').find((c) => c.conversationId === teacher.personalConversationId && cardOf(c.body)));
  const card = cardOf(prompt.body);
  expect(cardText(card)).toContain('Tak for i dag, Tina');
  const chat = card.body.flatMap((e: any) => (e.type === 'ActionSet' ? e.actions : [])).find((a: any) => a.verb === 'reflection.chat');
  expect(chat.title).toBe('Svar her');

  const first = await answer(h, teacher, () => h!.invoke(teacher, chat.verb, chat.data, { replyToId: prompt.responseId }));
  expect(first).toContain('Du bad om feedback på »overgange«.');
  expect(first).toContain('Spørgsmål 1 af 4');
  expect(await answer(h, teacher, () => h!.message(teacher, 'De skulle kunne regne med brøker.'))).toContain('Spørgsmål 2 af 4');
  expect(await answer(h, teacher, () => h!.message(teacher, 'skip'))).toContain('Spørgsmål 3 af 4');
  const mine = await answer(h, teacher, () => h!.message(teacher, 'refleksioner'));
  expect(mine).toMatch(/Matematik\**\s*med 4\.a/);
  expect(mine).toContain('De skulle kunne regne med brøker.');
  expect(mine).toMatch(/Du er midt i din refleksion om \**Matematik/);
  expect(await answer(h, teacher, () => h!.message(teacher, 'stop'))).toContain('vi holder pause');
  expect(await answer(h, teacher, () => h!.message(teacher, 'fortsæt'))).toContain('Spørgsmål 3 af 4');
  expect(await answer(h, teacher, () => h!.message(teacher, 'Jeg spurgte dem.'))).toContain('Spørgsmål 4 af 4');
  expect(await answer(h, teacher, () => h!.message(teacher, 'Flere konkrete materialer.'))).toContain('Din refleksion er gemt');

  const answers = await s.runtime.db.reflectionAnswer.findMany({ orderBy: { createdAt: 'asc' } });
  expect(answers.map((a) => a.questionKey)).toEqual(['goal', 'evidence', 'next']);
  expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'answered' });
});
