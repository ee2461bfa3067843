// Reflections. Answers are only ever returned to their author (ownAnswered); nothing here counts or
// lists other people's text.
import { randomUUID } from 'node:crypto';
import type { ReflectionStore, ReflectionSummary, VisitForReflection } from '../flows/reflection/ports.js';
import type { DbClient } from './client.js';
import { inTransaction } from './unit-of-work.js';

const visitSelect = {
  id: true,
  status: true,
  teacherId: true,
  startsAt: true,
  subject: true,
  classGroup: true,
  teacher: { select: { name: true, municipalityId: true } },
  agent: { select: { name: true } },
} as const;

type VisitRow = { id: string; status: string; teacherId: string; startsAt: Date; subject: string; classGroup: string; teacher: { name: string; municipalityId: string }; agent: { name: string } | null };

function toVisit(s: VisitRow): VisitForReflection {
  return {
    slotId: s.id,
    status: s.status,
    teacherId: s.teacherId,
    teacherName: s.teacher.name,
    agentName: s.agent?.name ?? null,
    municipalityId: s.teacher.municipalityId,
    startsAt: s.startsAt,
    subject: s.subject,
    classGroup: s.classGroup,
  };
}

function toSummary(r: { id: string; personId: string; status: string; slot: VisitRow }): ReflectionSummary {
  return { id: r.id, personId: r.personId, status: r.status as ReflectionSummary['status'], visit: toVisit(r.slot) };
}

export class ReflectionRepository implements ReflectionStore {
  constructor(private readonly db: DbClient) {}

  async visit(slotId: string) {
    const s = await this.db.slot.findUnique({ where: { id: slotId }, select: visitSelect });
    return s ? toVisit(s) : null;
  }

  async ensure(slotId: string, personId: string, promptedAt: Date) {
    // One statement (no caught unique violation), so it can run inside a transaction on PostgreSQL.
    const inserted = await this.db.$queryRaw<{ id: string }[]>`
      INSERT INTO "Reflection" ("id", "slotId", "personId", "status", "promptedAt", "createdAt")
      VALUES (${randomUUID()}, ${slotId}, ${personId}, 'pending', ${promptedAt}, ${new Date()})
      ON CONFLICT ("slotId") DO NOTHING
      RETURNING "id"`;
    if (inserted[0]) return { id: inserted[0].id, created: true };
    const r = await this.db.reflection.findUniqueOrThrow({ where: { slotId }, select: { id: true } });
    return { id: r.id, created: false };
  }

  async get(reflectionId: string) {
    const r = await this.db.reflection.findUnique({ where: { id: reflectionId }, select: { id: true, personId: true, status: true, slot: { select: visitSelect } } });
    return r ? toSummary(r) : null;
  }

  async answer(reflectionId: string, personId: string, answers: { questionKey: string; text: string }[], at: Date) {
    return inTransaction(this.db, async (tx) => {
      // The status check and the write are one statement: two submissions cannot both save.
      const { count } = await tx.reflection.updateMany({
        where: { id: reflectionId, personId, status: { in: ['pending', 'skipped'] } },
        data: { status: 'answered', answeredAt: at },
      });
      if (count === 0) return false;
      await tx.reflectionAnswer.createMany({ data: answers.map((a) => ({ reflectionId, ...a })) });
      return true;
    });
  }

  async ownAnswered(personId: string, limit: number) {
    const rows = await this.db.reflection.findMany({
      where: { personId, status: 'answered' },
      orderBy: { answeredAt: 'desc' },
      take: limit,
      select: { id: true, personId: true, status: true, answeredAt: true, slot: { select: visitSelect }, answers: { select: { questionKey: true, text: true }, orderBy: { createdAt: 'asc' } } },
    });
    return rows.map((r) => ({ ...toSummary(r), answers: r.answers, answeredAt: r.answeredAt! }));
  }

  async ownOpen(personId: string) {
    const rows = await this.db.reflection.findMany({
      where: { personId, status: { in: ['pending', 'skipped'] } },
      orderBy: { promptedAt: 'asc' },
      select: { id: true, personId: true, status: true, slot: { select: visitSelect } },
    });
    return rows.map(toSummary);
  }
}
