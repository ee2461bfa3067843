// Art. 17 erasure of one person, in one transaction. What identifies the person goes: name, e-mail,
// platform identities, the text of her reflections, the focus she wrote on her lessons, jobs and
// messages that name her. What the programme counts stays, without her: the Person row (anonymous,
// inactive), her memberships and course places, the visits and that a reflection was written — so
// digest totals do not change (tests/store/personal-data.test.ts checks them with the digest flow).
import type { DbClient } from '../client.js';
import { inTransaction } from '../unit-of-work.js';
import { needlesFor, whereFor } from './export.js';

export interface ErasureReport {
  personId: string;
  /** Already erased before: nothing was changed. */
  alreadyErased: boolean;
  answersDeleted: number;
  identitiesDeleted: number;
  jobsDeleted: number;
  waitlistsDeleted: number;
  /** Her own upcoming lessons (open or claimed) that were cancelled. */
  upcomingCancelled: number;
  /** Upcoming visits she had claimed as agent, given back as open lessons. */
  upcomingReleased: number;
  /** Past visits kept, now anonymous. */
  visitsKept: number;
}

/** The e-mail an erased person keeps: unique (the column is) and naming no one. */
export const erasedEmail = (personId: string) => `erased-${personId}@erased.invalid`;

export async function erasePerson(db: DbClient, personId: string, now: Date): Promise<ErasureReport | null> {
  return inTransaction(db, async (tx) => {
    const p = await tx.person.findUnique({ where: { id: personId } });
    if (!p) return null;
    const report: ErasureReport = { personId, alreadyErased: p.erasedAt !== null, answersDeleted: 0, identitiesDeleted: 0, jobsDeleted: 0, waitlistsDeleted: 0, upcomingCancelled: 0, upcomingReleased: 0, visitsKept: 0 };
    if (p.erasedAt) return report;

    const needles = needlesFor(p);
    report.answersDeleted = (await tx.reflectionAnswer.deleteMany({ where: { reflection: { personId } } })).count;
    // A running job is left to finish; everything else that names her goes (pending reminders too).
    report.jobsDeleted = (await tx.job.deleteMany({ where: { AND: [whereFor('Job', personId, needles, [])!, { status: { not: 'running' } }] } })).count;
    report.identitiesDeleted = (await tx.platformIdentity.deleteMany({ where: { personId } })).count;
    report.waitlistsDeleted = (await tx.slotWaitlist.deleteMany({ where: { agentId: personId } })).count;
    const upcoming = { startsAt: { gte: now } };
    report.upcomingCancelled = (await tx.slot.updateMany({ where: { teacherId: personId, status: { in: ['open', 'claimed'] }, ...upcoming }, data: { status: 'cancelled', sequence: { increment: 1 } } })).count;
    report.upcomingReleased = (await tx.slot.updateMany({ where: { agentId: personId, status: 'claimed', ...upcoming }, data: { status: 'open', agentId: null, claimedAt: null, sequence: { increment: 1 } } })).count;
    // The focus is her own words about her teaching.
    await tx.slot.updateMany({ where: { teacherId: personId }, data: { focus: null } });
    report.visitsKept = await tx.slot.count({ where: whereFor('Slot', personId, [], [])! });
    // An active person counts as a course participant in the digest; keep her place (anonymous) so
    // totals stay. Someone already deactivated counted nowhere, so her places can go.
    if (!p.active) await tx.courseParticipant.deleteMany({ where: { personId } });
    await tx.person.update({ where: { id: personId }, data: { name: '', email: erasedEmail(personId), locale: null, active: false, promptsOff: true, erasedAt: now } });
    return report;
  });
}
