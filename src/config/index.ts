// Configuration: read once from the environment, validated with zod, then passed around as a typed
// object. Nothing else in the code reads process.env. A wrong value stops start-up with a message
// that names the variable and says what it accepts.
import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { formatQuestionProblems, parseQuestionsYaml } from '../flows/reflection/questions/file.js';
import type { QuestionSets } from '../flows/reflection/questions/sets.js';

export const PLATFORMS = ['slack', 'teams', 'local'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Explicit boolean parsing: "true/false/1/0/yes/no/on/off" — never JavaScript truthiness. */
const envBoolean = (defaultValue: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return defaultValue;
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be true or false (got "${raw}")` });
      return z.NEVER;
    });

/** Empty strings count as "not set" — .env files and CI often export VAR= */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const port = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return 3978;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number from 0 to 65535 (got "${raw}")` });
      return z.NEVER;
    }
    return n;
  });

const databaseUrl = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const v = raw === undefined || raw.trim() === '' ? 'file:./data/sparring.db' : raw.trim();
    if (v.startsWith('file:')) return { provider: 'sqlite' as const, url: v };
    if (/^postgres(ql)?:\/\//.test(v)) return { provider: 'postgresql' as const, url: v };
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be a SQLite URL like "file:./data/sparring.db" or a PostgreSQL URL like "postgresql://user@host:5432/db" (got "${v}")`,
    });
    return z.NEVER;
  });

const platformsList = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const items = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const bad = items.filter((i) => !(PLATFORMS as readonly string[]).includes(i));
    if (bad.length > 0 || items.length === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be a comma-separated list of ${PLATFORMS.join(', ')} (got "${raw}")`,
      });
      return z.NEVER;
    }
    return [...new Set(items)] as Platform[];
  });

const url = (example: string) =>
  optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: `must be an http(s) URL such as ${example}`,
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: databaseUrl,
  HOST: optionalString,
  PORT: port,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SPARRING_PLATFORMS: platformsList,
  SPARRING_TIME_ZONE: optionalString
    .transform((v) => v ?? 'Europe/Copenhagen')
    .refine((v) => IANAZone.isValidZone(v), { message: 'must be an IANA time zone such as Europe/Copenhagen' }),
  SPARRING_LOCALE: z.enum(['da', 'en']).default('da'),
  SPARRING_MUNICIPALITY: optionalString.transform((v) => v ?? 'kommune'),
  SPARRING_WORKER: envBoolean(true),
  SPARRING_PUBLIC_URL: url('https://sparring.kommune.dk'),
  SPARRING_REFLECTION_EXPIRY_DAYS: optionalString
    .transform((v) => (v === undefined ? 14 : Number(v)))
    .refine((v) => Number.isInteger(v) && v >= 1 && v <= 365, { message: 'must be a whole number of days from 1 to 365 (default 14)' }),
  SPARRING_QUESTIONS_FILE: optionalString,
  SPARRING_RETENTION_MONTHS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return 24;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 120) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number of months from 1 to 120 (got "${raw}")` });
        return z.NEVER;
      }
      return n;
    }),
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must be a Slack bot token starting with "xoxb-"',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be a Slack app-level token starting with "xapp-" (only for Socket Mode)',
  }),
  SLACK_API_URL: url('https://slack.com/api/'),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  // botbuilder's own names: where the keys that sign Teams' tokens are published, and their issuer.
  ToBotFromChannelOpenIdMetadataUrl: url('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  ToBotFromChannelTokenIssuer: optionalString,
});

type Raw = z.infer<typeof schema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  database: { provider: 'sqlite' | 'postgresql'; url: string };
  http: { host: string; port: number; publicUrl?: string };
  logLevel: Raw['LOG_LEVEL'];
  platforms: Platform[];
  timeZone: string;
  locale: 'da' | 'en';
  defaultMunicipality: string;
  /** Reflection texts are deleted this many months after the school year of the visit ends (31 July). */
  retentionMonths: number;
  worker: { enabled: boolean };
  /** Reflection prompts: expiry, and the municipality's own questions (read and checked at start). */
  reflection: { expiryDays: number; questionsFile?: string; questions?: QuestionSets };
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  teams?: {
    appId?: string;
    appPassword?: string;
    appType: Raw['MicrosoftAppType'];
    tenantId?: string;
    /** Unset: Microsoft's (botbuilder's public-cloud defaults). */
    openIdMetadataUrl?: string;
    tokenIssuer?: string;
  };
}

/** An address only this machine can reach: 127.x.x.x, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Sparring cannot start: the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}.\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet the variables in the environment or in .env (see .env.example and the README).',
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a Config, or throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '?');
        const got = i.code === 'invalid_enum_value' ? ` (got "${env[name]}")` : '';
        return `${name}: ${i.message}${got}`;
      }),
    );
  }
  const r = parsed.data;
  const problems: string[] = [];

  const hasSlack = r.SLACK_BOT_TOKEN !== undefined;
  const hasTeams = r.MicrosoftAppId !== undefined;
  const platforms: Platform[] =
    r.SPARRING_PLATFORMS ??
    (hasSlack || hasTeams ? [...(hasSlack ? ['slack' as const] : []), ...(hasTeams ? ['teams' as const] : [])] : ['local']);

  let slack: Config['slack'];
  if (platforms.includes('slack')) {
    if (!r.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required when Slack is enabled (SPARRING_PLATFORMS includes slack)');
    if (!r.SLACK_APP_TOKEN && !r.SLACK_SIGNING_SECRET)
      problems.push('SLACK_SIGNING_SECRET: required for Slack in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    if (r.SLACK_BOT_TOKEN)
      slack = {
        botToken: r.SLACK_BOT_TOKEN,
        signingSecret: r.SLACK_SIGNING_SECRET,
        appToken: r.SLACK_APP_TOKEN,
        apiUrl: r.SLACK_API_URL,
      };
  }

  let teams: Config['teams'];
  if (platforms.includes('teams')) {
    if (r.NODE_ENV === 'production' && (!r.MicrosoftAppId || !r.MicrosoftAppPassword))
      problems.push(
        'MicrosoftAppId / MicrosoftAppPassword: required in production — without them Teams requests are not authenticated',
      );
    if (r.MicrosoftAppId && !r.MicrosoftAppPassword && r.MicrosoftAppType !== 'UserAssignedMSI')
      problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
    if (r.MicrosoftAppType === 'SingleTenant' && !r.MicrosoftAppTenantId)
      problems.push('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
    if (r.NODE_ENV === 'production' && r.ToBotFromChannelOpenIdMetadataUrl?.startsWith('http://'))
      problems.push('ToBotFromChannelOpenIdMetadataUrl: must be an https URL in production (the keys that sign Teams requests come from there)');
    teams = {
      appId: r.MicrosoftAppId,
      appPassword: r.MicrosoftAppPassword,
      appType: r.MicrosoftAppType,
      tenantId: r.MicrosoftAppTenantId,
      openIdMetadataUrl: r.ToBotFromChannelOpenIdMetadataUrl,
      tokenIssuer: r.ToBotFromChannelTokenIssuer,
    };
  }

  if (platforms.includes('local') && r.NODE_ENV === 'production')
    problems.push('SPARRING_PLATFORMS: the local playground has no login and cannot run with NODE_ENV=production');
  if (platforms.includes('local') && r.HOST !== undefined && !isLoopbackHost(r.HOST))
    problems.push(
      `HOST: the local playground has no login and only listens on this machine (127.0.0.1, ::1 or localhost), not on "${r.HOST}" — unset HOST, or leave local out of SPARRING_PLATFORMS`,
    );

  let questions: QuestionSets | undefined;
  if (r.SPARRING_QUESTIONS_FILE) {
    const file = r.SPARRING_QUESTIONS_FILE;
    let source: string | undefined;
    try {
      source = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`SPARRING_QUESTIONS_FILE: cannot read "${file}" (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (source !== undefined) {
      const parsed = parseQuestionsYaml(source);
      if (parsed.ok) questions = parsed.sets;
      else problems.push(...formatQuestionProblems(parsed.problems, file, 'en').map((p) => `SPARRING_QUESTIONS_FILE: ${p}`));
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: r.NODE_ENV,
    database: r.DATABASE_URL,
    // The playground has no login: with it the server listens on loopback only.
    http: { host: r.HOST ?? (platforms.includes('local') ? '127.0.0.1' : '0.0.0.0'), port: r.PORT, publicUrl: r.SPARRING_PUBLIC_URL },
    logLevel: r.LOG_LEVEL,
    platforms,
    timeZone: r.SPARRING_TIME_ZONE,
    locale: r.SPARRING_LOCALE,
    defaultMunicipality: r.SPARRING_MUNICIPALITY,
    retentionMonths: r.SPARRING_RETENTION_MONTHS,
    worker: { enabled: r.SPARRING_WORKER },
    reflection: { expiryDays: r.SPARRING_REFLECTION_EXPIRY_DAYS, ...(r.SPARRING_QUESTIONS_FILE ? { questionsFile: r.SPARRING_QUESTIONS_FILE } : {}), ...(questions ? { questions } : {}) },
    slack,
    teams,
  };
}
