// Outbound delivery through the Slack driver: rate limits honoured through the job engine (every
// message delivered exactly once), permanent errors recorded against the person/channel and not
// retried, thread replies and updates addressed by the stored {channel, ts}.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../src/core/chat.js';
import { plain } from '../../../src/core/i18n/text.js';
import { text } from '../../../src/core/messages.js';
import { startHarness, textOf, type Harness, type SlackPerson } from './harness.js';
import { probe, type ProbeLog } from './probe-flow.js';

let h: Harness;
let log: ProbeLog;
const staff: SlackPerson[] = [];

beforeAll(async () => {
  const p = probe();
  log = p.log;
  h = await startHarness({ flows: [p.flow] });
  for (let i = 0; i < 12; i++) {
    staff.push(await h.person({ name: `Lærer ${String.fromCharCode(65 + i)}`, slackUserId: `UL${i}`, email: `laerer${i}@skole.dk`, roles: [['teacher', 'Herlufsholm']] }));
  }
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await h.settled();
  h.fake.reset();
  h.fake.on('chat.postMessage', undefined);
  h.fake.on('conversations.open', undefined);
});

async function runJobsUntilDone(maxRounds = 40): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    await h.runtime.jobs.tick();
    const counts = await h.runtime.jobStore.counts(h.clock.now());
    if (counts.pending === 0 && counts.running === 0) return;
    const next = await h.runtime.db.job.findFirst({ where: { status: 'pending' }, orderBy: { dueAt: 'asc' } });
    if (next) h.clock.set(next.dueAt);
  }
  throw new Error('jobs did not finish');
}

describe('rate limits', () => {
  it('a 429 storm on chat.postMessage: the interactive answer is not held up and every message is delivered once', async () => {
    log.audience = staff.map((s) => s.personId);
    // Slack limits chat.postMessage for four minutes: every call is refused with Retry-After: 120.
    const started = h.clock.now().getTime();
    const calls: number[] = [];
    h.fake.on('chat.postMessage', () => {
      calls.push(h.clock.now().getTime() - started);
      return h.clock.now().getTime() < started + 240_000 ? { status: 429, headers: { 'retry-after': '120' }, body: { ok: false, error: 'ratelimited' } } : undefined;
    });

    await h.slash(staff[0]!.slackUserId, 'ledige storm-1');
    await h.settled();
    // The coordinator's answer came through the response_url at once, not after the storm.
    expect(textOf(h.fake.responses.at(-1)?.body)).toContain('Sender til 12');

    await h.runtime.jobs.tick();
    // Refused sends were rescheduled no earlier than Slack's Retry-After.
    const waiting = await h.runtime.db.job.findMany({ where: { status: 'pending', kind: 'chat.deliver' } });
    expect(waiting.length).toBeGreaterThan(0);
    for (const j of waiting) expect(j.dueAt.getTime() - started).toBeGreaterThanOrEqual(120_000);

    await runJobsUntilDone();
    const delivered = h.fake.ok('chat.postMessage');
    const byChannel = new Map<string, number>();
    for (const c of delivered) byChannel.set(c.args.channel, (byChannel.get(c.args.channel) ?? 0) + 1);
    expect([...byChannel.keys()].sort()).toEqual(staff.map((s) => `D${s.slackUserId.slice(1)}`).sort());
    expect([...byChannel.values()].every((n) => n === 1)).toBe(true);
    expect(h.fake.all('chat.postMessage').length).toBeGreaterThan(delivered.length);
    // Retry-After honoured: after the refusal at 0 s, nothing before 120 s; after the one at 120 s, nothing before 240 s.
    const refused = calls.filter((t) => t < 240_000);
    expect(refused).toHaveLength(2);
    expect(refused[1]).toBeGreaterThanOrEqual(120_000);
    expect(calls.filter((t) => t >= 240_000)).toHaveLength(12);
    const failed = await h.runtime.db.job.count({ where: { status: 'failed' } });
    expect(failed).toBe(0);
  });

  it('maps a 429 to a TransientDeliveryError with the Retry-After, quickly', async () => {
    h.fake.on('chat.postMessage', () => ({ status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } }));
    const target = { channelRowId: 'x', schoolId: 'x', purpose: 'agents' as const, tenantId: 'T', channelId: 'C0AGENTER', conversationRef: null };
    const err = await h.adapter.driver.postChannel(target, () => ({ summary: 'hej', blocks: [] }), 'da').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientDeliveryError);
    expect((err as TransientDeliveryError).retryAfterMs).toBe(7000);
    // Rejected at once: exactly one attempt, no hidden client-side retries.
    expect(h.fake.all('chat.postMessage')).toHaveLength(1);
    // And no call before Retry-After: the next post is refused without asking Slack…
    const again = await h.adapter.driver.postChannel(target, () => ({ summary: 'hej', blocks: [] }), 'da').catch((e: unknown) => e);
    expect(again).toMatchObject({ name: 'TransientDeliveryError', rateLimited: true });
    expect(h.fake.all('chat.postMessage')).toHaveLength(1);
    // …until the 7 s have passed.
    h.fake.on('chat.postMessage', undefined);
    h.clock.advance(7000);
    await h.adapter.driver.postChannel(target, () => ({ summary: 'hej', blocks: [] }), 'da');
    expect(h.fake.ok('chat.postMessage')).toHaveLength(1);
  });
});

describe('permanent errors', () => {
  it.each(['user_not_found', 'account_inactive'])('%s marks the identity unreachable and the job is not retried', async (error) => {
    const person = await h.person({ name: `Forsvundet ${error}`, slackUserId: `UGONE${error.length}`, email: `gone.${error}@skole.dk`, roles: [['teacher', 'Herlufsholm']] });
    await h.runtime.directory.linkIdentity({ personId: person.personId, platform: 'slack', tenantId: 'T0SKOLE', externalId: person.slackUserId });
    h.fake.on('conversations.open', (args) => (args.users === person.slackUserId ? { ok: false, error } : undefined));
    log.audience = [person.personId];
    await h.slash(staff[0]!.slackUserId, `ledige perm-${error}`);
    await h.settled();
    await runJobsUntilDone();
    const identity = await h.runtime.db.platformIdentity.findFirst({ where: { personId: person.personId, platform: 'slack' } });
    expect(identity?.unreachableReason).toBe(error);
    expect(identity?.unreachableAt).not.toBeNull();
    const job = await h.runtime.db.job.findFirst({ where: { idempotencyKey: { contains: `perm-${error}` } } });
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(h.fake.all('conversations.open')).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])('%s on a channel post marks the school channel unreachable', async (error) => {
    const schoolId = await h.school(`Skole ${error}`);
    await h.runtime.directory.linkChannel({ schoolId, purpose: 'leadership', platform: 'slack', tenantId: 'T0SKOLE', channelId: `C${error.length}` });
    h.fake.on('chat.postMessage', () => ({ ok: false, error }));
    const err = await h.runtime.chat.postToChannel(schoolId, 'leadership', () => ({ summary: 'Ugens status', blocks: [] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).reason).toBe(error);
    const channel = await h.runtime.db.schoolChannel.findFirst({ where: { schoolId } });
    expect(channel?.unreachableReason).toBe(error);
  });
});

describe('driver', () => {
  it('posts to a school channel, replies in its thread and updates it by the stored reference', async () => {
    const schoolId = await h.school('Kobberbakkeskolen');
    await h.runtime.directory.linkChannel({ schoolId, purpose: 'agents', platform: 'slack', tenantId: 'T0SKOLE', channelId: 'C0KOBBER' });
    const ref = await h.runtime.chat.postToChannel(schoolId, 'agents', (l) => ({ summary: l === 'da' ? 'Ny ledig lektion' : 'New lesson', blocks: [text(plain('Mette <@U123> tilbyder 3.b, tirsdag'))] }));
    expect(ref?.platform).toBe('slack');
    const posted = h.fake.ok('chat.postMessage')[0]!;
    expect(posted.args).toMatchObject({ channel: 'C0KOBBER', text: 'Ny ledig lektion', unfurl_links: 'false' });
    expect(textOf(posted.args)).toContain('Mette &lt;@U123&gt; tilbyder');
    expect(JSON.parse(ref!.ref)).toMatchObject({ channel: 'C0KOBBER', ts: expect.stringMatching(/^\d+\.\d+$/) });

    await h.runtime.chat.reply(ref!, () => ({ summary: 'Taget', blocks: [] }));
    await h.runtime.chat.update(ref!, () => ({ summary: 'Taget af Anders', blocks: [] }));
    const { ts } = JSON.parse(ref!.ref) as { ts: string };
    expect(h.fake.ok('chat.postMessage')[1]!.args).toMatchObject({ channel: 'C0KOBBER', thread_ts: ts });
    expect(h.fake.ok('chat.update')[0]!.args).toMatchObject({ channel: 'C0KOBBER', ts, text: 'Taget af Anders' });
  });

  it('opens the DM once and reuses the stored channel afterwards', async () => {
    const p = staff[5]!;
    await h.runtime.db.platformIdentity.updateMany({ where: { externalId: p.slackUserId }, data: { conversationRef: null, tenantId: 'T0SKOLE' } });
    await h.runtime.chat.sendToPerson(p.personId, () => ({ summary: 'En', blocks: [] }));
    await h.runtime.chat.sendToPerson(p.personId, () => ({ summary: 'To', blocks: [] }));
    expect(h.fake.ok('conversations.open')).toHaveLength(1);
    expect(h.fake.ok('chat.postMessage').map((c) => [c.args.channel, c.args.text])).toEqual([
      [`D${p.slackUserId.slice(1)}`, 'En'],
      [`D${p.slackUserId.slice(1)}`, 'To'],
    ]);
  });
});

describe('an answer Slack cannot take right now', () => {
  it('conversations.open 429 on the way to a form’s confirmation: queued as a delivery, sent after Retry-After, once', async () => {
    const teacher = await h.person({ name: 'Rikke Ratebegrænset', slackUserId: 'URATE', email: 'rikke@skole.dk', roles: [['teacher', 'Herlufsholm']] });
    let refusedAt: number | undefined;
    h.fake.on('conversations.open', (args) => {
      if (args.users !== 'URATE' || refusedAt !== undefined) return undefined;
      refusedAt = h.clock.now().getTime();
      return { status: 429, headers: { 'retry-after': '3' }, body: { ok: false, error: 'ratelimited' } };
    });
    await h.slash(teacher.slackUserId, 'tilbyd', { triggerId: 'trigger.rate.1' });
    await h.settled();
    const view = h.fake.ok('views.open').at(-1)!.args.view;
    // A modal has no response_url: the confirmation goes to the DM, which Slack will not open yet.
    const res = await h.submit(teacher.slackUserId, view, { date: '2026-12-02', time: '10:15' });
    expect(res.status).toBe(200);
    await h.settled();
    expect(refusedAt).toBeDefined();

    const queued = await h.runtime.db.job.findMany({ where: { kind: 'chat.deliver', idempotencyKey: { startsWith: `answer:${teacher.personId}:` } } });
    expect(queued).toHaveLength(1);
    expect(queued[0]!.messagesStaff).toBe(false); // they are waiting for it: no quiet hours
    await runJobsUntilDone();

    const opens = h.fake.all('conversations.open').filter((c) => c.args.users === 'URATE');
    expect(opens).toHaveLength(2);
    const confirmations = h.fake.ok('chat.postMessage').filter((c) => c.args.channel === 'DRATE');
    expect(confirmations).toHaveLength(1);
    expect(textOf(confirmations[0]!.args)).toContain('Tak! Lektionen 2026-12-02 er tilbudt.');
    // The second conversations.open came no sooner than Retry-After (on the runtime's clock).
    expect(h.clock.now().getTime() - refusedAt!).toBeGreaterThanOrEqual(3000);
  });
});
