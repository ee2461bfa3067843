// Export and erasure find a person's rows through the coverage list; this test walks the Prisma
// schema so that a new table (or a new relation to Person) cannot be left out of it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA_COVERAGE } from '../../src/store/personal-data/coverage.js';
import { coverageProblems, parseModels } from '../support/schema-walk.js';

const schema = readFileSync(new URL('../../prisma/sqlite/schema.prisma', import.meta.url), 'utf8');

describe('personal data coverage', () => {
  it('names every table of the schema and every column that references a person', () => {
    expect(parseModels(schema).size).toBeGreaterThanOrEqual(19);
    expect(coverageProblems(schema, PERSONAL_DATA_COVERAGE)).toEqual([]);
  });

  it('fails for a new table that references a person, or one that hangs off a reflection', () => {
    const withNewTables = `${schema}
model ReflectionShare {
  id           String     @id
  reflectionId String
  reflection   Reflection @relation(fields: [reflectionId], references: [id])
  agentId      String
  agent        Person     @relation("shareAgent", fields: [agentId], references: [id])
}
`;
    const coveredAsNone = { ...PERSONAL_DATA_COVERAGE, ReflectionShare: { kind: 'none' as const, why: 'forgotten' } };
    expect(coverageProblems(withNewTables, PERSONAL_DATA_COVERAGE)).toEqual([expect.stringContaining('ReflectionShare: not in PERSONAL_DATA_COVERAGE')]);
    expect(coverageProblems(withNewTables, coveredAsNone)).toEqual([
      expect.stringContaining('ReflectionShare.reflection: belongs to Reflection'),
      expect.stringContaining('ReflectionShare.agent: references Person through agentId'),
    ]);
  });

  it('fails for a new relation to Person on a table already covered', () => {
    const withReviewer = schema.replace(
      'model Slot {',
      'model Slot {\n  reviewerId String?\n  reviewer   Person? @relation("slotReviewer", fields: [reviewerId], references: [id])',
    );
    expect(coverageProblems(withReviewer, PERSONAL_DATA_COVERAGE)).toEqual([expect.stringContaining('Slot.reviewer: references Person through reviewerId')]);
  });
});
