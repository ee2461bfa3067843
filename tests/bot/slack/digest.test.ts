// The weekly digest through the real Slack adapter and a fake Slack Web API: the headline in the
// leadership channel, the chart uploaded with files.uploadV2 (getUploadURLExternal → the bytes →
// completeUploadExternal, shared into the channel), the details as a thread reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestFlow } from '../../../src/flows/digest/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ flows: [createDigestFlow], now: '2026-11-25T09:00:00Z' });
});
afterAll(async () => {
  await h?.close();
});

describe('digest in Slack', () => {
  it('posts the headline, uploads the chart into the channel and replies with the details in the thread', async () => {
    const schoolId = await h.school('Herlufsholm');
    await h.person({ name: 'Søren Leder', slackUserId: 'ULEDER', roles: [['leader', 'Herlufsholm']] });
    await h.runtime.directory.linkChannel({ schoolId, purpose: 'leadership', platform: 'slack', tenantId: 'T0SKOLE', channelId: 'CLEDELSE' });
    const course = await h.runtime.db.course.create({
      data: { municipalityId: h.municipalityId, key: 'kl', theme: 'klasseledelse', year: 2026, name: 'Klasseledelse', schools: { create: { schoolId } }, sessions: { create: [{ number: 1, startsAt: new Date('2026-09-08T11:00:00Z'), endsAt: new Date('2026-09-08T14:00:00Z') }] } },
    });
    for (let i = 0; i < 5; i++) {
      const t = await h.person({ name: `Lærer ${i}`, slackUserId: `UT${i}`, email: `laerer${i}@skole.dk`, roles: [['teacher', 'Herlufsholm']] });
      await h.runtime.db.courseParticipant.create({ data: { courseId: course.id, personId: t.personId } });
      await h.runtime.db.slot.create({ data: { schoolId, courseId: course.id, teacherId: t.personId, createdById: t.personId, startsAt: new Date(`2026-11-2${3 + i}T08:00:00Z`), endsAt: new Date(`2026-11-2${3 + i}T08:45:00Z`), classGroup: '6.a', subject: 'Dansk', status: 'held' } });
    }
    await h.runtime.dispatcher.startFlows();
    h.fake.reset();
    h.clock.set(new Date('2026-11-30T07:05:00Z')); // Monday 08:05
    for (let i = 0; i < 5; i++) await h.runtime.jobs.tick();

    const posts = h.fake.ok('chat.postMessage').filter((c) => c.args.channel === 'CLEDELSE');
    expect(posts).toHaveLength(2);
    const [headline, details] = posts;
    expect(headline!.args.thread_ts).toBeUndefined();
    expect(JSON.stringify(headline!.args.blocks)).toContain('Ugens feedback på Herlufsholm – uge 48');
    expect(details!.args.thread_ts).toMatch(/^\d+\.\d+$/);
    expect(JSON.stringify(details!.args.blocks)).toContain('5 besøg i alt');

    // files.uploadV2's three steps, in order, and the bytes are a PNG.
    const methods = h.fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.'));
    expect(methods).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    const url = h.fake.ok('files.getUploadURLExternal')[0]!;
    expect(Number(url.args.length)).toBeGreaterThan(3_000);
    expect(h.fake.uploads).toHaveLength(1);
    const body = h.fake.uploads[0]!.body;
    expect(body.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeGreaterThanOrEqual(0);
    const complete = h.fake.ok('files.completeUploadExternal')[0]!;
    expect(complete.args.channel_id).toBe('CLEDELSE');
    expect(JSON.stringify(complete.args.files)).toContain(h.fake.uploads[0]!.fileId);
  });
});
