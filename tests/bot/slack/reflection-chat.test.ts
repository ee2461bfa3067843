// Answering a reflection in the Slack DM (message.im events through Bolt, over loopback): the prompt
// arrives, "Svar her", four answers one by one with a skip, a pause, a command in between and an
// over-long answer refused with the text given back.
import { afterEach, expect, it } from 'vitest';
import { createReflectionFlow, REFLECTION_PROMPT_JOB } from '../../../src/flows/reflection/index.js';
import { startHarness, textOf, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let ts = 1764000000;
async function dm(h: Harness, user: string, text: string): Promise<string> {
  const before = h.fake.ok('chat.postMessage').length;
  await h.event({ type: 'message', channel_type: 'im', channel: 'DMETTE', user, text, ts: `${++ts}.000100` });
  await h.settled();
  return h.fake
    .ok('chat.postMessage')
    .slice(before)
    .map((c) => textOf(c.args))
    .join('\n');
}

it('answers four questions one by one in the DM, with skip, stop, fortsæt, a command in between and an over-long answer', async () => {
  h = await startHarness({ flows: [createReflectionFlow], now: '2026-11-24T10:00:00Z' });
  const teacher = await h.person({ name: 'Mette Ærø', slackUserId: 'UMETTE', roles: [['teacher', 'Holsted Skole']] });
  const agent = await h.person({ name: 'Søren Kjær', slackUserId: 'USOREN', roles: [['learning_agent', 'Holsted Skole']] });
  const slot = await h.runtime.db.slot.create({
    data: { schoolId: await h.school('Holsted Skole'), teacherId: teacher.personId, createdById: teacher.personId, agentId: agent.personId, startsAt: new Date('2026-11-24T08:00:00Z'), endsAt: new Date('2026-11-24T08:45:00Z'), classGroup: '5.b', subject: 'Dansk', status: 'held' },
  });
  await h.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: slot.id }, runAt: h.clock.now(), idempotencyKey: 'prompt' });
  await h.runtime.jobs.tick();
  const prompt = h.fake.ok('chat.postMessage').at(-1)!;
  expect(textOf(prompt.args)).toContain('Tak for i dag, Mette');
  const chat = prompt.args.blocks.find((b: any) => b.type === 'actions').elements.find((e: any) => e.action_id === 'reflection.chat');
  expect(chat.text.text).toBe('Svar her');

  // A message typed before she chose is not an answer.
  expect(await dm(h, teacher.slackUserId, 'Det gik godt')).toContain('Jeg kender ikke kommandoen');

  await h.click(teacher.slackUserId, { actionId: 'reflection.chat', value: chat.value }, { container: { type: 'message', channel_id: 'DMETTE', message_ts: '1764000001.000100', is_ephemeral: false } });
  await h.settled();
  // The click's answer goes privately through its response_url.
  expect(JSON.stringify(h.fake.responses.at(-1)?.body)).toContain('Spørgsmål 1 af 4');

  expect(await dm(h, teacher.slackUserId, 'Eleverne skulle lære at skrive en indledning.')).toContain('Spørgsmål 2 af 4');
  expect(await dm(h, teacher.slackUserId, 'spring over')).toContain('Spørgsmål 3 af 4');
  const help = await dm(h, teacher.slackUserId, 'hjælp');
  expect(help).toContain('Sådan bruger du Sparring');
  expect(help).toContain('Du er midt i din refleksion om');
  const long = 'q'.repeat(4001);
  const refused = await dm(h, teacher.slackUserId, long);
  expect(refused).toContain('Dit svar fylder 4001 tegn');
  // Slack splits the given-back text over several sections; all of it comes back.
  expect((refused.match(/q/g) ?? []).length).toBe(4001);
  expect(await dm(h, teacher.slackUserId, 'stop')).toContain('vi holder pause');
  expect(await dm(h, teacher.slackUserId, 'fortsæt')).toContain('Spørgsmål 3 af 4');
  // Slack sends & < > escaped; the answer is kept as she typed it.
  expect(await dm(h, teacher.slackUserId, 'Jeg så det i deres udkast &amp; noter &lt;3')).toContain('Spørgsmål 4 af 4');
  expect(await dm(h, teacher.slackUserId, 'Kortere oplæg.')).toContain('Din refleksion er gemt');

  const answers = await h.runtime.db.reflectionAnswer.findMany({ orderBy: { createdAt: 'asc' } });
  expect(answers.map((a) => [a.questionKey, a.text])).toEqual([
    ['goal', 'Eleverne skulle lære at skrive en indledning.'],
    ['evidence', 'Jeg så det i deres udkast & noter <3'],
    ['next', 'Kortere oplæg.'],
  ]);
});
