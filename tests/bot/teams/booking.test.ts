// The booking flow over Teams, end to end: a teacher offers a lesson with the form card, the
// announcement lands in the linked agents channel, an agent claims it with Action.Execute — the card
// changes for everyone and both get their confirmations.
import { expect, it } from 'vitest';
import { createAdminFlow } from '../../../src/flows/admin/index.js';
import { createBookingFlowWith } from '../../../src/flows/booking/index.js';
import { cardOf, cardText } from './fake-connector.js';
import { startTeamsCheckingCards } from './checked-cards.js';
import { expectValidCard } from './validate-card.js';

const AGENTS = '19:agents@thread.tacv2';
const SCHOOL = 'Holmegårdsskolen';
const startTeams = startTeamsCheckingCards();

it('offer (form card) → announcement in the agents channel → claim (Action.Execute) → updated card + confirmations', async () => {
  const h = await startTeams({ now: '2026-10-20T08:00:00Z', flows: [createBookingFlowWith({ publicUrl: 'https://sparring.test', calendarSecret: 'secret' }), createAdminFlow] });
  const coordinator = await h.user({ name: 'Karen Koordinator', roles: [['coordinator', SCHOOL]] });
  const teacher = await h.user({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
  const agent = await h.user({ name: 'Bente Berg', roles: [['learning_agent', SCHOOL]] });
  for (const u of [teacher, agent]) await h.post(h.personalActivity(u, { type: 'installationUpdate', action: 'add' }));

  await h.message(coordinator, `forbind agenter ${SCHOOL}`, { channel: AGENTS });
  h.fake.clear();

  // The teacher types "tilbyd" and gets the form as a card.
  await h.message(teacher, 'tilbyd');
  const form = cardOf(h.fake.delivered('reply').find((c) => c.conversationId === teacher.personalConversationId)!.body);
  const submit = form.actions.find((a: any) => a.verb === 'booking.offer');
  expect(submit).toBeDefined();
  const lesson: Record<string, string> = { date: '2026-10-26', start: '09:00', end: '09:45', classGroup: '5.b', subject: 'dansk', room: 'B12', focus: 'overgange mellem aktiviteter' };
  const values: Record<string, string> = {};
  for (const el of form.body) if (typeof el.id === 'string' && el.id.startsWith('field.')) {
    const id = el.id.slice('field.'.length);
    if (lesson[id] !== undefined) values[el.id] = lesson[id]!;
    else if (el.type === 'Input.ChoiceSet' && el.choices?.[0]) values[el.id] = el.value ?? el.choices[0].value;
  }
  const offered = await h.invoke(teacher, submit.verb, { ...submit.data, ...values }, { replyToId: 'act-offer-form' });
  expect(offered.status).toBe(200);
  expect(offered.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expectValidCard(offered.body.value);

  // The announcement goes to the agents channel (no DMs to agents).
  await h.scenario.runJobs();
  const post = await h.fake.waitFor(() => h!.fake.delivered('send').find((c) => c.conversationId === AGENTS));
  const claim = cardOf(post.body).body.flatMap((e: any) => (e.type === 'ActionSet' ? e.actions : [])).find((a: any) => a.verb === 'booking.claim');
  expect(claim?.type).toBe('Action.Execute');
  expect(h.fake.delivered('send', 'create').filter((c) => c.conversationId === agent.personalConversationId)).toHaveLength(0);

  // The agent claims in the channel.
  const claimed = await h.invoke(agent, claim.verb, claim.data, { channel: AGENTS, replyToId: post.responseId });
  expect(claimed.status).toBe(200);
  // The booking flow replaces every stored copy of the announcement through the outbox (delivery jobs:
  // SentRef → updateActivity), so the invoke itself may just acknowledge.
  if (claimed.body.type === 'application/vnd.microsoft.card.adaptive') expectValidCard(claimed.body.value);
  else expect(claimed.body.type).toBe('application/vnd.microsoft.activity.message');
  await h.scenario.runJobs();
  // Everyone in the channel sees it claimed: the posted announcement itself was updated.
  const updates = h.fake.delivered('update').filter((c) => c.conversationId === AGENTS && c.activityId === post.responseId);
  expect(updates.length).toBeGreaterThan(0);
  expect(updates.some((u) => cardText(cardOf(u.body)).includes('Taget af **Bente Berg**'))).toBe(true);
  // Confirmations: the agent privately, the teacher in her 1:1 chat (possibly via the job engine).
  await h.scenario.runJobs();
  const toAgent = h.fake.delivered('send', 'reply').filter((c) => c.conversationId === agent.personalConversationId);
  const toTeacher = h.fake.delivered('send').filter((c) => c.conversationId === teacher.personalConversationId);
  expect(toAgent.length).toBeGreaterThan(0);
  expect(toTeacher.map((c) => cardText(cardOf(c.body))).join('\n')).toContain('Bente Berg');
});
