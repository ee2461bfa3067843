// Roster CSV → validated rows. Pure: no database, no platform. Every problem is collected with the
// file's physical line number so the coordinator can fix the whole file in one go.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Params } from '../../core/i18n/catalogue.js';
import { controlCharacterIn } from '../../core/input.js';
import { normalizeText, parseRole, type Role } from './roles.js';
import { rosterTexts, type RosterTextKey } from './texts.js';

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

/** A problem (or warning) found in the file: a catalogue key and its parameters; report.ts words it. */
export interface Problem {
  line: number;
  code: RosterTextKey;
  params: Params;
}

export interface ParsedRoster {
  rows: RosterRow[];
  problems: Problem[];
  warnings: Problem[];
  /** Columns present in the header (normalised names). */
  columns: Column[];
  delimiter: string;
}

/** Longest accepted values (characters): an e-mail address by RFC 5321, names as no real one is longer. */
export const LIMITS = { email: 254, name: 200, school: 200, municipality: 200 } as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One issue per problem: the issue's message is the catalogue key, its params the key's parameters. */
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
    const fail = (code: RosterTextKey, params: Params = {}) => ctx.addIssue({ code: z.ZodIssueCode.custom, message: code, params });
    // A control character (a NUL from a UTF-16 export) is refused, not silently dropped.
    for (const [column, value] of Object.entries(raw)) {
      const char = value === undefined ? undefined : controlCharacterIn(value);
      if (char) fail('controlCharacter', { column, char });
    }
    const tooLong = (column: keyof typeof LIMITS, value: string) => {
      if (value.length > LIMITS[column]) fail('tooLong', { column, length: value.length, max: LIMITS[column] });
    };
    const email = normalizeText(raw.email);
    if (email === '') fail('emailEmpty');
    else if (email.length > LIMITS.email) tooLong('email', email);
    else if (!z.string().email().safeParse(email).success) fail('emailInvalid', { email });

    const name = normalizeText(raw.name);
    if (name === '') fail('nameEmpty');
    tooLong('name', name);
    const school = normalizeText(raw.school);
    if (school === '') fail('schoolEmpty');
    tooLong('school', school);

    const roles: Role[] = [];
    const roleTexts = raw.role.split(';').map(normalizeText).filter((r) => r !== '');
    if (roleTexts.length === 0) fail('roleEmpty');
    for (const text of roleTexts) {
      const role = parseRole(text);
      if (role === undefined) fail('roleUnknown', { role: text });
      else if (!roles.includes(role)) roles.push(role);
    }

    let locale: RosterRow['locale'];
    if (raw.locale !== undefined) {
      const v = raw.locale.trim().toLowerCase();
      if (v === '') locale = null;
      else if (v === 'da' || v === 'en') locale = v;
      else fail('localeUnsupported', { locale: raw.locale.trim() });
    }

    const slack = raw.slack_user_id?.trim() ?? '';
    if (slack !== '' && !/^[UW][A-Z0-9]{2,}$/.test(slack)) fail('slackIdInvalid', { column: 'slack_user_id', id: slack });
    const teams = raw.teams_aad_id?.trim() ?? '';
    if (teams !== '' && !GUID.test(teams)) fail('teamsIdInvalid', { column: 'teams_aad_id', id: teams });

    const municipality = raw.municipality === undefined ? undefined : normalizeText(raw.municipality);
    if (municipality) tooLong('municipality', municipality);
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
    throw new RosterFileError('notUtf8');
  }
}

/** The file cannot be read as a roster at all. The message is English, for logs; report.ts words it for the user. */
export class RosterFileError extends Error {
  constructor(
    readonly code: RosterTextKey,
    readonly params: Params = {},
    readonly line?: number,
  ) {
    super(rosterTexts.plain('en', code, params));
    this.name = 'RosterFileError';
  }
}

/** csv-parse's errors, by code, as catalogue problems; the library's English text only for the rare rest. */
function csvError(err: unknown): RosterFileError {
  const e = err as { code?: string; message?: string; lines?: number };
  const message = e.message ?? String(err);
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return new RosterFileError('csvQuoteNotClosed', {}, e.lines);
  if (e.code === 'INVALID_OPENING_QUOTE') return new RosterFileError('csvInvalidOpeningQuote', {}, e.lines);
  const closing = e.code === 'CSV_INVALID_CLOSING_QUOTE' ? /got "(.*?)" at line/.exec(message) : null;
  if (closing) return new RosterFileError('csvInvalidClosingQuote', { char: closing[1]! }, e.lines);
  return new RosterFileError('csvInvalid', { error: message }, e.lines);
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
    throw csvError(err);
  }

  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const header = records.shift();
  if (!header) throw new RosterFileError('fileEmpty', { columns: REQUIRED_COLUMNS.join(delimiter) });

  const headerLine = header.info.lines - countLineBreaks(header.record.join(''));
  const columnIndex = new Map<Column, number>();
  header.record.forEach((cell, i) => {
    const name = normalizeText(cell).toLowerCase();
    if (name === '') return;
    if (!KNOWN_COLUMNS.includes(name)) {
      warnings.push({ line: headerLine, code: 'columnUnused', params: { column: cell.trim(), known: KNOWN_COLUMNS.join(', ') } });
      return;
    }
    if (columnIndex.has(name as Column)) problems.push({ line: headerLine, code: 'columnTwice', params: { column: name } });
    else columnIndex.set(name as Column, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    const found = header.record.map((c) => c.trim()).join(delimiter === '\t' ? ', ' : delimiter);
    throw new RosterFileError(
      missing.length > 1 ? 'missingColumns' : 'missingColumn',
      { missing: missing.join(', '), found, required: REQUIRED_COLUMNS.join(', '), optional: OPTIONAL_COLUMNS.join(', ') },
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
        code: 'fieldCount',
        params: { fields: record.length, header: header.record.length, delimiter: delimiter === '\t' ? 'TAB' : delimiter },
      });
      continue;
    }
    const raw: Record<string, string> = {};
    for (const [column, i] of columnIndex) raw[column] = record[i] ?? '';
    const result = rowSchema.safeParse(raw);
    if (result.success) rows.push({ line, ...result.data });
    else
      for (const issue of result.error.issues)
        problems.push({ line, code: issue.message as RosterTextKey, params: (issue as { params?: Params }).params ?? {} });
  }
  return { rows, problems, warnings, columns: [...columnIndex.keys()], delimiter };
}
