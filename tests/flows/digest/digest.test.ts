// Leaders get one digest per school per week, Monday morning: figures that rest on five teachers or
// more, a trend chart, details in a reply — and never anything that points at one teacher.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import type { ImageBlock } from '../../../src/core/messages.js';
import { createDigestFlow } from '../../../src/flows/digest/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

const SCHOOL = 'Holsted Skole';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function setup(opts: { participants: number; now?: string; linkChannel?: boolean; leader?: boolean }) {
  s = await createScenario({ now: opts.now ?? '2026-11-25T09:00:00Z', flows: [createDigestFlow] }); // Wednesday, week 48
  const schoolId = await s.school(SCHOOL);
  const leader = opts.leader === false ? null : await s.person({ name: 'Søren Møller', roles: [['leader', SCHOOL]] });
  if (opts.linkChannel !== false) await s.runtime.directory.linkChannel({ schoolId, purpose: 'leadership', platform: 'local', tenantId: '', channelId: 'ledelse' });
  const course = await addCourse(schoolId, 'Klasseledelse', 2026, '2026-09-08T11:00:00Z');
  const teachers: Actor[] = [];
  for (let i = 0; i < opts.participants; i++) {
    const t = await s.person({ name: `Lærer ${String.fromCharCode(65 + i)}`, roles: [['teacher', SCHOOL]] });
    await s.runtime.db.courseParticipant.create({ data: { courseId: course.id, personId: t.personId } });
    teachers.push(t);
  }
  const visit = async (teacherIdx: number, startsAt: string, status: string, courseId: string | null = course.id) =>
    s.runtime.db.slot.create({
      data: { schoolId, courseId, teacherId: teachers[teacherIdx]!.personId, createdById: teachers[teacherIdx]!.personId, startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + 45 * 60_000), classGroup: '6.a', subject: 'Matematik', status },
    });
  const reflect = async (slot: { id: string; teacherId: string }, answeredAt: string) => {
    const r = await s.runtime.db.reflection.create({ data: { slotId: slot.id, personId: slot.teacherId, status: 'answered', answeredAt: new Date(answeredAt) } });
    await s.runtime.db.reflectionAnswer.create({ data: { reflectionId: r.id, questionKey: 'learning', text: 'HEMMELIG REFLEKSION' } });
  };
  return { schoolId, leader, teachers, visit, reflect, course };
}

async function addCourse(schoolId: string, name: string, year: number, firstSession: string) {
  return s.runtime.db.course.create({
    data: {
      municipalityId: s.municipalityId,
      key: `${name}-${year}`,
      theme: 'klasseledelse',
      year,
      name,
      feedbackTarget: 2,
      schools: { create: { schoolId } },
      sessions: { create: [{ number: 1, startsAt: new Date(firstSession), endsAt: new Date(Date.parse(firstSession) + 3 * 3_600_000) }] },
    },
  });
}

const headlines = (schoolId: string) => s.chat.toChannel(schoolId, 'leadership').filter((m) => !m.threadOf);
const textOf = (schoolId: string, i = 0) => messageText(headlines(schoolId)[i]!.message);

describe('weekly digest', () => {
  it('posts last week’s figures with a chart to the leadership channel on Monday at 08:00, details in a reply — once, and no reflection text', async () => {
    const { schoolId, visit, reflect } = await setup({ participants: 6 });
    // Week 48: teacher A twice, B, C, D, E once → 6 held by 5 teachers; one lesson nobody claimed.
    const held: { id: string; teacherId: string }[] = [];
    for (const [i, day] of [[0, '23'], [0, '24'], [1, '24'], [2, '25'], [3, '26'], [4, '26']] as const) held.push(await visit(i, `2026-11-${day}T08:00:00Z`, 'held'));
    await visit(5, '2026-11-27T08:00:00Z', 'unclaimed');
    await visit(5, '2026-12-01T08:00:00Z', 'claimed');
    for (const h of held) await reflect(h, '2026-11-26T14:00:00Z');

    await s.runtime.dispatcher.startFlows();
    await s.runtime.dispatcher.startFlows(); // a second instance starting changes nothing
    await s.advanceTo('2026-11-30T06:59:00Z', 60 * 60_000);
    expect(headlines(schoolId)).toHaveLength(0);
    await s.advanceTo('2026-11-30T07:30:00Z', 15 * 60_000); // Monday 08:30
    const posts = s.chat.toChannel(schoolId, 'leadership');
    expect(posts).toHaveLength(2);
    const [headline, details] = posts;
    expect(details!.threadOf).toBe(headline!.id);
    const out = messageText(headline!.message);
    expect(out).toContain('Ugens feedback på Holsted Skole – uge 48');
    expect(out).toContain('Gennemførte besøg i uge 48: 6');
    // One teacher's unclaimed lesson and one planned visit rest on fewer than five teachers.
    expect(out).toContain('Lektioner, ingen nåede at tage: under 5 lærere');
    expect(out).toContain('Planlagte besøg de næste 7 dage: under 5 lærere');
    // Only teacher A has had two feedbacks: hidden.
    expect(out).toContain('Klasseledelse: under 5 lærere af 6 deltagere har fået 2 feedbacks.');
    expect(messageText(details!.message)).toContain('6 besøg i alt, 6 med refleksion.');

    const img = headline!.message.blocks.find((b): b is ImageBlock => b.type === 'image')!;
    const png = Buffer.from(img.pngBase64, 'base64');
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(520); // IHDR width
    expect(png.length).toBeGreaterThan(3_000);
    expect(png.length).toBeLessThan(19_000); // fits a Teams card as a data URI
    expect(img.alt).toContain('uge 48: 6');

    for (const m of posts) {
      const all = JSON.stringify(m.message);
      expect(all).not.toContain('HEMMELIG');
      expect(all).not.toMatch(/Lærer [A-F]/);
    }
    await s.advanceTo('2026-12-03T12:00:00Z', 6 * 3_600_000);
    expect(headlines(schoolId)).toHaveLength(1);
  });

  it('does not show figures for a course with fewer than five participants', async () => {
    const { schoolId, visit } = await setup({ participants: 3 });
    await visit(0, '2026-11-24T08:00:00Z', 'held');
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    const out = textOf(schoolId);
    expect(out).toContain('færre end 5 deltagere på skolen, så tallene vises ikke');
    expect(out).not.toContain('af 3 deltagere');
  });

  it('one teacher with many visits reveals nothing: counts are of distinct teachers, not visits', async () => {
    const { schoolId, visit } = await setup({ participants: 6 });
    for (const day of ['23', '24', '25', '26', '27']) await visit(0, `2026-11-${day}T08:00:00Z`, 'held');
    await visit(0, '2026-11-27T10:00:00Z', 'held');
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    const posts = s.chat.toChannel(schoolId, 'leadership');
    const all = posts.map((p) => messageText(p.message)).join('\n');
    expect(all).toContain('Gennemførte besøg i uge 48: under 5 lærere');
    expect(all).toContain('Tallene kommer, når mindst 5 lærere har haft besøg.');
    expect(all).not.toMatch(/\b6\b(?! deltagere)/);
    const img = posts[0]!.message.blocks.find((b): b is ImageBlock => b.type === 'image')!;
    expect(img.alt).toContain('uge 48: under 5 lærere');
  });

  it('the differencing attack: two consecutive digests do not reveal whether one known teacher reflected', async () => {
    const digestOfWeek49 = async (aReflects: boolean) => {
      const { schoolId, visit, reflect } = await setup({ participants: 8 });
      // Week 47–48: seven teachers had visits and five of them reflected — the totals are shown.
      for (let i = 0; i < 7; i++) {
        const v = await visit(i, `2026-11-${17 + (i % 5)}T08:00:00Z`, 'held');
        if (i < 5) await reflect(v, `2026-11-${24 + (i % 3)}T14:00:00Z`);
      }
      await s.runtime.dispatcher.startFlows();
      await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
      // Week 49: the leader knows teacher H (index 7) had a visit on Tuesday. Did H reflect?
      const v = await visit(7, '2026-12-01T08:00:00Z', 'held');
      if (aReflects) await reflect(v, '2026-12-01T13:00:00Z');
      await s.advanceTo('2026-12-07T08:00:00Z', 2 * 60 * 60_000);
      const posts = s.chat.toChannel(schoolId, 'leadership');
      const week48 = posts.filter((p) => p.message.summary.includes('48')).map((p) => messageText(p.message)).join('\n');
      const week49 = posts.filter((p) => p.message.summary.includes('49')).map((p) => JSON.stringify(p.message)).join('\n');
      await s.cleanup();
      s = undefined as unknown as Scenario;
      return { week48, week49 };
    };
    const reflected = await digestOfWeek49(true);
    const didNot = await digestOfWeek49(false);
    // Not vacuous: week 48 shows real totals (7 visits, 5 with a reflection).
    expect(reflected.week48).toContain('7 besøg i alt, 5 med refleksion.');
    expect(reflected.week49).not.toBe('');
    // Week 49 is the same to the byte whether H reflected or not — and the totals did not move.
    expect(reflected.week49).toBe(didNot.week49);
    expect(reflected.week49).toContain('7 besøg i alt, 5 med refleksion.');
  });

  it('running totals move once five teachers have contributed since the last figures', async () => {
    const { schoolId, visit } = await setup({ participants: 10 });
    for (let i = 0; i < 5; i++) await visit(i, `2026-11-${23 + (i % 5)}T08:00:00Z`, 'held');
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    for (let i = 5; i < 10; i++) await visit(i, `2026-12-0${1 + (i % 4)}T08:00:00Z`, 'held');
    await s.advanceTo('2026-12-07T08:00:00Z', 2 * 60 * 60_000);
    const details = s.chat.toChannel(schoolId, 'leadership').filter((m) => m.threadOf).map((m) => messageText(m.message));
    expect(details[0]).toContain('5 besøg i alt');
    expect(details[1]).toContain('10 besøg i alt');
  });

  it('details show each feedback window that has opened: participants who had its share, and visits', async () => {
    const { schoolId, course, visit } = await setup({ participants: 5 });
    // Sessions 1–3 (8 September, 27 October, 1 December): target 2 spread as 1 + 1 + 0.
    await s.runtime.db.courseSession.createMany({
      data: [
        { courseId: course.id, number: 2, startsAt: new Date('2026-10-27T12:00:00Z'), endsAt: new Date('2026-10-27T15:00:00Z') },
        { courseId: course.id, number: 3, startsAt: new Date('2026-12-01T12:00:00Z'), endsAt: new Date('2026-12-01T15:00:00Z') },
      ],
    });
    for (let i = 0; i < 5; i++) await visit(i, `2026-09-${15 + i}T08:00:00Z`, 'held'); // window 1: all five
    for (let i = 0; i < 5; i++) await visit(i, `2026-11-${16 + i}T08:00:00Z`, 'held'); // window 2: all five again
    await visit(0, '2026-11-20T10:00:00Z', 'held'); // and A once more
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    const details = messageText(s.chat.toChannel(schoolId, 'leadership').find((m) => m.threadOf)!.message);
    expect(details).toContain('Mellem kursusgang 1 og 2 (til 27. oktober 2026): 5 af 5 har fået 1 feedback i perioden, 5 besøg.');
    expect(details).toContain('Mellem kursusgang 2 og 3 (til 1. december 2026): 5 af 5 har fået 1 feedback i perioden, 6 besøg.');
    expect(details).toContain('5 deltagere, 5 har fået 2 feedbacks. 11 besøg i alt');
    expect(details).toContain('(opgjort 22. november 2026)'); // nothing has happened since week 47
  });

  it('leaves out courses that finished in an earlier school year', async () => {
    const { schoolId } = await setup({ participants: 5 });
    await addCourse(schoolId, 'Målorienteret undervisning', 2025, '2025-09-10T11:00:00Z');
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    const out = s.chat.toChannel(schoolId, 'leadership').map((m) => messageText(m.message)).join('\n');
    expect(out).toContain('Klasseledelse');
    expect(out).not.toContain('Målorienteret');
  });

  it('writes to the leaders directly when no leadership channel is linked', async () => {
    const { leader } = await setup({ participants: 5, linkChannel: false });
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    expect(s.chat.toPerson(leader!.personId).map((m) => m.message.summary)).toEqual(['Ugens feedback på Holsted Skole, uge 48', 'Detaljer pr. forløb, uge 48']);
  });

  it('falls back to the leaders’ direct messages when the leadership channel fails for good', async () => {
    const { schoolId, leader } = await setup({ participants: 5 });
    const original = s.chat.postChannel.bind(s.chat);
    s.chat.postChannel = async () => {
      const { PermanentDeliveryError } = await import('../../../src/core/chat.js');
      throw new PermanentDeliveryError('channel_not_found');
    };
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T09:00:00Z', 30 * 60_000);
    s.chat.postChannel = original;
    expect(headlines(schoolId)).toHaveLength(0);
    expect(s.chat.toPerson(leader!.personId).map((m) => m.message.summary)).toEqual(['Ugens feedback på Holsted Skole, uge 48', 'Detaljer pr. forløb, uge 48']);
  });

  it('a school with no channel and no leader is not recorded as sent, and the coordinator is told which school', async () => {
    const { schoolId } = await setup({ participants: 5, linkChannel: false, leader: false });
    const coordinator = await s.person({ name: 'Karen Østergaard', roles: [['coordinator', SCHOOL]] });
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    const told = s.chat.toPerson(coordinator.personId).map((m) => messageText(m.message));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Ugeoversigten for Holsted Skole (uge 48) kunne ikke sendes');
    expect(await s.runtime.db.digest.count({ where: { schoolId } })).toBe(0);
  });

  it('sends nothing for the autumn holiday week, and last week’s digest only after it', async () => {
    // Wednesday of week 41, 2026.
    const { schoolId } = await setup({ participants: 5, now: '2026-10-07T09:00:00Z' });
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-10-19T05:00:00Z', 3 * 3_600_000); // through week 42
    expect(headlines(schoolId)).toHaveLength(0);
    await s.advanceTo('2026-10-19T07:00:00Z', 30 * 60_000); // Monday of week 43, 09:00
    expect(headlines(schoolId).map((p) => p.message.summary)).toEqual(['Ugens feedback på Holsted Skole, uge 41']);
    await s.advanceTo('2026-10-27T08:00:00Z', 3 * 3_600_000);
    expect(headlines(schoolId).map((p) => p.message.summary)).toEqual(['Ugens feedback på Holsted Skole, uge 41', 'Ugens feedback på Holsted Skole, uge 43']);
  });

  it('counts staff the bot cannot reach: marked unreachable, or never seen on the platform', async () => {
    const { schoolId, teachers } = await setup({ participants: 5 });
    s.chat.unreachable.add(teachers[0]!.personId);
    await s.runtime.chat.sendToPerson(teachers[0]!.personId, () => ({ summary: 'x', blocks: [] })).catch(() => undefined);
    const newcomer = await s.runtime.db.person.create({ data: { municipalityId: s.municipalityId, email: 'ny@skole.dk', name: 'Ny Kollega' } });
    await s.runtime.db.membership.create({ data: { personId: newcomer.id, schoolId, role: 'teacher' } });
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    expect(textOf(schoolId)).toContain('2 medarbejdere kan ikke nås af Sparring.');
  });
});
