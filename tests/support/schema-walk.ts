// Reads the Prisma schema file as a list of models and fields, and checks it against the personal-
// data coverage list (src/store/personal-data/coverage.ts). Returns problems as sentences, so the
// coverage test can also show that a new table referencing a person is caught.
import type { Coverage } from '../../src/store/personal-data/coverage.js';

export interface SchemaField {
  name: string;
  type: string;
  list: boolean;
  /** For the owning side of a relation: the columns that hold the other row's id. */
  relationColumns?: string[];
}

export function parseModels(schema: string): Map<string, SchemaField[]> {
  const models = new Map<string, SchemaField[]>();
  for (const m of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields: SchemaField[] = [];
    for (const raw of m[2]!.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      const f = /^(\w+)\s+(\w+)(\[\])?\??(.*)$/.exec(line);
      if (!f || line.startsWith('@@')) continue;
      const columns = /@relation\([^)]*fields:\s*\[([^\]]*)\]/.exec(f[4] ?? '');
      fields.push({ name: f[1]!, type: f[2]!, list: f[3] === '[]', ...(columns ? { relationColumns: columns[1]!.split(',').map((c) => c.trim()) } : {}) });
    }
    models.set(m[1]!, fields);
  }
  return models;
}

export function coverageProblems(schema: string, coverage: Record<string, Coverage>): string[] {
  const models = parseModels(schema);
  const problems: string[] = [];
  const personal = (model: string) => coverage[model] !== undefined && coverage[model]!.kind !== 'none';
  for (const [model, fields] of models) {
    const c = coverage[model];
    if (!c) {
      problems.push(`${model}: not in PERSONAL_DATA_COVERAGE — say how its rows relate to a person (or why they hold no personal data)`);
      continue;
    }
    const has = (column: string) => fields.some((f) => f.name === column);
    for (const f of fields) {
      if (!f.relationColumns) continue;
      if (f.type === 'Person') {
        const missing = f.relationColumns.filter((col) => !(c.kind === 'references' && c.columns.includes(col)));
        if (missing.length > 0) problems.push(`${model}.${f.name}: references Person through ${missing.join(', ')}, which the coverage does not list`);
      } else if (c.kind === 'none' && personal(f.type)) {
        problems.push(`${model}.${f.name}: belongs to ${f.type}, which holds personal data, yet ${model} is covered as "none"`);
      }
    }
    if (c.kind === 'references' || c.kind === 'mentions') for (const col of c.columns) if (!has(col)) problems.push(`${model}: coverage names column ${col}, which the model does not have`);
    if (c.kind === 'slotTopic' && !has(c.column)) problems.push(`${model}: coverage names column ${c.column}, which the model does not have`);
    if (c.kind === 'through') {
      const rel = fields.find((f) => f.name === c.relation);
      if (!rel || rel.type !== c.parent || !personal(c.parent)) problems.push(`${model}: coverage says through ${c.parent}.${c.relation}, but there is no such relation to a covered table`);
    }
  }
  for (const model of Object.keys(coverage)) if (!models.has(model)) problems.push(`${model}: in PERSONAL_DATA_COVERAGE but not in the schema`);
  return problems;
}
