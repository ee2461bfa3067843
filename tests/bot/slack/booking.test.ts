// The booking flow over Slack end to end, with the product's booking flow: a teacher offers a
// lesson in a modal, the learning agent gets the announcement in a DM and clicks "claim", and both
// get their confirmation — everything through signed HTTP requests to the real Bolt app and the
// fake Web API; scheduled jobs (the announcement, the confirmations) on the runtime's job worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBookingFlowWith } from '../../../src/flows/booking/index.js';
import { startHarness, textOf, type Harness, type SlackPerson } from './harness.js';

const SCHOOL = 'Holmegårdsskolen';

describe('booking over Slack', () => {
  let h: Harness;
  let teacher: SlackPerson;
  let agent: SlackPerson;

  beforeAll(async () => {
    // Tuesday 20 October 2026, 10:00 in Copenhagen.
    h = await startHarness({ now: '2026-10-20T08:00:00Z', flows: [createBookingFlowWith({ publicUrl: 'https://sparring.test', calendarSecret: 'test-secret' })] });
    teacher = await h.person({ name: 'Tina Thomsen', slackUserId: 'UTINA', roles: [['teacher', SCHOOL]] });
    agent = await h.person({ name: 'Anders Andersen', slackUserId: 'UANDERS', roles: [['learning_agent', SCHOOL]] });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function runJobsUntil(when: string): Promise<void> {
    const target = new Date(when).getTime();
    while (h.clock.now().getTime() < target) {
      h.clock.set(new Date(Math.min(target, h.clock.now().getTime() + 15 * 60_000)));
      await h.runtime.jobs.tick();
    }
  }

  it('offer (modal) → claim button → both get a confirmation', async () => {
    await h.slash(teacher.slackUserId, 'tilbyd');
    await h.settled();
    const opened = h.fake.ok('views.open');
    expect(opened).toHaveLength(1);
    const view = opened[0]!.args.view;
    expect(view.callback_id).toBe('booking.offer');

    const res = await h.submit(teacher.slackUserId, view, { date: '2026-10-26', start: '09:00', end: '09:45', classGroup: '5.b', subject: 'dansk', room: 'B12', focus: 'overgange <!channel>' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await h.settled();
    expect(textOf(h.fake.ok('chat.postMessage').at(-1)?.args)).toContain('Tak! Lektionen');

    // The announcement reaches the agent's DM with a claim button.
    await runJobsUntil('2026-10-20T13:00:00Z');
    const announcement = h.fake.ok('chat.postMessage').find((c) => c.args.channel === 'DANDERS' && JSON.stringify(c.args.blocks).includes('booking.claim'));
    expect(announcement).toBeDefined();
    expect(textOf(announcement!.args)).toContain('Tina Thomsen');
    expect(textOf(announcement!.args)).toContain('overgange &lt;!channel&gt;');
    const claim = (announcement!.args.blocks as any[]).flatMap((b) => b.elements ?? []).find((e: any) => e.action_id === 'booking.claim');

    const slot = await h.runtime.db.slot.findFirstOrThrow({ where: { status: 'open' } });
    expect(claim.value).toBe(slot.id);
    const before = h.fake.ok('chat.postMessage').length;
    const click = await h.click(agent.slackUserId, { actionId: claim.action_id, value: claim.value }, { container: { type: 'message', channel_id: 'DANDERS', message_ts: '1764000009.000100', is_ephemeral: false } });
    expect(click.status).toBe(200);
    await h.settled();
    expect((await h.runtime.db.slot.findUniqueOrThrow({ where: { id: slot.id } })).status).toBe('claimed');
    expect(JSON.stringify(h.fake.responses.map((r) => r.body)) + JSON.stringify(h.fake.calls.map((c) => c.args))).toContain('Den er din!');

    // Confirmations for both, in their DMs.
    await h.runtime.jobs.tick();
    await h.settled();
    const after = h.fake.ok('chat.postMessage').slice(before);
    const toTeacher = after.filter((c) => c.args.channel === 'DTINA').map((c) => textOf(c.args).replace(/\*/g, '')).join('\n');
    const toAgent = after.filter((c) => c.args.channel === 'DANDERS').map((c) => textOf(c.args).replace(/\*/g, '')).join('\n');
    expect(toTeacher).toContain('Anders Andersen kommer på besøg');
    expect(toAgent).toContain('Du giver Tina Thomsen feedback');
  });
});
