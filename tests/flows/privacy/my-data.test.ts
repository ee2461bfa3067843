// "mine data" in the chat: a person gets a short-lived link to everything Sparring stores about
// them — their own data only, over real HTTP; a forged, swapped or expired link is a 404.
import express from 'express';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { mountPersonalDataRoute } from '../../../src/bot/personal-data-route.js';
import { listen } from '../../../src/bot/http.js';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import { createPrivacyFlow } from '../../../src/flows/privacy/index.js';
import { createReflectionFlow } from '../../../src/flows/reflection/index.js';
import { PersonalDataRepository } from '../../../src/store/personal-data-repository.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
  await s?.cleanup();
});

const ANSWER = 'Jeg vil give mere tid til makkersnak';

async function world(publicUrl?: string) {
  s = await createScenario({ now: '2026-11-24T10:00:00Z', flows: [createReflectionFlow, createPrivacyFlow], ...(publicUrl ? { config: { http: { publicUrl } } } : {}) });
  const teacher = await s.person({ name: 'Mette Ærø', roles: [['teacher', 'Holsted Skole']] });
  const agent = await s.person({ name: 'Søren Kjær', roles: [['learning_agent', 'Holsted Skole']] });
  const leader = await s.person({ name: 'Lone Leder', locale: 'en', roles: [['leader', 'Holsted Skole']] });
  const slot = await s.runtime.db.slot.create({
    data: { schoolId: await s.school('Holsted Skole'), teacherId: teacher.personId, createdById: teacher.personId, agentId: agent.personId, startsAt: new Date('2026-11-24T09:00:00Z'), endsAt: new Date('2026-11-24T09:45:00Z'), classGroup: '5.b', subject: 'Dansk', status: 'held' },
  });
  const r = await s.runtime.db.reflection.create({ data: { slotId: slot.id, personId: teacher.personId, status: 'answered' } });
  await s.runtime.db.reflectionAnswer.create({ data: { reflectionId: r.id, questionKey: 'adjustment', text: ANSWER } });
  return { teacher, agent, leader };
}

async function ask(actor: Actor, words: string) {
  const ix = s.chat.interaction(actor);
  await s.runtime.dispatcher.command(actor, words, ix);
  expect(ix.responses).toHaveLength(1);
  return ix.responses[0]!;
}

async function serve(): Promise<string> {
  const app = express();
  mountPersonalDataRoute(app, s.runtime.personalDataFiles);
  server = await listen(app, '127.0.0.1', 0);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('mine data', () => {
  it('gives the teacher a link to her own data file, which holds her reflection', async () => {
    const base = `http://127.0.0.1:0`;
    const { teacher } = await world(base);
    const real = await serve();
    const answer = await ask(teacher, 'mine data');
    expect(messageText(answer)).toContain('Sparring har gemt 1 lektion og besøg og 1 refleksion om dig.');
    expect(messageText(answer)).toContain('Linket virker i 24 timer');
    const button = buttonsOf(answer).find((b) => b.url)!;
    expect(button.label).toBe('Hent dine data');
    const url = button.url!.replace(base, real);

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sparring-mine-data.json"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = (await res.json()) as { people: { person: { name: string } }[] };
    expect(data.people).toHaveLength(1);
    expect(data.people[0]!.person.name).toBe('Mette Ærø');
    expect(JSON.stringify(data)).toContain(ANSWER);
    // "My data" and "Mine Data" are the same command; "mine" alone is still her visits.
    expect(messageText(await ask(teacher, 'My Data'))).toContain('Sparring har gemt');
  });

  it('never hands out someone else’s data: the agent and the leader get their own, a swapped or expired link is a 404', async () => {
    const base = `http://127.0.0.1:0`;
    const { teacher, agent, leader } = await world(base);
    const real = await serve();
    const link = async (a: Actor) => new URL(buttonsOf(await ask(a, a.locale === 'en' ? 'my data' : 'mine data')).find((b) => b.url)!.url!.replace(base, real));

    const agentLink = await link(agent);
    const agentData = await (await fetch(agentLink)).text();
    expect(agentData).toContain('Søren Kjær');
    expect(agentData).not.toContain(ANSWER);
    const leaderAnswer = await ask(leader, 'my data');
    expect(messageText(leaderAnswer)).toContain('Sparring stores 0 lessons and visits and 0 reflections about you.');
    expect(await (await fetch(await link(leader))).text()).not.toContain(ANSWER);

    // The agent's token with the teacher's id, a made-up token, no token: 404.
    const swapped = new URL(agentLink);
    swapped.pathname = `/my-data/${teacher.personId}.json`;
    expect((await fetch(swapped)).status).toBe(404);
    const forged = new URL(agentLink);
    forged.searchParams.set('t', 'A'.repeat(32));
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(`${real}/my-data/${teacher.personId}.json`)).status).toBe(404);
    // A later expiry with the old token: 404.
    const stretched = new URL(agentLink);
    stretched.searchParams.set('e', String(Number(stretched.searchParams.get('e')) + 86_400));
    expect((await fetch(stretched)).status).toBe(404);

    // After 24 hours the link is dead; after erasure too.
    const teacherLink = await link(teacher);
    s.clock.set(new Date(s.clock.now().getTime() + 24 * 3_600_000 + 1000));
    expect((await fetch(teacherLink)).status).toBe(404);
    const fresh = await link(teacher);
    expect((await fetch(fresh)).status).toBe(200);
    await new PersonalDataRepository(s.runtime.db).erase(teacher.personId, s.clock.now());
    expect((await fetch(fresh)).status).toBe(404);
  });

  it('without a public URL, says what is stored and who can hand over the file', async () => {
    const { teacher } = await world();
    const answer = await ask(teacher, 'mine data');
    expect(buttonsOf(answer)).toEqual([]);
    expect(messageText(answer)).toContain('Din programkoordinator kan give dig hele filen');
  });
});
