// The Teams adapter over real HTTP: the real teams-ai/botbuilder app on a loopback port, a fake Bot
// Framework connector next to it, activities shaped like Teams' own. Every card the bot sends (or
// returns in an invoke response) is validated with the adaptivecards SDK.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdminFlow } from '../../../src/flows/admin/index.js';
import { plain } from '../../../src/core/i18n/text.js';
import { text } from '../../../src/core/messages.js';
import { cardOf, cardText, type Call } from './fake-connector.js';
import { BOT, startTeams, TENANT, type TeamsHarness } from './harness.js';
import { calls, testFlow } from './test-flow.js';
import { expectValidCard } from './validate-card.js';

const CHANNEL = '19:agents@thread.tacv2';
const LEADERS = '19:leaders@thread.tacv2';

let h: TeamsHarness;
const invokeCards: unknown[] = [];

beforeEach(async () => {
  h = await startTeams({ flows: [testFlow, createAdminFlow] });
  invokeCards.length = 0;
  calls.claims = 0;
  calls.submits = 0;
});

afterEach(async () => {
  if (!h) return;
  // Whatever the test asserted, every card that reached Teams must be a valid Adaptive Card 1.5.
  for (const c of h.fake.calls) {
    const card = cardOf(c.body);
    if (card) expectValidCard(card);
  }
  for (const card of invokeCards) expectValidCard(card);
  await h.stop();
});

const sent = (kinds: Call['kind'][], conversationId?: string) => h.fake.delivered(...kinds).filter((c) => !conversationId || c.conversationId === conversationId);
const texts = (cs: Call[]) => cs.map((c) => cardText(cardOf(c.body))).join('\n---\n');

describe('Teams adapter: personal chat', () => {
  it('answers typed commands in Danish and English with a card in the 1:1 chat', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    expect((await h.message(anna, 'hjælp')).status).toBe(200);
    const replies = sent(['reply'], anna.personalConversationId);
    expect(replies).toHaveLength(1);
    expect(texts(replies)).toContain('Sådan bruger du Sparring');
    expect(replies[0]!.body.summary).toBe('Sådan bruger du Sparring');

    await h.message(anna, 'help');
    await h.message(anna, 'banan');
    expect(texts(sent(['reply']))).toContain('Jeg kender ikke kommandoen "banan"');
  });

  it('tells someone who is not on the roster whom to contact, naming the coordinator', async () => {
    await h.user({ name: 'Karen Koordinator', email: 'karen@kommune.dk', roles: [['coordinator', 'Holmegårdsskolen']] });
    const stranger = await h.user({ name: 'Ukendt Person' });
    await h.message(stranger, 'tilbyd');
    const reply = texts(sent(['reply'], stranger.personalConversationId));
    expect(reply).toContain('Karen Koordinator (karen@kommune.dk)');
  });

  it('finds a person by the email Teams reports when the roster has no Teams id, then remembers the link', async () => {
    const bo = await h.user({ name: 'Bo Lærer', roles: [['teacher', 'Holmegårdsskolen']], rosterAad: false });
    await h.message(bo, 'mine');
    expect(texts(sent(['reply'], bo.personalConversationId))).toContain('Min hemmelige refleksion');
    expect(h.fake.calls.filter((c) => c.kind === 'member')).toHaveLength(1);
    const identity = await h.scenario.runtime.db.platformIdentity.findFirst({ where: { personId: bo.personId!, platform: 'teams' } });
    expect(identity).toMatchObject({ tenantId: TENANT, externalId: bo.aadObjectId });
    expect(JSON.parse(identity!.conversationRef!).conversation.id).toBe(bo.personalConversationId);
    await h.message(bo, 'mine');
    expect(h.fake.calls.filter((c) => c.kind === 'member')).toHaveLength(1); // no second lookup
  });

  it("an email on the rosters of two municipalities links the person of the tenant's own municipality, never just the first", async () => {
    // Someone with the same email is on another municipality's roster — and was imported first.
    const db = h.scenario.runtime.db;
    const other = await db.municipality.create({ data: { slug: 'slagelse', name: 'Slagelse Kommune' } });
    const elsewhere = await db.person.create({ data: { municipalityId: other.id, name: 'Bo Lærer', email: 'bo.delt@skole.dk' } });
    // This tenant already serves Næstved (someone from it is linked).
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.message(anna, 'hjælp');
    const bo = await h.user({ name: 'Bo Lærer', email: 'bo.delt@skole.dk', roles: [['teacher', 'Holmegårdsskolen']], rosterAad: false });
    await h.message(bo, 'mine');
    const identity = await db.platformIdentity.findFirst({ where: { platform: 'teams', externalId: bo.aadObjectId } });
    expect(identity?.personId).toBe(bo.personId);
    expect(await db.platformIdentity.count({ where: { personId: elsewhere.id } })).toBe(0);
  });

  it("trusts a member's email only in the UPN's (verified) domain: a tenant admin cannot claim a teacher by typing her address", async () => {
    const db = h.scenario.runtime.db;
    const victim = await h.user({ name: 'Vera Lærer', email: 'vera@naestved.dk', roles: [['teacher', 'Holmegårdsskolen']], rosterAad: false });
    // Another tenant's user whose mail attribute was set to Vera's address; the UPN is their own.
    const intruder = await h.user({ name: 'Ivan' });
    h.fake.members.set(intruder.userId, { id: intruder.userId, aadObjectId: intruder.aadObjectId, name: 'Ivan', email: 'vera@naestved.dk', userPrincipalName: 'ivan@evil.onmicrosoft.com' });
    await h.message(intruder, 'mine');
    expect(await db.platformIdentity.count({ where: { platform: 'teams', personId: victim.personId! } })).toBe(0);
    expect(texts(sent(['reply'], intruder.personalConversationId))).not.toContain('Min hemmelige refleksion');
    // A UPN that differs from the email but shares its domain is fine (initials as UPN).
    h.fake.members.set(victim.userId, { id: victim.userId, aadObjectId: victim.aadObjectId, name: 'Vera Lærer', email: 'vera@naestved.dk', userPrincipalName: 'vl123@naestved.dk' });
    await h.message(victim, 'mine');
    expect(texts(sent(['reply'], victim.personalConversationId))).toContain('Min hemmelige refleksion');
  });

  it('an email that matches people only in other municipalities than the tenant serves links nobody', async () => {
    const db = h.scenario.runtime.db;
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.message(anna, 'hjælp');
    const a = await db.municipality.create({ data: { slug: 'slagelse', name: 'Slagelse Kommune' } });
    const b = await db.municipality.create({ data: { slug: 'sorø', name: 'Sorø Kommune' } });
    await db.person.create({ data: { municipalityId: a.id, name: 'Eva', email: 'eva@skole.dk' } });
    await db.person.create({ data: { municipalityId: b.id, name: 'Eva', email: 'eva@skole.dk' } });
    const eva = await h.user({ name: 'Eva', email: 'eva@skole.dk' });
    await h.message(eva, 'mine');
    expect(await db.platformIdentity.count({ where: { platform: 'teams', externalId: eva.aadObjectId } })).toBe(0);
    expect(texts(sent(['reply'], eva.personalConversationId))).not.toContain('Min hemmelige refleksion');
  });

  it('form card → invalid submit shows the errors in the card → valid submit posts to the channel', async () => {
    const coordinator = await h.user({ name: 'Karen Koordinator', roles: [['coordinator', 'Holmegårdsskolen']] });
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    // The coordinator links the agents channel (typed in that channel, with the @mention).
    await h.message(coordinator, 'forbind agenter Holmegårdsskolen', { channel: CHANNEL });
    expect(texts(sent(['reply'], `${CHANNEL};messageid=${h.fake.calls.at(-1)!.activityId}`))).toContain('Holmegårdsskolen');

    await h.message(anna, 'tilbyd');
    const formMsg = sent(['reply'], anna.personalConversationId).at(-1)!;
    const form = cardOf(formMsg.body);
    expect(cardText(form)).toContain('Tilbyd en lektion');
    const submit = form.actions.find((a: any) => a.verb === 'test.offer');
    const formActivityId = 'act-form-1';

    const bad = await h.invoke(anna, submit.verb, { ...submit.data, 'field.subject': 'fejl', 'field.date': '2026-11-24' }, { replyToId: formActivityId });
    expect(bad.status).toBe(200);
    expect(bad.body.type).toBe('application/vnd.microsoft.card.adaptive');
    invokeCards.push(bad.body.value);
    expect(cardText(bad.body.value)).toContain('Det fag findes ikke');
    expect(JSON.stringify(bad.body.value)).toContain('"value":"2026-11-24"'); // what was typed stays

    const ok = await h.invoke(anna, submit.verb, { ...submit.data, 'field.subject': 'Dansk', 'field.date': '2026-11-24' }, { replyToId: formActivityId });
    invokeCards.push(ok.body.value);
    expect(cardText(ok.body.value)).toContain('sendt');
    expect(calls.submits).toBe(2);
    // The announcement went to the linked channel as a new post (a queued delivery), the private value came back.
    await h.scenario.runJobs();
    const posts = sent(['send'], CHANNEL);
    expect(posts).toHaveLength(1);
    expect(cardText(cardOf(posts[0]!.body))).toContain('Dansk 2026-11-24 (ctx-1)');
    // The form card was replaced for good, and the teacher got her confirmation.
    expect(sent(['update']).some((c) => c.activityId === formActivityId)).toBe(true);
    expect(texts(sent(['reply'], anna.personalConversationId))).toContain('Lektionen er slået op');
  });

  it('cancel closes the form without calling the flow', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.message(anna, 'tilbyd');
    const form = cardOf(sent(['reply'], anna.personalConversationId).at(-1)!.body);
    const cancel = form.actions.find((a: any) => a.verb === 'sparring.form.cancel');
    expect(cancel.associatedInputs).toBe('none');
    const res = await h.invoke(anna, cancel.verb, cancel.data, { replyToId: 'act-form' });
    invokeCards.push(res.body.value);
    expect(cardText(res.body.value)).toContain('Formularen er lukket');
    expect(calls.submits).toBe(0);
  });
});

describe('Teams adapter: channels and shared cards', () => {
  async function announce() {
    const coordinator = await h.user({ name: 'Karen Koordinator', roles: [['coordinator', 'Holmegårdsskolen']] });
    const agent = await h.user({ name: 'Aske Agent', roles: [['learning_agent', 'Holmegårdsskolen']] });
    await h.message(coordinator, 'forbind agenter Holmegårdsskolen', { channel: CHANNEL });
    const schoolId = await h.scenario.school('Holmegårdsskolen');
    const { announcement } = await import('./test-flow.js');
    const ref = await h.scenario.runtime.chat.postToChannel(schoolId, 'agents', announcement('Dansk 5.b', null));
    const post = sent(['send'], CHANNEL).at(-1)!;
    return { agent, ref, post, schoolId };
  }

  it('a claim (Action.Execute) returns the updated card and updates it for everyone; duplicates act once', async () => {
    const { agent, post } = await announce();
    const button = cardOf(post.body).body.find((e: any) => e.type === 'ActionSet').actions[0];
    expect(button).toMatchObject({ type: 'Action.Execute', verb: 'test.claim', data: { value: 'Dansk 5.b' } });
    const activityId = 'act-claim-invoke';

    const res = await h.invoke(agent, button.verb, button.data, { channel: CHANNEL, replyToId: 'act-post', id: activityId });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    invokeCards.push(res.body.value);
    expect(cardText(res.body.value)).toContain('Taget af Aske Agent');
    // Everyone in the channel sees the claimed card.
    const update = sent(['update']).find((c) => c.activityId === 'act-post')!;
    expect(update.conversationId).toBe(CHANNEL);
    expect(cardText(cardOf(update.body))).toContain('Taget af Aske Agent');
    // The agent's confirmation is private: a new 1:1 chat, never the channel.
    const created = sent(['create']);
    expect(created).toHaveLength(1);
    expect(created[0]!.body.members[0].id).toBe(agent.aadObjectId);
    expect(created[0]!.body.tenantId).toBe(TENANT);
    expect(texts(sent(['send'], created[0]!.conversationId))).toContain('Du har taget **Dansk 5.b**');

    // Teams retries / double click with the same activity id: one effect.
    const again = await h.invoke(agent, button.verb, button.data, { channel: CHANNEL, replyToId: 'act-post', id: activityId });
    expect(again.status).toBe(200);
    expect(again.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(calls.claims).toBe(1);
  });

  it('a double click (two invokes, two activity ids) acts once; the fallback message sent twice acts once too', async () => {
    const { agent, post } = await announce();
    const button = cardOf(post.body).body.find((e: any) => e.type === 'ActionSet').actions[0];
    const [first, second] = await Promise.all([
      h.invoke(agent, button.verb, button.data, { channel: CHANNEL, replyToId: 'act-post', id: 'click-1' }),
      h.invoke(agent, button.verb, button.data, { channel: CHANNEL, replyToId: 'act-post', id: 'click-2' }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(calls.claims).toBe(1);
    const submit = () => h.post(h.channelActivity(agent, CHANNEL, { type: 'message', replyToId: 'act-post-2', value: button.fallback.data }));
    await Promise.all([submit(), submit()]);
    expect(calls.claims).toBe(2);
  });

  it('clients without Universal Actions: the Action.Submit fallback runs the same action and updates the card', async () => {
    const { agent, post } = await announce();
    const button = cardOf(post.body).body.find((e: any) => e.type === 'ActionSet').actions[0];
    expect(button.fallback).toMatchObject({ type: 'Action.Submit' });
    const res = await h.post(h.channelActivity(agent, CHANNEL, { type: 'message', replyToId: 'act-post', value: button.fallback.data }));
    expect(res.status).toBe(200);
    expect(calls.claims).toBe(1);
    expect(cardText(cardOf(sent(['update']).find((c) => c.activityId === 'act-post')!.body))).toContain('Taget af Aske Agent');
  });

  it('answers personal commands typed in a channel privately, never in the channel', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    // Anna has a 1:1 chat with the bot (installed), so the answer can go there.
    await h.post(h.personalActivity(anna, { type: 'installationUpdate', action: 'add' }));
    h.fake.clear();
    await h.message(anna, 'mine', { channel: LEADERS });
    expect(texts(sent(['send'], anna.personalConversationId))).toContain('Min hemmelige refleksion');
    expect(texts(h.fake.delivered().filter((c) => c.conversationId.startsWith(LEADERS)))).not.toContain('hemmelige');
  });

  it('a private answer Teams refuses for a passing reason (503) is queued and sent to her 1:1 chat later, never in the channel', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.post(h.personalActivity(anna, { type: 'installationUpdate', action: 'add' }));
    h.fake.clear();
    h.fake.failNext((c) => c.kind === 'send' && c.conversationId === anna.personalConversationId, { status: 503 });
    await h.message(anna, 'mine', { channel: LEADERS });
    expect(sent(['send'], anna.personalConversationId)).toHaveLength(0);
    // Not "I cannot reach you" in the channel: nothing there at all.
    expect(h.fake.delivered().filter((c) => c.conversationId.startsWith(LEADERS))).toHaveLength(0);
    h.scenario.clock.set(new Date(h.scenario.clock.now().getTime() + 60_000));
    await h.scenario.runJobs();
    expect(texts(sent(['send'], anna.personalConversationId))).toContain('Min hemmelige refleksion');
    expect(h.fake.delivered().filter((c) => c.conversationId.startsWith(LEADERS))).toHaveLength(0);
  });

  it('installing in a team posts how to link the channel; a team conversationUpdate is taken calmly', async () => {
    const karen = await h.user({ name: 'Karen Koordinator', roles: [['coordinator', 'Holmegårdsskolen']] });
    const general = '19:general@thread.tacv2';
    const teamData = { team: { id: general, name: 'Holmegård' }, tenant: { id: TENANT }, eventType: 'teamMemberAdded' };
    const cu = await h.post({ ...h.channelActivity(karen, general, {}), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: general }, channelData: teamData });
    expect(cu.status).toBe(200);
    const iu = await h.post({ ...h.channelActivity(karen, general, {}), type: 'installationUpdate', action: 'add', conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: general }, channelData: teamData });
    expect(iu.status).toBe(200);
    expect(texts(h.fake.delivered().filter((c) => c.conversationId.startsWith(general)))).toContain('forbind ledelse');
  });
});

describe('Teams adapter: proactive messages', () => {
  it('installationUpdate stores the 1:1 reference; later direct messages use it', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.post(h.personalActivity(anna, { type: 'installationUpdate', action: 'add' }));
    expect(texts(sent(['reply'], anna.personalConversationId))).toContain('Sådan bruger du Sparring'); // welcome
    const ref = await h.scenario.runtime.chat.sendToPerson(anna.personId!, () => ({ summary: 'Påmindelse', blocks: [text(plain('Husk refleksionen'))] }));
    expect(ref?.platform).toBe('teams');
    const dm = sent(['send'], anna.personalConversationId);
    expect(dm).toHaveLength(1);
    expect(dm[0]!.body.summary).toBe('Påmindelse');
    expect(sent(['create'])).toHaveLength(0);
    // The SentRef can update and reply later.
    await h.scenario.runtime.chat.update(ref!, () => ({ summary: 'Opdateret', blocks: [text(plain('Ny tekst'))] }));
    expect(cardText(cardOf(sent(['update']).at(-1)!.body))).toContain('Ny tekst');
    await h.scenario.runtime.chat.reply(ref!, () => ({ summary: 'Svar', blocks: [text(plain('Et svar'))] }));
    expect(sent(['send'], anna.personalConversationId)).toHaveLength(2);
  });

  it('without a stored reference creates the 1:1 chat (tenant + Entra id) and stores it', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    const karen = await h.user({ name: 'Karen Koordinator', roles: [['coordinator', 'Holmegårdsskolen']] });
    await h.message(karen, 'hjælp'); // the tenant and its service URL are now known
    await h.scenario.runtime.chat.sendToPerson(anna.personId!, () => ({ summary: 'Hej', blocks: [text(plain('Hej Anna'))] }));
    const created = sent(['create']);
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ isGroup: false, tenantId: TENANT, members: [{ id: anna.aadObjectId }] });
    expect(texts(sent(['send'], created[0]!.conversationId))).toContain('Hej Anna');
    const identity = await h.scenario.runtime.db.platformIdentity.findFirst({ where: { personId: anna.personId!, platform: 'teams' } });
    expect(identity?.tenantId).toBe(TENANT);
    expect(JSON.parse(identity!.conversationRef!).conversation.id).toBe(created[0]!.conversationId);
    await h.scenario.runtime.chat.sendToPerson(anna.personId!, () => ({ summary: 'Igen', blocks: [text(plain('Igen'))] }));
    expect(sent(['create'])).toHaveLength(1); // reused
  });

  it('403 BotNotInConversationRoster marks the person unreachable, with no retries', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    const karen = await h.user({ name: 'Karen Koordinator', roles: [['coordinator', 'Holmegårdsskolen']] });
    await h.message(karen, 'hjælp');
    h.fake.failNext((c) => c.kind === 'create', { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
    await expect(h.scenario.runtime.chat.sendToPerson(anna.personId!, () => ({ summary: 'x', blocks: [] }))).rejects.toMatchObject({ permanent: true, reason: 'BotNotInConversationRoster' });
    expect(h.fake.calls.filter((c) => c.kind === 'create')).toHaveLength(1);
    const identity = await h.scenario.runtime.db.platformIdentity.findFirst({ where: { personId: anna.personId!, platform: 'teams' } });
    expect(identity?.unreachableReason).toBe('BotNotInConversationRoster');
    // Nothing more is tried for her until she is heard from again.
    expect(await h.scenario.runtime.chat.sendToPerson(anna.personId!, () => ({ summary: 'x', blocks: [] }))).toBeNull();
    expect(h.fake.calls.filter((c) => c.kind === 'create')).toHaveLength(1);
  });

  it('403 on a channel post marks the channel unreachable', async () => {
    const karen = await h.user({ name: 'Karen Koordinator', roles: [['coordinator', 'Holmegårdsskolen']] });
    await h.message(karen, 'forbind ledelse Holmegårdsskolen', { channel: LEADERS });
    const schoolId = await h.scenario.school('Holmegårdsskolen');
    h.fake.failNext((c) => c.kind === 'send' && c.conversationId === LEADERS, { status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'disabled' } } });
    await expect(h.scenario.runtime.chat.postToChannel(schoolId, 'leadership', () => ({ summary: 'Ugens tal', blocks: [] }))).rejects.toMatchObject({ reason: 'BotDisabledByAdmin' });
    const channel = await h.scenario.runtime.db.schoolChannel.findFirst({ where: { schoolId, purpose: 'leadership' } });
    expect(channel?.unreachableReason).toBe('BotDisabledByAdmin');
  });

  // The job engine owns retries (connector.ts): botbuilder's client used to retry 429 and 503 three
  // times after Retry-After, other 5xx and dropped connections three times with back-off.
  it('a 429 is not retried by the client: one call, a rate limit with Retry-After for the job engine, and no call to the connector before it ends', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.message(anna, 'hjælp');
    h.fake.clear();
    h.fake.failNext((c) => c.kind === 'send', { status: 429, headers: { 'Retry-After': '2' } });
    const err = await h.scenario.runtime.chat.sendToPerson(anna.personId!, () => ({ summary: 'x', blocks: [] })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TransientDeliveryError', rateLimited: true, notSent: true });
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(2000);
    expect(h.fake.calls).toHaveLength(1);
    // Another message meanwhile: not sent, the same rate limit for what is left of the wait.
    const again = await h.scenario.runtime.chat.sendToPerson(anna.personId!, () => ({ summary: 'y', blocks: [] })).catch((e: unknown) => e);
    expect(again).toMatchObject({ name: 'TransientDeliveryError', rateLimited: true });
    expect((again as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    expect(h.fake.calls).toHaveLength(1);
    const identity = await h.scenario.runtime.db.platformIdentity.findFirst({ where: { personId: anna.personId!, platform: 'teams' } });
    expect(identity?.unreachableAt).toBeNull();
  });

  it('a reply within the turn refused with 503 or 429: one call each, not retried by the client, and the answer queued as a delivery', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.message(anna, 'hjælp');
    for (const refusal of [{ status: 503 }, { status: 429, headers: { 'Retry-After': '1' } }]) {
      h.fake.clear();
      h.fake.failNext((c) => c.kind === 'reply', refusal);
      expect((await h.message(anna, 'hjælp')).status).toBe(200);
      expect(h.fake.calls.filter((c) => c.kind === 'reply')).toHaveLength(1);
      expect(sent(['reply', 'send'], anna.personalConversationId)).toHaveLength(0);
      // The job engine sends it (no quiet hours: she is waiting for it).
      h.scenario.clock.set(new Date(h.scenario.clock.now().getTime() + 2000));
      await h.scenario.runJobs();
      const later = sent(['reply', 'send'], anna.personalConversationId);
      expect(later).toHaveLength(1);
      expect(texts(later)).toContain('Sådan bruger du Sparring');
    }
  });

  it('a 5xx or a dropped connection is one call, a transient failure for the job engine (Retry-After kept when given)', async () => {
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.message(anna, 'hjælp');
    h.fake.clear();
    const send = () => h.scenario.runtime.chat.sendToPerson(anna.personId!, () => ({ summary: 'x', blocks: [] })).catch((e: unknown) => e);
    h.fake.failNext((c) => c.kind === 'send', { status: 503 });
    expect(await send()).toMatchObject({ name: 'TransientDeliveryError', rateLimited: false, notSent: false, retryAfterMs: undefined });
    expect(h.fake.calls).toHaveLength(1);
    h.fake.failNext((c) => c.kind === 'send', { status: 500 });
    expect(await send()).toMatchObject({ name: 'TransientDeliveryError', rateLimited: false });
    expect(h.fake.calls).toHaveLength(2);
    h.fake.onArrival = () => 'drop';
    expect(await send()).toMatchObject({ name: 'TransientDeliveryError', message: expect.stringContaining('unreachable') });
    h.fake.onArrival = undefined;
    expect(h.fake.calls).toHaveLength(3);
    h.fake.failNext((c) => c.kind === 'send', { status: 502, headers: { 'Retry-After': '1' } });
    const err = await send();
    expect(err).toMatchObject({ name: 'TransientDeliveryError', rateLimited: false });
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(h.fake.calls).toHaveLength(4);
    expect(sent(['send'])).toHaveLength(0);
  });

  it('a delivery that got no answer in time: the next try takes the late answer instead of sending again', async () => {
    await h.stop();
    h = await startTeams({ flows: [testFlow], answerWaitMs: 300 });
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    await h.message(anna, 'hjælp');
    h.fake.clear();
    h.fake.delayNext((c) => c.kind === 'send', 1_000);
    const attempt = { id: 'job-1', attempt: 1 };
    const message = () => ({ summary: 'Påmindelse', blocks: [text(plain('Husk'))] });
    const first = await h.scenario.runtime.chat.sendToPerson(anna.personId!, message, 'da', attempt).catch((e: unknown) => e);
    expect(first).toMatchObject({ name: 'TransientDeliveryError', notSent: false, message: expect.stringContaining('did not answer') });
    // Still no answer when the next try comes: it waits again, and sends nothing.
    const second = await h.scenario.runtime.chat.sendToPerson(anna.personId!, message, 'da', { ...attempt, attempt: 2 }).catch((e: unknown) => e);
    expect(second).toMatchObject({ name: 'TransientDeliveryError', message: expect.stringContaining('earlier try') });
    await new Promise((r) => setTimeout(r, 600));
    const third = await h.scenario.runtime.chat.sendToPerson(anna.personId!, message, 'da', { ...attempt, attempt: 3 });
    expect(sent(['send'])).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
    expect(JSON.parse(third!.ref).activityId).toBe(sent(['send'])[0]!.responseId);
    // Another delivery is sent as usual.
    await h.scenario.runtime.chat.sendToPerson(anna.personId!, message, 'da', { id: 'job-2', attempt: 1 });
    expect(sent(['send'])).toHaveLength(2);
    const identity = await h.scenario.runtime.db.platformIdentity.findFirst({ where: { personId: anna.personId!, platform: 'teams' } });
    expect(identity?.unreachableAt).toBeNull();
  });
});
