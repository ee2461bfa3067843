// Roster CSV → validated rows. Pure: no database, no platform. Every problem is collected with the
// file's physical line number so the coordinator can fix the whole file in one go.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { normalizeText, parseRole, ROLE_HELP, type Role } from './roles.js';

export const REQUIRED_COLUMNS = ['email', 'name', 'school', 'role'] as const;
export const OPTIONAL_COLUMNS = ['municipality', 'locale', 'slack_user_id', 'teams_aad_id'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const KNOWN_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

export interface RosterRow {
  /** Physical line in the file where the record starts (1 = header). */
  line: number;
  /** Lower-case: the same address in another case is the same person. */
  email: string;
  name: string;
  school: string;
  roles: Role[];
  /** Raw municipality cell; undefined when the column is absent or the cell blank. */
  municipality?: string;
  /** undefined: column absent (keep what is stored); null: blank (use the municipality's locale). */
  locale?: 'da' | 'en' | null;
  /** undefined: column absent or blank. */
  slackUserId?: string;
  teamsAadId?: string;
}

export interface Problem {
  line: number;
  message: string;
}

export interface ParsedRoster {
  rows: RosterRow[];
  problems: Problem[];
  warnings: Problem[];
  /** Columns present in the header (normalised names). */
  columns: Column[];
  delimiter: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One issue per problem, each message complete enough to print after "line N: ". */
const rowSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    school: z.string(),
    role: z.string(),
    municipality: z.string().optional(),
    locale: z.string().optional(),
    slack_user_id: z.string().optional(),
    teams_aad_id: z.string().optional(),
  })
  .transform((raw, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    const email = raw.email.trim();
    if (email === '') fail('email is empty');
    else if (!z.string().email().safeParse(email).success) fail(`email "${email}" is not a valid email address`);

    const name = normalizeText(raw.name);
    if (name === '') fail('name is empty');
    const school = normalizeText(raw.school);
    if (school === '') fail('school is empty');

    const roles: Role[] = [];
    const roleTexts = raw.role.split(';').map(normalizeText).filter((r) => r !== '');
    if (roleTexts.length === 0) fail(`role is empty (${ROLE_HELP})`);
    for (const text of roleTexts) {
      const role = parseRole(text);
      if (role === undefined) fail(`role "${text}" is not a role (${ROLE_HELP})`);
      else if (!roles.includes(role)) roles.push(role);
    }

    let locale: RosterRow['locale'];
    if (raw.locale !== undefined) {
      const v = raw.locale.trim().toLowerCase();
      if (v === '') locale = null;
      else if (v === 'da' || v === 'en') locale = v;
      else fail(`locale "${raw.locale.trim()}" is not supported (use da or en, or leave it empty)`);
    }

    const slack = raw.slack_user_id?.trim() ?? '';
    if (slack !== '' && !/^[UW][A-Z0-9]{2,}$/.test(slack))
      fail(`slack_user_id "${slack}" is not a Slack user id (it looks like U0123ABCD or W0123ABCD)`);
    const teams = raw.teams_aad_id?.trim() ?? '';
    if (teams !== '' && !GUID.test(teams))
      fail(`teams_aad_id "${teams}" is not an Azure AD object id (a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427)`);

    const municipality = raw.municipality === undefined ? undefined : normalizeText(raw.municipality);
    return {
      email: email.toLowerCase(),
      name,
      school,
      roles,
      municipality: municipality === '' ? undefined : municipality,
      locale,
      slackUserId: slack === '' ? undefined : slack,
      teamsAadId: teams === '' ? undefined : teams.toLowerCase(),
    };
  });

/** The delimiter is whichever of ; , TAB occurs most often (outside quotes) in the header line. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

function countLineBreaks(s: string): number {
  return s.match(/\n/g)?.length ?? 0;
}

/** Decodes the file: UTF-8 (with or without BOM); anything else is refused with a hint. */
export function decodeRosterFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RosterFileError(
      'the file is not UTF-8 text. In Excel use "Save As" → "CSV UTF-8 (Comma delimited)"; in LibreOffice choose the character set "Unicode (UTF-8)".',
    );
  }
}

export class RosterFileError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'RosterFileError';
  }
}

/** Parses and validates a roster. Throws RosterFileError only when the file cannot be read as CSV at all. */
export function parseRosterCsv(input: string | Uint8Array): ParsedRoster {
  let text = typeof input === 'string' ? input : decodeRosterFile(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Line endings become \n first: csv-parse counts a CRLF inside a quoted field as two lines, and
  // a physical line count must not depend on the line-ending style.
  text = text.replace(/\r\n?/g, '\n');

  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = detectDelimiter(firstLine);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new RosterFileError(`the file is not valid CSV: ${e.message ?? String(err)}`, e.lines);
  }

  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const header = records.shift();
  if (!header) throw new RosterFileError(`the file is empty (expected a header row: ${REQUIRED_COLUMNS.join(delimiter)})`);

  const headerLine = header.info.lines - countLineBreaks(header.record.join(''));
  const columnIndex = new Map<Column, number>();
  header.record.forEach((cell, i) => {
    const name = normalizeText(cell).toLowerCase();
    if (name === '') return;
    if (!KNOWN_COLUMNS.includes(name)) {
      warnings.push({ line: headerLine, message: `column "${cell.trim()}" is not used (known columns: ${KNOWN_COLUMNS.join(', ')})` });
      return;
    }
    if (columnIndex.has(name as Column)) problems.push({ line: headerLine, message: `column "${name}" appears twice in the header` });
    else columnIndex.set(name as Column, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    const found = header.record.map((c) => c.trim()).join(delimiter === '\t' ? ', ' : delimiter);
    throw new RosterFileError(
      `the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${found}; ` +
        `required: ${REQUIRED_COLUMNS.join(', ')}; optional: ${OPTIONAL_COLUMNS.join(', ')})`,
      headerLine,
    );
  }

  const rows: RosterRow[] = [];
  for (const { record, info } of records) {
    // info.lines is the line the record ends on; quoted fields may span lines.
    const line = info.lines - countLineBreaks(record.join(''));
    if (record.every((cell) => cell.trim() === '')) continue; // ";;;" rows Excel leaves behind
    if (record.length > header.record.length) {
      problems.push({
        line,
        message: `${record.length} fields but the header has ${header.record.length} (a "${delimiter === '\t' ? 'TAB' : delimiter}" inside a value must be quoted)`,
      });
      continue;
    }
    const raw: Record<string, string> = {};
    for (const [column, i] of columnIndex) raw[column] = record[i] ?? '';
    const result = rowSchema.safeParse(raw);
    if (result.success) rows.push({ line, ...result.data });
    else for (const issue of result.error.issues) problems.push({ line, message: issue.message });
  }
  return { rows, problems, warnings, columns: [...columnIndex.keys()], delimiter };
}
