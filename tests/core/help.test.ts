// Help lists only what the person's roles let them do, on every platform (the dispatcher answers).
import { afterEach, expect, it } from 'vitest';
import { messageText } from '../../src/bot/memory/driver.js';
import { createScenario, type Scenario } from '../support/scenario.js';

let s: Scenario;
afterEach(async () => {
  await s?.cleanup();
});

async function helpFor(roles: Parameters<Scenario['person']>[0]['roles'], name: string) {
  const actor = await s.person({ name, roles });
  const ix = s.chat.interaction(actor);
  await s.runtime.dispatcher.command(actor, 'hjælp', ix);
  return messageText(ix.responses[0]!);
}

it('tells a teacher, an agent, a leader and a coordinator only their own commands', async () => {
  s = await createScenario();
  const teacher = await helpFor([['teacher', 'Holsted Skole']], 'Tina Lærer');
  expect(teacher).toContain('tilbyd –');
  expect(teacher).toContain('refleksioner –');
  expect(teacher).not.toContain('ledige –');
  expect(teacher).not.toContain('forbind ledelse');

  const agent = await helpFor([['learning_agent', 'Holsted Skole']], 'Anders Agent');
  expect(agent).toContain('ledige –');
  expect(agent).not.toContain('tilbyd –');
  expect(agent).not.toContain('refleksioner –');

  const leader = await helpFor([['leader', 'Holsted Skole']], 'Lone Leder');
  expect(leader).toContain('tilbyd –');
  expect(leader).not.toContain('refleksioner –');
  expect(leader).not.toContain('status –');

  const coordinator = await helpFor([['coordinator', 'Holsted Skole']], 'Karen Koordinator');
  for (const word of ['forbind ledelse', 'status –', 'ringetider <skole>']) expect(coordinator).toContain(word);
  expect(coordinator).not.toContain('tilbyd –');
  // Everyone is told about `mine` and `hjælp`.
  for (const text of [teacher, agent, leader, coordinator]) expect(text).toMatch(/mine[\s\S]*hjælp/);
});

it('lists everything when it cannot tell who is asking (the Teams install greeting)', async () => {
  s = await createScenario();
  const all = messageText(s.runtime.dispatcher.help()('da'));
  for (const word of ['tilbyd –', 'ledige –', 'refleksioner –', 'forbind ledelse', 'status –']) expect(all).toContain(word);
});
