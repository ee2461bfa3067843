// Art. 15/20 export: every row that references one person, table by table, as stored. Which rows
// belong to a person is decided by coverage.ts alone, so this file needs no change for a new table.
import { EXPORT_FORMAT, type PersonalDataExport, type PersonExport } from '../../flows/privacy/ports.js';
import type { DbClient } from '../client.js';
import { delegateName, PERSONAL_DATA_COVERAGE, type Coverage, type ModelName } from './coverage.js';

export type { PersonalDataExport, PersonExport } from '../../flows/privacy/ports.js';

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

/**
 * A queued or sent message's text is left out of an export: the person has the messages sent to her
 * in her chat, and a message sent to her may quote someone else (a reflection shared with her as
 * agent stays the teacher's, not part of the agent's export). Who, when and what about stay.
 */
export const MESSAGE_OMITTED = 'omitted: the text is in the chat';

function withoutMessageText(row: Record<string, unknown>): Record<string, unknown> {
  try {
    const payload = JSON.parse(String(row.payload)) as unknown;
    if (payload && typeof payload === 'object' && 'message' in payload) return { ...row, payload: JSON.stringify({ ...payload, message: MESSAGE_OMITTED }) };
  } catch {
    // Not JSON: left as stored.
  }
  return row;
}

const PRESENT: Partial<Record<ModelName, (row: Record<string, unknown>) => Record<string, unknown>>> = { Job: withoutMessageText };

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
    const rows = where ? await delegate.findMany({ where }) : [];
    tables[model] = rows.map(PRESENT[model] ?? ((r) => r));
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
