// Read models for the coordinator's status command.
import type { AdminStore } from '../flows/admin/ports.js';
import type { DbClient } from './client.js';
import { parseLessonTimes } from './lesson-times.js';

export class AdminRepository implements AdminStore {
  constructor(private readonly db: DbClient) {}

  async isCoordinator(personId: string, municipalityId: string): Promise<boolean> {
    const n = await this.db.membership.count({ where: { personId, role: 'coordinator', person: { municipalityId, active: true } } });
    return n > 0;
  }

  async schools(municipalityId: string) {
    const rows = await this.db.school.findMany({ where: { municipalityId }, select: { id: true, name: true, lessonTimes: true }, orderBy: { name: 'asc' } });
    return rows.map((r) => ({ id: r.id, name: r.name, lessonTimes: parseLessonTimes(r.lessonTimes) }));
  }

  async setLessonTimes(schoolId: string, times: string[]): Promise<void> {
    await this.db.school.update({ where: { id: schoolId }, data: { lessonTimes: JSON.stringify(times) } });
  }

  async unreachablePeople(municipalityId: string) {
    const rows = await this.db.platformIdentity.findMany({
      where: { unreachableAt: { not: null }, person: { municipalityId, active: true } },
      select: { platform: true, unreachableReason: true, person: { select: { name: true, email: true } } },
      orderBy: { person: { name: 'asc' } },
    });
    return rows.map((r) => ({ name: r.person.name, email: r.person.email, platform: r.platform, reason: r.unreachableReason ?? '' }));
  }

  async neverReached(municipalityId: string, platforms: string[]) {
    return this.db.person.findMany({
      where: { municipalityId, active: true, identities: { none: { platform: { in: platforms } } } },
      select: { name: true, email: true },
      orderBy: { name: 'asc' },
    });
  }

  async unreachableChannels(municipalityId: string) {
    const rows = await this.db.schoolChannel.findMany({
      where: { unreachableAt: { not: null }, school: { municipalityId } },
      select: { platform: true, purpose: true, unreachableReason: true, school: { select: { name: true } } },
    });
    return rows.map((r) => ({ school: r.school.name, purpose: r.purpose, platform: r.platform, reason: r.unreachableReason ?? '' }));
  }

  async agentLoad(municipalityId: string, from: Date, to: Date) {
    const schools = await this.db.school.findMany({
      where: { municipalityId },
      select: { name: true, memberships: { where: { role: 'learning_agent', person: { active: true } }, select: { person: { select: { id: true, visitsPerWeek: true } } } } },
      orderBy: { name: 'asc' },
    });
    const agentIds = [...new Set(schools.flatMap((s) => s.memberships.map((m) => m.person.id)))];
    const groups = agentIds.length
      ? await this.db.slot.groupBy({ by: ['agentId'], where: { agentId: { in: agentIds }, status: { in: ['claimed', 'held'] }, startsAt: { gte: from, lt: to } }, _count: { _all: true } })
      : [];
    const load = new Map(groups.map((g) => [g.agentId as string, g._count._all]));
    return schools
      .filter((s) => s.memberships.length > 0)
      .map((s) => {
        const people = s.memberships.map((m) => m.person);
        return {
          school: s.name,
          agents: people.length,
          // An agent of two schools counts at both: the load is theirs, wherever the visits are.
          visits: people.reduce((sum, p) => sum + (load.get(p.id) ?? 0), 0),
          full: people.filter((p) => p.visitsPerWeek !== null && (load.get(p.id) ?? 0) >= p.visitsPerWeek).length,
        };
      });
  }

  async jobCounts(now: Date) {
    const [pending, due, failed] = await Promise.all([
      this.db.job.count({ where: { status: 'pending' } }),
      this.db.job.count({ where: { status: 'pending', dueAt: { lte: now } } }),
      this.db.job.count({ where: { status: 'failed' } }),
    ]);
    return { pending, due, failed };
  }

  async failedDeliveries(municipalityId: string) {
    // A coordinator sees her own municipality's deliveries (and those queued without one, e.g. copies).
    const where = { status: 'failed', kind: 'chat.deliver', OR: [{ municipalityId }, { municipalityId: null }] };
    const [count, oldest] = await Promise.all([
      this.db.job.count({ where }),
      this.db.job.findFirst({ where, orderBy: { finishedAt: 'asc' }, select: { finishedAt: true } }),
    ]);
    return { count, oldest: oldest?.finishedAt ?? null };
  }

  async recentFailedJobs(limit: number) {
    const rows = await this.db.job.findMany({ where: { status: 'failed' }, orderBy: { finishedAt: 'desc' }, take: limit, select: { kind: true, lastError: true } });
    return rows.map((r) => ({ kind: r.kind, error: (r.lastError ?? '').slice(0, 200) }));
  }
}
