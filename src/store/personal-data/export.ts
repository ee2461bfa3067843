// Art. 15/20 export: every row that references one person, table by table, as stored. Which rows
// belong to a person is decided by coverage.ts alone, so this file needs no change for a new table.
import type { DbClient } from '../client.js';
import { delegateName, PERSONAL_DATA_COVERAGE, type Coverage, type ModelName } from './coverage.js';

export const EXPORT_FORMAT = 'sparring-personal-data/1';

export interface PersonExport {
  person: Record<string, unknown>;
  /** Rows per table (every covered table is present, empty or not). */
  tables: Record<string, Record<string, unknown>[]>;
}

export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  people: PersonExport[];
}

type Where = Record<string, unknown>;

/** What identifies the person in free text: id, e-mail and the full name (too short a name would match strangers). */
export function needlesFor(person: { id: string; email: string; name: string }): string[] {
  const name = person.name.trim();
  return [person.id, person.email, ...(name.length >= 5 ? [name] : [])].filter(Boolean);
}

/** The WHERE clause for one table's rows of this person; null = the table holds none. */
export function whereFor(model: ModelName, personId: string, needles: string[], slotIds: string[]): Where | null {
  const c: Coverage = PERSONAL_DATA_COVERAGE[model];
  switch (c.kind) {
    case 'person':
      return { id: personId };
    case 'references':
      return { OR: c.columns.map((column) => ({ [column]: personId })) };
    case 'through': {
      const parent = whereFor(c.parent as ModelName, personId, needles, slotIds);
      return parent && { [c.relation]: parent };
    }
    case 'mentions':
      return { OR: c.columns.flatMap((column) => needles.map((n) => ({ [column]: { contains: n } }))) };
    case 'slotTopic':
      return slotIds.length === 0 ? null : { OR: slotIds.map((id) => ({ [c.column]: { contains: id } })) };
    case 'none':
      return null;
  }
}

/** The ids of every visit the person is part of (teacher, agent or who created it). */
export async function slotIdsOf(db: DbClient, personId: string): Promise<string[]> {
  const rows = await db.slot.findMany({ where: whereFor('Slot', personId, [], [])!, select: { id: true } });
  return rows.map((r) => r.id);
}

// The delegates share findMany; the model is chosen at run time from the coverage list.
type FindMany = { findMany(args: { where: Where }): Promise<Record<string, unknown>[]> };

export async function exportPerson(db: DbClient, personId: string): Promise<PersonExport | null> {
  const person = await db.person.findUnique({ where: { id: personId } });
  if (!person) return null;
  const needles = needlesFor(person);
  const slotIds = await slotIdsOf(db, personId);
  const tables: PersonExport['tables'] = {};
  for (const model of Object.keys(PERSONAL_DATA_COVERAGE) as ModelName[]) {
    if (model === 'Person' || PERSONAL_DATA_COVERAGE[model].kind === 'none') continue;
    const where = whereFor(model, personId, needles, slotIds);
    const delegate = (db as unknown as Record<string, FindMany>)[delegateName(model)]!;
    tables[model] = where ? await delegate.findMany({ where }) : [];
  }
  return { person, tables };
}

export async function exportPeople(db: DbClient, personIds: string[], now: Date): Promise<PersonalDataExport> {
  const people: PersonExport[] = [];
  for (const id of personIds) {
    const one = await exportPerson(db, id);
    if (one) people.push(one);
  }
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), people };
}
