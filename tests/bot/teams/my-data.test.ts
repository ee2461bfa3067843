// `mine data` typed in Teams, through the real adapter over loopback: the teacher gets a card with a
// signed link to /my-data on the same server, which — fetched over HTTP — returns her own export (her
// reflection included, no one else's); a forged or altered link is refused. Typed in a team channel,
// the link goes to her 1:1 chat, never into the channel. The flow owns the rules (tests/flows/privacy);
// this checks the Teams path end to end.
import { afterEach, expect, it } from 'vitest';
import { createPrivacyFlow } from '../../../src/flows/privacy/index.js';
import { privacyFlowTexts as P } from '../../../src/flows/privacy/texts.js';
import { createReflectionFlow } from '../../../src/flows/reflection/index.js';
import { cardOf, cardText } from './fake-connector.js';
import { startTeams, type TeamsHarness } from './harness.js';
import { buttons, say, unmark } from './reflection-fixture.js';
import { expectValidCard } from './validate-card.js';
import { expectTamperedLinksRefused } from '../../support/my-data-links.js';

let h: TeamsHarness | undefined;
afterEach(async () => {
  for (const c of h?.fake.calls ?? []) if (cardOf(c.body)) expectValidCard(cardOf(c.body));
  await h?.stop();
  h = undefined;
});

// Links name the public address; this test's server stands in for it.
const PUBLIC = 'https://sparring.test';
const ANSWER = 'Jeg vil give mere tid til makkersnak';

it('gives the teacher who types "mine data" a signed link to her own export; a forged or altered link is a 404', async () => {
  h = await startTeams({ now: '2026-11-24T10:00:00Z', flows: [createReflectionFlow, createPrivacyFlow], config: { http: { publicUrl: PUBLIC } } });
  const teacher = await h.user({ name: 'Mette Ærø', roles: [['teacher', 'Holsted Skole']] });
  const agent = await h.user({ name: 'Søren Kjær', locale: 'en', roles: [['learning_agent', 'Holsted Skole']] });
  const db = h.scenario.runtime.db;
  const slot = await db.slot.create({
    data: { schoolId: await h.scenario.school('Holsted Skole'), teacherId: teacher.personId!, createdById: teacher.personId!, agentId: agent.personId, startsAt: new Date('2026-11-24T08:00:00Z'), endsAt: new Date('2026-11-24T08:45:00Z'), classGroup: '5.b', subject: 'Dansk', status: 'held' },
  });
  const reflection = await db.reflection.create({ data: { slotId: slot.id, personId: teacher.personId!, status: 'answered' } });
  await db.reflectionAnswer.create({ data: { reflectionId: reflection.id, questionKey: 'next', text: ANSWER } });

  const answer = await say(h, teacher, 'mine data');
  expect(answer.text).toContain(P.plain('da', 'counts', { visits: 1, reflections: 1 }));
  expect(answer.text).toContain(P.plain('da', 'linkNote', { hours: 24 }));
  const button = answer.cards.flatMap(buttons).find((b) => b.type === 'Action.OpenUrl')!;
  expect(button.title).toBe(P.plain('da', 'download'));
  expect(button.url).toMatch(new RegExp(`^${PUBLIC}/my-data/${teacher.personId}\\.json\\?e=\\d+&t=`));
  const link = new URL(button.url!.replace(PUBLIC, h.url));

  const res = await fetch(link);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const data = (await res.json()) as { people: { person: { id: string; name: string } }[] };
  expect(data.people.map((p) => p.person.name)).toEqual(['Mette Ærø']);
  expect(JSON.stringify(data)).toContain(ANSWER);

  // The agent (English) gets her own file — without the teacher's reflection text.
  const agentAnswer = await say(h, agent, 'my data');
  expect(agentAnswer.text).toContain(P.plain('en', 'counts', { visits: 1, reflections: 0 }));
  const agentLink = new URL(agentAnswer.cards.flatMap(buttons).find((b) => b.type === 'Action.OpenUrl')!.url!.replace(PUBLIC, h.url));
  const agentData = await (await fetch(agentLink)).text();
  expect(agentData).toContain('Søren Kjær');
  expect(agentData).not.toContain(ANSWER);

  await expectTamperedLinksRefused(link, agentLink, teacher.personId!, ANSWER);
});

it('answers "@Sparring mine data" typed in a team channel in her 1:1 chat, never in the channel', async () => {
  h = await startTeams({ now: '2026-11-24T10:00:00Z', flows: [createPrivacyFlow], config: { http: { publicUrl: PUBLIC } } });
  const teacher = await h.user({ name: 'Mette Ærø', roles: [['teacher', 'Holsted Skole']] });
  await h.post(h.personalActivity(teacher, { type: 'installationUpdate', action: 'add' }));
  h.fake.clear();
  const CHANNEL = '19:holsted@thread.tacv2';
  expect((await h.message(teacher, 'mine data', { channel: CHANNEL })).status).toBe(200);
  const inChannel = h.fake.calls.filter((c) => c.conversationId.startsWith(CHANNEL));
  for (const c of inChannel) expect(JSON.stringify(c.body)).not.toContain('/my-data/');
  const privately = h.fake.delivered('send', 'create', 'reply').filter((c) => !c.conversationId.startsWith(CHANNEL) && JSON.stringify(c.body).includes('/my-data/'));
  expect(privately).toHaveLength(1);
  expect(unmark(cardText(cardOf(privately[0]!.body)))).toContain(P.plain('da', 'title'));
});
