import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRoster, type RosterStore } from '../../../src/import/roster/index.js';
import { RosterRepository } from '../../../src/store/roster-repository.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await t.cleanup();
});

const options = { defaultMunicipality: 'naestved', timeZone: 'Europe/Copenhagen', locale: 'da' as const, prune: false, dryRun: false };
const CSV = 'email,name,school,role\na@k.dk,A,S,teacher\nb@k.dk,B,T,leder\n';

describe('importRoster', () => {
  it('leaves nothing behind when the transaction fails after writing', async () => {
    const repo = new RosterRepository(t.db);
    let progressCalls = 0;
    const failing: RosterStore = {
      transaction: (fn) =>
        repo.transaction((tx) =>
          fn({
            load: (...a) => tx.load(...a),
            apply: async (...a) => {
              await tx.apply(...a);
              throw new Error('disk full');
            },
          }),
        ),
    };
    await expect(importRoster(CSV, failing, { ...options, onProgress: () => progressCalls++ })).rejects.toThrow('disk full');
    expect(progressCalls).toBeGreaterThan(0);
    expect(await t.db.municipality.count()).toBe(0);
    expect(await t.db.school.count()).toBe(0);
    expect(await t.db.person.count()).toBe(0);
  });

  it('with onlyDeactivate, prunes no one but the people confirmed (someone missing since the preview stays active)', async () => {
    const repo = new RosterRepository(t.db);
    expect((await importRoster('email,name,school,role\na@k.dk,A,S,teacher\nb@k.dk,B,S,teacher\nc@k.dk,C,S,teacher\n', repo, options)).ok).toBe(true);
    const b = await t.db.person.findFirstOrThrow({ where: { email: 'b@k.dk' } });
    const result = await importRoster('email,name,school,role\na@k.dk,A,S,teacher\n', repo, { ...options, prune: true, onlyDeactivate: new Set([b.id]) });
    expect(result.ok && result.counts).toMatchObject({ deactivated: 1, missing: 2 });
    const active = await t.db.person.findMany({ where: { active: true }, orderBy: { email: 'asc' } });
    expect(active.map((p) => p.email)).toEqual(['a@k.dk', 'c@k.dk']);
  });

  it('plans without writing on a dry run', async () => {
    const result = await importRoster(CSV, new RosterRepository(t.db), { ...options, dryRun: true });
    expect(result.ok && result.counts).toMatchObject({ added: 2, schoolsAdded: 2, rolesAdded: 2, municipalitiesAdded: 1 });
    expect(await t.db.municipality.count()).toBe(0);
  });
});
