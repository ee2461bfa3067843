// School holiday rules per municipality: a JSON-friendly value stored as text in the database,
// validated with zod, expanded into concrete date periods per school year.
import { z } from 'zod';
import {
  addDays,
  yearOf,
  isoDate,
  isValidIsoDate,
  mondayOfIsoWeek,
  weekdayOf,
  weeksInIsoWeekYear,
  type IsoDate,
  type IsoWeek,
} from './dates.js';
import { easterSunday } from './public-holidays.js';

export const STANDARD_HOLIDAYS = ['winter', 'easter', 'summer', 'autumn', 'christmas'] as const;
export type StandardHolidayKey = (typeof STANDARD_HOLIDAYS)[number];

const isoDateSchema = z.string().refine(isValidIsoDate, { message: 'must be a valid date "YYYY-MM-DD"' });
const yearSchema = z.number().int().min(1900).max(2999);
const weekSchema = z.number().int().min(1).max(53);
// A recurring week must exist every year, so 53 is not allowed there.
const recurringWeekSchema = z.number().int().min(1).max(52);
const nameSchema = z.string().trim().min(1).max(100);

const extraWeekSchema = z
  .object({ year: yearSchema, week: weekSchema, nameDa: nameSchema.optional(), nameEn: nameSchema.optional() })
  .strict()
  .superRefine((w, ctx) => {
    if (w.week > weeksInIsoWeekYear(w.year)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['week'], message: `ISO week-year ${w.year} has no week ${w.week}` });
    }
  });

const extraRangeSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, nameDa: nameSchema, nameEn: nameSchema.optional() })
  .strict()
  .refine((r) => r.from <= r.to, { message: '"to" must not be before "from"', path: ['to'] });

/**
 * Replaces or cancels one standard holiday in one year. Exactly one of:
 *  - `cancelled: true` — no such holiday that year;
 *  - `from` + `to`     — the holiday covers exactly these dates;
 *  - `week`            — (autumn/winter only) the holiday is that ISO week instead.
 * `year` is the year the holiday starts in (Christmas 2026 = the one starting December 2026).
 */
const overrideSchema = z
  .object({
    year: yearSchema,
    holiday: z.enum(STANDARD_HOLIDAYS),
    cancelled: z.literal(true).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    week: weekSchema.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const forms = [o.cancelled !== undefined, o.from !== undefined || o.to !== undefined, o.week !== undefined];
    if (forms.filter(Boolean).length !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'an override needs exactly one of: "cancelled": true, "from"+"to", or "week"',
      });
      return;
    }
    if (o.from !== undefined || o.to !== undefined) {
      if (o.from === undefined || o.to === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: '"from" and "to" must be given together' });
      } else if (o.from > o.to) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: '"to" must not be before "from"' });
      }
    }
    if (o.week !== undefined) {
      if (o.holiday !== 'autumn' && o.holiday !== 'winter') {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['week'], message: '"week" only applies to the autumn or winter holiday' });
      } else if (o.week > weeksInIsoWeekYear(o.year)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['week'], message: `ISO week-year ${o.year} has no week ${o.week}` });
      }
    }
  });

/**
 * Holiday rules. Every field has a default, so `{}` means "the usual Danish pattern":
 *  - winter:    ISO week `winterWeek` (default 7), from the Saturday before through its Sunday.
 *  - easter:    the Saturday before Palm Sunday through Easter Monday.
 *  - summer:    the last Saturday of June through the Sunday of ISO week `summerEndWeek`
 *               (default 32), so school restarts on Monday of week 33 (10 Aug 2026, 11 Aug 2025).
 *  - autumn:    ISO week `autumnWeek` (default 42), from the Saturday before through its Sunday.
 *  - christmas: starts on 21 December or on the Saturday before Christmas Eve, whichever is
 *               earlier — so the 21st–23rd are never school days and no short week is left
 *               before Christmas. It ends the day before school restarts on the first weekday
 *               on or after 2 January, except when that day is a Thursday or Friday: then school
 *               restarts the following Monday (no two-day stub week).
 * `null` week / `false` switches a standard holiday off; `overrides` change one year;
 * `extraWeeks` / `extraRanges` add closures; `openDates` force school days (they cannot reopen
 * weekends or statutory public holidays, but can reopen custom closures like grundlovsdag).
 */
export const holidayRulesSchema = z
  .object({
    version: z.literal(1).default(1),
    winterWeek: recurringWeekSchema.nullable().default(7),
    easter: z.boolean().default(true),
    summer: z.boolean().default(true),
    summerEndWeek: z.number().int().min(27).max(40).default(32),
    autumnWeek: recurringWeekSchema.nullable().default(42),
    christmas: z.boolean().default(true),
    extraWeeks: z.array(extraWeekSchema).default(() => []),
    extraRanges: z.array(extraRangeSchema).default(() => []),
    overrides: z.array(overrideSchema).default(() => []),
    openDates: z.array(isoDateSchema).default(() => []),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.overrides.forEach((o, i) => {
      const k = `${o.year}/${o.holiday}`;
      if (seen.has(k)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['overrides', i], message: `duplicate override for ${o.holiday} ${o.year}` });
      }
      seen.add(k);
    });
  });

/** Validated rules (all defaults filled in). Plain JSON data: store with `serializeHolidayRules`. */
export type HolidayRules = z.output<typeof holidayRulesSchema>;
/** What may be written in the database / config: any subset of fields. */
export type HolidayRulesInput = z.input<typeof holidayRulesSchema>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The defaults (deep-frozen: shared by every caller). */
export const DEFAULT_HOLIDAY_RULES: HolidayRules = deepFreeze(holidayRulesSchema.parse({}));

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function formatZodError(prefix: string, err: z.ZodError): string {
  const parts = err.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
      .join('');
    return `${path || '(root)'}: ${issue.message}`;
  });
  return `${prefix}: ${parts.join('; ')}`;
}

/** Validates an already-parsed value (e.g. from a config file). */
export function validateHolidayRules(input: unknown): ParseResult<HolidayRules> {
  // Legacy/shorthand: the schema column documents a bare array [{"year":2026,"week":42}];
  // read it as extra holiday weeks on top of the defaults.
  const value = Array.isArray(input) ? { extraWeeks: input } : input;
  const res = holidayRulesSchema.safeParse(value);
  return res.success ? { ok: true, value: res.data } : { ok: false, error: formatZodError('Invalid holiday rules', res.error) };
}

/**
 * Parses the JSON text stored for a municipality. `null`/blank → defaults.
 * Never throws: bad JSON or bad fields give `{ ok: false, error }` with every problem and its path,
 * e.g. `Invalid holiday rules: autumnWeek: Expected number, received string`.
 */
export function parseHolidayRules(json: string | null | undefined): ParseResult<HolidayRules> {
  if (json === null || json === undefined || json.trim() === '') return { ok: true, value: DEFAULT_HOLIDAY_RULES };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { ok: false, error: `Holiday rules are not valid JSON: ${(err as Error).message}` };
  }
  return validateHolidayRules(raw);
}

/** Builds rules from a partial object; throws Error with the same message as parseHolidayRules. */
export function holidayRules(input: HolidayRulesInput = {}): HolidayRules {
  const res = validateHolidayRules(input);
  if (!res.ok) throw new Error(res.error);
  return res.value;
}

export function serializeHolidayRules(rules: HolidayRules): string {
  return JSON.stringify(rules);
}

export interface SchoolHolidayPeriod {
  key: StandardHolidayKey | 'extra';
  /** First and last date, inclusive. */
  from: IsoDate;
  to: IsoDate;
  nameDa: string;
  nameEn: string;
  /** For week-based holidays ("uge 42"). */
  week?: IsoWeek;
}

const STANDARD_NAMES: Record<StandardHolidayKey, { da: string; en: string }> = {
  winter: { da: 'vinterferie', en: 'winter holiday' },
  easter: { da: 'påskeferie', en: 'Easter holiday' },
  summer: { da: 'sommerferie', en: 'summer holiday' },
  autumn: { da: 'efterårsferie', en: 'autumn holiday' },
  christmas: { da: 'juleferie', en: 'Christmas holiday' },
};

function weekPeriod(key: StandardHolidayKey | 'extra', year: number, week: number, nameDa: string, nameEn: string): SchoolHolidayPeriod {
  const monday = mondayOfIsoWeek(year, week);
  // Standard week holidays include the weekend before, as Danish calendars write them
  // ("lørdag 10. oktober – søndag 18. oktober"); extra weeks are just Monday–Sunday.
  const from = key === 'extra' ? monday : addDays(monday, -2);
  return { key, from, to: addDays(monday, 6), nameDa, nameEn, week: { year, week } };
}

/** The last `weekday` (1=Mon…7=Sun) strictly before `date`. */
function lastWeekdayBefore(date: IsoDate, weekday: number): IsoDate {
  const back = (weekdayOf(date) - weekday + 7) % 7 || 7;
  return addDays(date, -back);
}

function defaultPeriod(key: StandardHolidayKey, year: number, rules: HolidayRules): SchoolHolidayPeriod | null {
  const { da, en } = STANDARD_NAMES[key];
  switch (key) {
    case 'winter':
      return rules.winterWeek === null ? null : weekPeriod(key, year, rules.winterWeek, da, en);
    case 'autumn':
      return rules.autumnWeek === null ? null : weekPeriod(key, year, rules.autumnWeek, da, en);
    case 'easter': {
      if (!rules.easter) return null;
      const easter = easterSunday(year);
      return { key, from: addDays(easter, -8), to: addDays(easter, 1), nameDa: da, nameEn: en };
    }
    case 'summer': {
      if (!rules.summer) return null;
      const from = lastWeekdayBefore(isoDate(year, 7, 1), 6);
      const to = addDays(mondayOfIsoWeek(year, rules.summerEndWeek), 6);
      return { key, from, to, nameDa: da, nameEn: en };
    }
    case 'christmas': {
      if (!rules.christmas) return null;
      const dec21 = isoDate(year, 12, 21);
      const satBeforeEve = lastWeekdayBefore(isoDate(year, 12, 24), 6);
      const from = satBeforeEve < dec21 ? satBeforeEve : dec21;
      let restart = isoDate(year + 1, 1, 2);
      while (weekdayOf(restart) >= 6) restart = addDays(restart, 1);
      const wd = weekdayOf(restart);
      if (wd === 4 || wd === 5) restart = addDays(restart, 8 - wd);
      return { key, from, to: addDays(restart, -1), nameDa: da, nameEn: en };
    }
  }
}

// Standard holidays (after overrides) and extra weeks generated for `year`.
function generatedPeriods(year: number, rules: HolidayRules): SchoolHolidayPeriod[] {
  const out: SchoolHolidayPeriod[] = [];
  for (const key of STANDARD_HOLIDAYS) {
    const override = rules.overrides.find((o) => o.year === year && o.holiday === key);
    if (!override) {
      const p = defaultPeriod(key, year, rules);
      if (p) out.push(p);
      continue;
    }
    const { da, en } = STANDARD_NAMES[key];
    if (override.cancelled) continue;
    if (override.week !== undefined) out.push(weekPeriod(key, year, override.week, da, en));
    else if (override.from !== undefined && override.to !== undefined) {
      out.push({ key, from: override.from, to: override.to, nameDa: da, nameEn: en });
    }
  }
  for (const w of rules.extraWeeks) {
    if (w.year === year) out.push(weekPeriod('extra', w.year, w.week, w.nameDa ?? 'ekstra ferieuge', w.nameEn ?? 'extra holiday week'));
  }
  return out;
}

function rangePeriod(r: HolidayRules['extraRanges'][number]): SchoolHolidayPeriod {
  return { key: 'extra', from: r.from, to: r.to, nameDa: r.nameDa, nameEn: r.nameEn ?? r.nameDa };
}

const byStart = (a: SchoolHolidayPeriod, b: SchoolHolidayPeriod): number => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0);

/**
 * The school holiday periods that start in `year` (plus extra weeks of ISO week-year `year`),
 * after overrides, sorted by start date. Christmas `year` runs into January of `year + 1`.
 */
export function schoolHolidayPeriods(year: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): SchoolHolidayPeriod[] {
  const ranges = rules.extraRanges.filter((r) => yearOf(r.from) === year).map(rangePeriod);
  return [...generatedPeriods(year, rules), ...ranges].sort(byStart);
}

interface YearIndex {
  byDate: Map<IsoDate, SchoolHolidayPeriod>;
}

/** Fast lookups for one rule set; get one per operation with `holidayIndex(rules)`. */
export interface HolidayIndex {
  /** The school holiday period `date` falls in (ignoring `openDates`), or null. */
  schoolHolidayOn(date: IsoDate): SchoolHolidayPeriod | null;
  /** True if `openDates` explicitly makes `date` a school day. */
  isForcedOpen(date: IsoDate): boolean;
}

interface RulesEntry {
  rules: HolidayRules;
  years: Map<number, YearIndex>;
  open: Set<IsoDate>;
  index: HolidayIndex;
}

// Keyed by the rules' JSON so callers may build fresh (or even mutate) rule objects safely.
const indexCache = new Map<string, RulesEntry>();
const MAX_CACHED_RULESETS = 64;

function buildYear(year: number, rules: HolidayRules): YearIndex {
  const byDate = new Map<IsoDate, SchoolHolidayPeriod>();
  const lo = `${year}-01-01`;
  const hi = `${year}-12-31`;
  // Periods of neighbouring years can reach into this one (Christmas; extra week 1);
  // explicit ranges may span any number of years, so they are matched by overlap.
  const periods: SchoolHolidayPeriod[] = [];
  for (const y of [year - 1, year, year + 1]) {
    if (y >= 1900 && y <= 2999) periods.push(...generatedPeriods(y, rules));
  }
  periods.push(...rules.extraRanges.filter((r) => r.from <= hi && r.to >= lo).map(rangePeriod));
  for (const p of periods) {
    for (let d = p.from < lo ? lo : p.from; d <= p.to && d <= hi; d = addDays(d, 1)) {
      if (!byDate.has(d)) byDate.set(d, p); // on overlap the standard holiday's name wins
    }
  }
  return { byDate };
}

export function holidayIndex(rules: HolidayRules = DEFAULT_HOLIDAY_RULES): HolidayIndex {
  const key = JSON.stringify(rules);
  let entry = indexCache.get(key);
  if (!entry) {
    if (indexCache.size >= MAX_CACHED_RULESETS) indexCache.clear();
    // Snapshot the rules so later mutation of the caller's object cannot skew this entry.
    const snapshot = JSON.parse(key) as HolidayRules;
    const years = new Map<number, YearIndex>();
    const open = new Set(snapshot.openDates);
    const yearIdx = (date: IsoDate): YearIndex => {
      const y = yearOf(date);
      let idx = years.get(y);
      if (!idx) {
        idx = buildYear(y, snapshot);
        years.set(y, idx);
      }
      return idx;
    };
    const index: HolidayIndex = {
      schoolHolidayOn: (date) => yearIdx(date).byDate.get(date) ?? null,
      isForcedOpen: (date) => {
        yearOf(date); // validate
        return open.has(date);
      },
    };
    entry = { rules: snapshot, years, open, index };
    indexCache.set(key, entry);
  }
  return entry.index;
}

/** The school holiday period `date` falls in (ignoring `openDates`), or null. */
export function schoolHolidayOn(date: IsoDate, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): SchoolHolidayPeriod | null {
  return holidayIndex(rules).schoolHolidayOn(date);
}

/** True if `openDates` explicitly makes `date` a school day. */
export function isForcedOpen(date: IsoDate, rules: HolidayRules): boolean {
  return holidayIndex(rules).isForcedOpen(date);
}
