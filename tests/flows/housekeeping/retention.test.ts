// Retention: reflection texts go SPARRING_RETENTION_MONTHS after the school year of the visit ends
// (31 July, Copenhagen time), by the daily housekeeping job; failed jobs lose their payload after a
// month. Nothing else is touched: not newer texts, not the reflections as counts, not other jobs.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { createHousekeepingFlow } from '../../../src/flows/housekeeping/index.js';
import { createReflectionFlow } from '../../../src/flows/reflection/index.js';
import { reflectionRetentionCutoff } from '../../../src/flows/housekeeping/retention.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

describe('reflectionRetentionCutoff', () => {
  it('is the latest 1 August (local midnight) at least the retention period ago', () => {
    const tz = 'Europe/Copenhagen';
    expect(reflectionRetentionCutoff(new Date('2026-11-23T03:00:00Z'), 24, tz).toISOString()).toBe('2024-07-31T22:00:00.000Z');
    expect(reflectionRetentionCutoff(new Date('2026-07-31T21:59:00Z'), 24, tz).toISOString()).toBe('2023-07-31T22:00:00.000Z');
    expect(reflectionRetentionCutoff(new Date('2026-07-31T22:00:00Z'), 24, tz).toISOString()).toBe('2024-07-31T22:00:00.000Z');
    expect(reflectionRetentionCutoff(new Date('2026-11-23T03:00:00Z'), 36, tz).toISOString()).toBe('2023-07-31T22:00:00.000Z');
  });
});

async function world(retentionMonths?: number) {
  s = await createScenario({ now: '2026-11-23T03:00:00Z', flows: [createHousekeepingFlow, createReflectionFlow], ...(retentionMonths ? { config: { retentionMonths } } : {}) });
  const db = s.runtime.db;
  const schoolId = await s.school('Holsted Skole');
  const teacher = await s.person({ name: 'Mette Ærø', roles: [['teacher', 'Holsted Skole']] });
  const reflectOn = async (startsAt: string, text: string) => {
    const slot = await db.slot.create({ data: { schoolId, teacherId: teacher.personId, createdById: teacher.personId, startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + 45 * 60_000), classGroup: '5.b', subject: 'Dansk', status: 'held' } });
    const questions = JSON.stringify([{ key: 'learning', da: `Du bad om fokus på ${text}`, en: '' }]);
    const r = await db.reflection.create({ data: { slotId: slot.id, personId: teacher.personId, status: 'answered', answeredAt: new Date(startsAt), questions } });
    await db.reflectionAnswer.create({ data: { reflectionId: r.id, questionKey: 'learning', text } });
  };
  // School year 2023/24 (ended 31 July 2024: due 1 August 2026) and 2024/25 (due 1 August 2027).
  await reflectOn('2024-03-12T09:00:00Z', 'marts 2024');
  await reflectOn('2024-07-31T21:59:00Z', 'sidste minut af skoleåret 2023/24'); // 23:59 in Copenhagen
  await reflectOn('2024-07-31T22:00:00Z', 'første minut af skoleåret 2024/25'); // 00:00 on 1 August
  await reflectOn('2025-06-20T09:00:00Z', 'juni 2025');
  const job = (key: string, status: string, updatedAt: string) =>
    db.job.create({ data: { kind: 'x', payload: JSON.stringify({ to: { person: teacher.personId }, text: 'Hej Mette' }), idempotencyKey: key, dueAt: new Date(updatedAt), requestedAt: new Date(updatedAt), status, updatedAt: new Date(updatedAt) } });
  await job('failed-old', 'failed', '2026-10-01T00:00:00Z');
  await job('failed-recent', 'failed', '2026-11-10T00:00:00Z');
  await job('pending-old', 'pending', '2026-10-01T00:00:00Z');
  await job('done-recent', 'done', '2026-10-01T00:00:00Z');
  await s.runtime.dispatcher.startFlows();
  await s.advanceTo('2026-11-24T04:00:00Z', 3_600_000);
  const texts = (await db.reflectionAnswer.findMany({ orderBy: { text: 'asc' } })).map((a) => a.text);
  const payloads = Object.fromEntries((await db.job.findMany({ where: { kind: 'x' } })).map((j) => [j.idempotencyKey, j.payload]));
  const questions = (await db.reflection.findMany({ where: { questions: { not: null } } })).map((r) => r.questions!).sort();
  return { db, texts, payloads, teacher, questions };
}

describe('retention by the daily housekeeping job', () => {
  it('deletes reflection texts 24 months after their school year, and nothing else', async () => {
    const { db, texts, payloads, teacher, questions } = await world();
    expect(texts).toEqual(['første minut af skoleåret 2024/25', 'juni 2025']);
    // The questions asked go with the answers (they quote her focus).
    expect(questions.map((q) => JSON.parse(q)[0].da)).toEqual(['Du bad om fokus på første minut af skoleåret 2024/25', 'Du bad om fokus på juni 2025']);
    // The reflections themselves stay: "answered" still counts.
    expect(await db.reflection.count({ where: { status: 'answered' } })).toBe(4);
    // …and her list still shows all four; the old ones say their text is gone.
    const ix = s.chat.interaction(teacher);
    await s.runtime.dispatcher.command(teacher, 'refleksioner', ix);
    expect(ix.responses.map(messageText).join('\n').match(/Teksten er slettet/g)).toHaveLength(2);
    expect(payloads['failed-old']).toBe('{}');
    for (const kept of ['failed-recent', 'pending-old', 'done-recent']) expect(payloads[kept], kept).toContain('Hej Mette');
  });

  it('keeps them longer with SPARRING_RETENTION_MONTHS=36', async () => {
    const { texts } = await world(36);
    expect(texts).toHaveLength(4);
  });
});
