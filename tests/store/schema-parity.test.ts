// Prisma keeps one provider per schema file, so SQLite and PostgreSQL each have a copy. They must stay
// the same model: only the datasource provider and the generated client's folder may differ.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (provider: string) => readFileSync(new URL(`../../prisma/${provider}/schema.prisma`, import.meta.url), 'utf8');

describe('prisma/sqlite and prisma/postgresql schema files', () => {
  it('differ only in the datasource provider and the generator output', () => {
    const sqlite = read('sqlite').split('\n');
    const postgres = read('postgresql').split('\n');
    expect(postgres.length, 'the two schema files have different numbers of lines').toBe(sqlite.length);
    const differing = sqlite
      .map((line, i) => ({ line: i + 1, sqlite: line, postgresql: postgres[i] ?? '' }))
      .filter((d) => d.sqlite !== d.postgresql);
    expect(differing.map((d) => [d.sqlite.trim(), d.postgresql.trim()])).toEqual([
      ['output       = "../../src/store/generated/sqlite"', 'output       = "../../src/store/generated/postgresql"'],
      ['provider = "sqlite"', 'provider = "postgresql"'],
    ]);
  });
});
