// Scenario builder for flow tests: a real SQLite file, a manual clock, the in-memory chat platform
// and helpers to put a municipality, schools and people in place — "a teacher offers, an agent claims…".
import { MemoryChat } from '../../src/bot/memory/driver.js';
import type { Actor } from '../../src/core/chat.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Role } from '../../src/core/directory.js';
import { silentLogger, type Logger } from '../../src/core/logger.js';
import { createRuntime, type FlowFactory, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import { createTestDatabaseFor } from './database.js';

export interface Scenario {
  runtime: Runtime;
  chat: MemoryChat;
  clock: ManualClock;
  municipalityId: string;
  school(name: string): Promise<string>;
  person(input: { name: string; email?: string; locale?: 'da' | 'en'; roles: [Role, string][] }): Promise<Actor>;
  /** Runs the job worker until nothing more is due at the clock's current time. */
  runJobs(): ReturnType<Runtime['jobs']['tick']>;
  /** Moves the clock and runs whatever became due, step by step (like a worker waking each `stepMs`). */
  advanceTo(when: Date | string, stepMs?: number): Promise<void>;
  /**
   * A restart: a new runtime (dispatcher, flows, job engine) on the same database; nothing kept in
   * memory survives. The in-memory chat platform carries on, so messages before and after are in one list.
   */
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function createScenario(
  options: { now?: string; flows?: FlowFactory[]; provider?: 'sqlite' | 'postgresql'; jobOptions?: RuntimeOptions['jobOptions']; config?: Partial<RuntimeOptions['config']>; logger?: Logger } = {},
): Promise<Scenario> {
  const database = await createTestDatabaseFor(options.provider ?? 'sqlite');
  const clock = new ManualClock(options.now ?? '2026-11-23T08:00:00Z');
  const start = () =>
    createRuntime({
      config: { timeZone: 'Europe/Copenhagen', locale: 'da', defaultMunicipality: 'naestved', ...(options.config ?? {}) },
      db: database.db,
      clock,
      logger: options.logger ?? silentLogger,
      flows: options.flows,
      owner: 'test-worker',
      ...(options.jobOptions ? { jobOptions: options.jobOptions } : {}),
    });
  let runtime = await start();
  const chat = new MemoryChat();
  runtime.chat.addDriver(chat);
  const municipality = await runtime.db.municipality.create({ data: { slug: 'naestved', name: 'Næstved Kommune' } });
  const schools = new Map<string, string>();

  const scenario: Scenario = {
    runtime,
    chat,
    clock,
    municipalityId: municipality.id,
    async school(name) {
      const existing = schools.get(name);
      if (existing) return existing;
      const s = await runtime.db.school.create({ data: { name, municipalityId: municipality.id } });
      schools.set(name, s.id);
      return s.id;
    },
    async person({ name, email, locale, roles }) {
      const p = await runtime.db.person.create({
        data: {
          municipalityId: municipality.id,
          name,
          email: (email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@skole.dk`).toLowerCase(),
          locale: locale ?? null,
        },
      });
      for (const [role, schoolName] of roles) {
        await runtime.db.membership.create({ data: { personId: p.id, schoolId: await scenario.school(schoolName), role } });
      }
      await runtime.directory.linkIdentity({ personId: p.id, platform: 'local', tenantId: '', externalId: p.id });
      return { personId: p.id, municipalityId: municipality.id, locale: locale ?? 'da', platform: 'local' };
    },
    runJobs: () => scenario.runtime.jobs.tick(),
    async restart() {
      runtime = await start();
      runtime.chat.addDriver(chat);
      scenario.runtime = runtime;
    },
    async advanceTo(when, stepMs = 15 * 60_000) {
      const target = new Date(when).getTime();
      while (clock.now().getTime() < target) {
        clock.set(new Date(Math.min(target, clock.now().getTime() + stepMs)));
        await scenario.runtime.jobs.tick();
      }
    },
    cleanup: () => database.cleanup(),
  };
  return scenario;
}
