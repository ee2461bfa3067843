// Reflections. Answers are only ever returned through get/own, which the flow shows to their
// author alone; nothing here counts or lists other people's text.
import { randomUUID } from 'node:crypto';
import type { Answer, ReflectionDetail, ReflectionStatus, ReflectionStore, ReflectionSummary, VisitForReflection } from '../flows/reflection/ports.js';
import { EARLIER_QUESTIONS, type AskedQuestion } from '../flows/reflection/questions/sets.js';
import type { DbClient } from './client.js';
import { inTransaction } from './unit-of-work.js';

const visitSelect = {
  id: true,
  status: true,
  teacherId: true,
  agentId: true,
  startsAt: true,
  endsAt: true,
  feedbackAt: true,
  subject: true,
  classGroup: true,
  focus: true,
  course: { select: { theme: true } },
  teacher: { select: { name: true, municipalityId: true } },
  agent: { select: { name: true } },
} as const;

const summarySelect = { id: true, personId: true, status: true, questions: true, chatStep: true, promptedAt: true, answeredAt: true, sharedAt: true, slot: { select: visitSelect } } as const;
const detailSelect = { ...summarySelect, answers: { select: { questionKey: true, text: true } } } as const;

/** What visitSelect reads: the columns toVisit copies as they are, typed by the port, and the rest. */
type VisitRow = Pick<VisitForReflection, 'status' | 'teacherId' | 'agentId' | 'startsAt' | 'endsAt' | 'feedbackAt' | 'subject' | 'classGroup' | 'focus'> & {
  id: string;
  course: { theme: string } | null;
  teacher: { name: string; municipalityId: string };
  agent: { name: string } | null;
};

type SummaryRow = Pick<ReflectionSummary, 'id' | 'personId' | 'chatStep' | 'promptedAt' | 'answeredAt' | 'sharedAt'> & { status: string; questions: string | null; slot: VisitRow };

function toVisit(s: VisitRow): VisitForReflection {
  return {
    slotId: s.id,
    status: s.status,
    teacherId: s.teacherId,
    teacherName: s.teacher.name,
    agentId: s.agentId,
    agentName: s.agent?.name ?? null,
    municipalityId: s.teacher.municipalityId,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    feedbackAt: s.feedbackAt,
    subject: s.subject,
    classGroup: s.classGroup,
    focus: s.focus,
    theme: s.course?.theme ?? null,
  };
}

function toSummary(r: SummaryRow): ReflectionSummary {
  const questions: AskedQuestion[] = r.questions ? (JSON.parse(r.questions) as AskedQuestion[]) : EARLIER_QUESTIONS;
  return {
    id: r.id,
    personId: r.personId,
    status: r.status as ReflectionStatus,
    visit: toVisit(r.slot),
    questions,
    chatStep: r.chatStep,
    promptedAt: r.promptedAt,
    answeredAt: r.answeredAt,
    sharedAt: r.sharedAt,
  };
}

/** Answers in the order the questions were asked (not the order of the keys). */
function toDetail(r: SummaryRow & { answers: Answer[] }): ReflectionDetail {
  const s = toSummary(r);
  const order = (key: string) => {
    const i = s.questions.findIndex((q) => q.key === key);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return { ...s, answers: [...r.answers].sort((a, b) => order(a.questionKey) - order(b.questionKey)) };
}

export class ReflectionRepository implements ReflectionStore {
  constructor(private readonly db: DbClient) {}

  async visit(slotId: string) {
    const s = await this.db.slot.findUnique({ where: { id: slotId }, select: visitSelect });
    return s ? toVisit(s) : null;
  }

  async ensure(slotId: string, personId: string, promptedAt: Date, questions: AskedQuestion[]) {
    // One statement (no caught unique violation), so it can run inside a transaction on PostgreSQL.
    const inserted = await this.db.$queryRaw<{ id: string }[]>`
      INSERT INTO "Reflection" ("id", "slotId", "personId", "status", "promptedAt", "createdAt", "questions")
      VALUES (${randomUUID()}, ${slotId}, ${personId}, 'pending', ${promptedAt}, ${new Date()}, ${JSON.stringify(questions)})
      ON CONFLICT ("slotId") DO NOTHING
      RETURNING "id"`;
    if (inserted[0]) return { id: inserted[0].id, created: true };
    const r = await this.db.reflection.findUniqueOrThrow({ where: { slotId }, select: { id: true } });
    return { id: r.id, created: false };
  }

  async get(reflectionId: string) {
    const r = await this.db.reflection.findUnique({ where: { id: reflectionId }, select: detailSelect });
    return r ? toDetail(r) : null;
  }

  async answer(reflectionId: string, personId: string, answers: Answer[], at: Date) {
    return inTransaction(this.db, async (tx) => {
      const r = await tx.reflection.findFirst({ where: { id: reflectionId, personId, status: { in: ['pending', 'skipped', 'answered'] } }, select: { status: true } });
      if (!r) return false;
      for (const a of answers) {
        if (a.text === '') await tx.reflectionAnswer.deleteMany({ where: { reflectionId, questionKey: a.questionKey } });
        else
          await tx.reflectionAnswer.upsert({
            where: { reflectionId_questionKey: { reflectionId, questionKey: a.questionKey } },
            create: { reflectionId, questionKey: a.questionKey, text: a.text },
            update: { text: a.text },
          });
      }
      if (r.status !== 'answered') await tx.reflection.update({ where: { id: reflectionId }, data: { status: 'answered', answeredAt: at, chatStep: null } });
      return true;
    });
  }

  async setChatStep(reflectionId: string, personId: string, step: number) {
    const { count } = await this.db.reflection.updateMany({ where: { id: reflectionId, personId, status: { in: ['pending', 'skipped'] } }, data: { chatStep: step } });
    return count === 1;
  }

  async answerInChat(reflectionId: string, personId: string, step: number, answer: Answer | null) {
    return inTransaction(this.db, async (tx) => {
      // The step check and the move are one statement: a message handled twice saves once.
      const { count } = await tx.reflection.updateMany({ where: { id: reflectionId, personId, status: { in: ['pending', 'skipped'] }, chatStep: step }, data: { chatStep: step + 1 } });
      if (count === 0) return false;
      if (answer)
        await tx.reflectionAnswer.upsert({
          where: { reflectionId_questionKey: { reflectionId, questionKey: answer.questionKey } },
          create: { reflectionId, ...answer },
          update: { text: answer.text },
        });
      return true;
    });
  }

  async finish(reflectionId: string, personId: string, at: Date) {
    const { count } = await this.db.reflection.updateMany({
      where: { id: reflectionId, personId, status: { in: ['pending', 'skipped'] }, answers: { some: {} } },
      data: { status: 'answered', answeredAt: at, chatStep: null },
    });
    return count === 1;
  }

  async markShared(reflectionId: string, personId: string, at: Date) {
    const { count } = await this.db.reflection.updateMany({ where: { id: reflectionId, personId, status: 'answered', sharedAt: null }, data: { sharedAt: at } });
    return count === 1;
  }

  async expire(reflectionId: string) {
    const { count } = await this.db.reflection.updateMany({ where: { id: reflectionId, status: { in: ['pending', 'skipped'] } }, data: { status: 'expired', chatStep: null } });
    return count === 1;
  }

  async own(personId: string, skip: number, take: number) {
    const where = { personId, status: { in: ['pending', 'skipped', 'answered'] } };
    // One after the other: on SQLite a transaction has one connection.
    const rows = await this.db.reflection.findMany({ where, orderBy: [{ slot: { startsAt: 'desc' } }, { id: 'asc' }], skip, take, select: detailSelect });
    const total = await this.db.reflection.count({ where });
    return { items: rows.map(toDetail), total };
  }

  async ownOpen(personId: string) {
    const rows = await this.db.reflection.findMany({ where: { personId, status: { in: ['pending', 'skipped'] } }, orderBy: { promptedAt: 'asc' }, select: summarySelect });
    return rows.map(toSummary);
  }

  async setFeedbackAt(slotId: string, at: Date) {
    const { count } = await this.db.slot.updateMany({ where: { id: slotId, status: { in: ['claimed', 'held'] }, reflection: { is: null } }, data: { feedbackAt: at } });
    return count === 1;
  }
}
