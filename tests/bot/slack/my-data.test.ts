// `mine data` typed in the Slack DM (a message.im event through Bolt, over loopback): the teacher
// gets a button with a signed link to /my-data on the same server, which — fetched over HTTP —
// returns her own export (her reflection included, no one else's); a forged or altered link is
// refused. The flow owns the rules (tests/flows/privacy); this checks the Slack path end to end.
import { afterEach, expect, it } from 'vitest';
import { createPrivacyFlow } from '../../../src/flows/privacy/index.js';
import { privacyFlowTexts as P } from '../../../src/flows/privacy/texts.js';
import { createReflectionFlow } from '../../../src/flows/reflection/index.js';
import { startHarness, textOf, type Harness } from './harness.js';
import { expectTamperedLinksRefused } from '../../support/my-data-links.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Links name the public address; this test's server stands in for it.
const PUBLIC = 'https://sparring.test';
const ANSWER = 'Jeg vil give mere tid til makkersnak';

let ts = 1764100000;
/** Types in her DM; returns the bot's posts there. */
async function dm(h: Harness, user: string, channel: string, text: string) {
  const before = h.fake.ok('chat.postMessage').length;
  await h.event({ type: 'message', channel_type: 'im', channel, user, text, ts: `${++ts}.000100` });
  await h.settled();
  return h.fake.ok('chat.postMessage').slice(before).map((c) => c.args);
}

/** Every URL on a button of the posted blocks. */
function buttonUrls(posts: Record<string, any>[]): string[] {
  const out: string[] = [];
  const walk = (x: any) => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    if (x.type === 'button' && typeof x.url === 'string') out.push(x.url);
    Object.values(x).forEach(walk);
  };
  walk(posts.map((p) => p.blocks));
  return out;
}

it('gives the teacher who types "mine data" in her DM a signed link to her own export; a forged or altered link is a 404', async () => {
  h = await startHarness({ flows: [createReflectionFlow, createPrivacyFlow], now: '2026-11-24T10:00:00Z', config: { http: { publicUrl: PUBLIC } } });
  const teacher = await h.person({ name: 'Mette Ærø', slackUserId: 'UMETTE', roles: [['teacher', 'Holsted Skole']] });
  const agent = await h.person({ name: 'Søren Kjær', slackUserId: 'USOREN', locale: 'en', roles: [['learning_agent', 'Holsted Skole']] });
  const slot = await h.runtime.db.slot.create({
    data: { schoolId: await h.school('Holsted Skole'), teacherId: teacher.personId, createdById: teacher.personId, agentId: agent.personId, startsAt: new Date('2026-11-24T08:00:00Z'), endsAt: new Date('2026-11-24T08:45:00Z'), classGroup: '5.b', subject: 'Dansk', status: 'held' },
  });
  const reflection = await h.runtime.db.reflection.create({ data: { slotId: slot.id, personId: teacher.personId, status: 'answered' } });
  await h.runtime.db.reflectionAnswer.create({ data: { reflectionId: reflection.id, questionKey: 'next', text: ANSWER } });

  const posts = await dm(h, teacher.slackUserId, 'DMETTE', 'mine data');
  expect(posts).toHaveLength(1);
  expect(posts[0]!.channel).toBe('DMETTE');
  expect(textOf(posts[0])).toContain(P.plain('da', 'counts', { visits: 1, reflections: 1 }));
  expect(textOf(posts[0])).toContain(P.plain('da', 'download'));
  const [url] = buttonUrls(posts);
  expect(url).toMatch(new RegExp(`^${PUBLIC}/my-data/${teacher.personId}\\.json\\?e=\\d+&t=`));
  const link = new URL(url!.replace(PUBLIC, h.url));

  const res = await fetch(link);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="sparring-mine-data.json"');
  const data = (await res.json()) as { people: { person: { name: string } }[] };
  expect(data.people.map((p) => p.person.name)).toEqual(['Mette Ærø']);
  expect(JSON.stringify(data)).toContain(ANSWER);

  // The agent (English, "my data") gets her own file — without the teacher's reflection text.
  const agentPosts = await dm(h, agent.slackUserId, 'DSOREN', 'my data');
  expect(textOf(agentPosts[0])).toContain(P.plain('en', 'counts', { visits: 1, reflections: 0 }));
  const agentLink = new URL(buttonUrls(agentPosts)[0]!.replace(PUBLIC, h.url));
  const agentData = await (await fetch(agentLink)).text();
  expect(agentData).toContain('Søren Kjær');
  expect(agentData).not.toContain(ANSWER);

  await expectTamperedLinksRefused(link, agentLink, teacher.personId, ANSWER);
});
