// Art. 17 erasure of one person, in one transaction. What identifies the person goes: every table
// coverage.ts marks `delete` (platform identities, reflection answers, waiting lists, open chat
// conversations, jobs and queued messages that name her), and in the tables marked `keep` whatever
// is hers: her name and e-mail, the focus she wrote on her lessons, the questions of her reflections
// (they carry her focus). What the programme counts stays, without her: the Person row (anonymous,
// inactive), her memberships and course places, the visits and that a reflection was written — so
// digest totals do not change (tests/flows/digest/erasure.test.ts checks them with the digest flow).
import type { DbClient } from '../client.js';
import { inTransaction } from '../unit-of-work.js';
import { delegateName, PERSONAL_DATA_COVERAGE, type ModelName } from './coverage.js';
import { needlesFor, slotIdsOf, whereFor } from './export.js';

export interface ErasureReport {
  personId: string;
  /** Already erased before: nothing was changed. */
  alreadyErased: boolean;
  /** Rows deleted per table (the tables coverage.ts marks `delete`). */
  deleted: Record<string, number>;
  /** Her own upcoming lessons (open or claimed) that were cancelled. */
  upcomingCancelled: number;
  /** Upcoming visits she had claimed as agent, given back as open lessons. */
  upcomingReleased: number;
  /** Visits kept, now anonymous. */
  visitsKept: number;
}

/** The e-mail an erased person keeps: unique (the column is) and naming no one. */
export const erasedEmail = (personId: string) => `erased-${personId}@erased.invalid`;

/** Narrower than the export for some tables: a job that is running right now is left to finish. */
const ERASE_ONLY: Partial<Record<ModelName, Record<string, unknown>>> = { Job: { status: { not: 'running' } } };

type DeleteMany = { deleteMany(args: { where: Record<string, unknown> }): Promise<{ count: number }> };

export async function erasePerson(db: DbClient, personId: string, now: Date): Promise<ErasureReport | null> {
  return inTransaction(db, async (tx) => {
    const p = await tx.person.findUnique({ where: { id: personId } });
    if (!p) return null;
    const report: ErasureReport = { personId, alreadyErased: p.erasedAt !== null, deleted: {}, upcomingCancelled: 0, upcomingReleased: 0, visitsKept: 0 };
    if (p.erasedAt) return report;

    // Before anything changes: what finds her rows (her name and e-mail are about to go).
    const needles = needlesFor(p);
    const slotIds = await slotIdsOf(tx, personId);
    for (const model of Object.keys(PERSONAL_DATA_COVERAGE) as ModelName[]) {
      const c = PERSONAL_DATA_COVERAGE[model];
      if (!('onErase' in c) || c.onErase !== 'delete') continue;
      const where = whereFor(model, personId, needles, slotIds);
      if (!where) continue;
      const delegate = (tx as unknown as Record<string, DeleteMany>)[delegateName(model)]!;
      report.deleted[model] = (await delegate.deleteMany({ where: ERASE_ONLY[model] ? { AND: [where, ERASE_ONLY[model]] } : where })).count;
    }

    // Slot (kept): upcoming lessons are cancelled or given back; her focus text goes.
    const upcoming = { startsAt: { gte: now } };
    report.upcomingCancelled = (await tx.slot.updateMany({ where: { teacherId: personId, status: { in: ['open', 'claimed'] }, ...upcoming }, data: { status: 'cancelled', sequence: { increment: 1 } } })).count;
    report.upcomingReleased = (await tx.slot.updateMany({ where: { agentId: personId, status: 'claimed', ...upcoming }, data: { status: 'open', agentId: null, claimedAt: null, sequence: { increment: 1 } } })).count;
    await tx.slot.updateMany({ where: { teacherId: personId }, data: { focus: null } });
    report.visitsKept = await tx.slot.count({ where: whereFor('Slot', personId, [], [])! });
    // Reflection (kept as "written / not written"): the questions carry her focus.
    await tx.reflection.updateMany({ where: { personId }, data: { questions: null, chatStep: null } });
    // CourseParticipant (kept): an active person counts as a participant in the digest; keep her
    // place, anonymous, so totals stay. Someone already deactivated counted nowhere: her places go.
    if (!p.active) await tx.courseParticipant.deleteMany({ where: { personId } });
    // Membership and SentMessage (kept): a role at a school and platform message references, neither
    // says who she was once the Person row is anonymous.
    await tx.person.update({ where: { id: personId }, data: { name: '', email: erasedEmail(personId), locale: null, active: false, promptsOff: true, erasedAt: now } });
    return report;
  });
}
