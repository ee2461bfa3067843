// Configuration: parsed once, every wrong value named with what it accepts.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs on embedded defaults: SQLite under ./data, port 3978, the local playground on loopback', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ provider: 'sqlite', url: 'file:./data/sparring.db' });
    expect(c.http).toMatchObject({ port: 3978, host: '127.0.0.1' });
    expect(c.platforms).toEqual(['local']);
    expect(c.timeZone).toBe('Europe/Copenhagen');
    expect(c.locale).toBe('da');
    expect(c.worker.enabled).toBe(true);
  });

  it('infers the platforms from the credentials that are set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).platforms).toEqual(['slack']);
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).platforms).toEqual(['teams']);
    const both = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' });
    expect(both.platforms).toEqual(['slack', 'teams']);
    expect(both.http.host).toBe('0.0.0.0');
  });

  it('names the variable and what it accepts', () => {
    expect(problems({ PORT: 'abc' })).toEqual(['PORT: must be a whole number from 0 to 65535 (got "abc")']);
    expect(problems({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL: must be a SQLite URL .* or a PostgreSQL URL/);
    expect(problems({ SPARRING_PLATFORMS: 'slack,fax' })[0]).toMatch(/^SPARRING_PLATFORMS: must be a comma-separated list of slack, teams, local/);
    expect(problems({ SPARRING_TIME_ZONE: 'Europe/Kobenhavn' })[0]).toMatch(/^SPARRING_TIME_ZONE: must be an IANA time zone/);
    expect(problems({ SPARRING_LOCALE: 'sv' })[0]).toMatch(/^SPARRING_LOCALE: .*'da' \| 'en'.*\(got "sv"\)/);
  });

  it('parses booleans explicitly instead of by truthiness', () => {
    expect(loadConfig({ SPARRING_WORKER: 'false' }).worker.enabled).toBe(false);
    expect(loadConfig({ SPARRING_WORKER: '0' }).worker.enabled).toBe(false);
    expect(loadConfig({ SPARRING_WORKER: 'yes' }).worker.enabled).toBe(true);
    expect(problems({ SPARRING_WORKER: 'nej' })).toEqual(['SPARRING_WORKER: must be true or false (got "nej")']);
  });

  it('keeps reflection texts 24 months after the school year unless SPARRING_RETENTION_MONTHS says otherwise', () => {
    expect(loadConfig({}).retentionMonths).toBe(24);
    expect(loadConfig({ SPARRING_RETENTION_MONTHS: '36' }).retentionMonths).toBe(36);
    expect(problems({ SPARRING_RETENTION_MONTHS: 'to år' })).toEqual(['SPARRING_RETENTION_MONTHS: must be a whole number of months from 1 to 120 (got "to år")']);
    expect(problems({ SPARRING_RETENTION_MONTHS: '0' })).toHaveLength(1);
  });

  it('reports every problem at once, including missing platform credentials', () => {
    const p = problems({ PORT: '-1', SPARRING_PLATFORMS: 'slack,teams', MicrosoftAppType: 'SingleTenant' });
    expect(p).toEqual(['PORT: must be a whole number from 0 to 65535 (got "-1")']);
    const q = problems({ SPARRING_PLATFORMS: 'slack,teams', MicrosoftAppType: 'SingleTenant' });
    expect(q).toContain('SLACK_BOT_TOKEN: required when Slack is enabled (SPARRING_PLATFORMS includes slack)');
    expect(q).toContain('SLACK_SIGNING_SECRET: required for Slack in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    expect(q).toContain('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  });

  it('refuses unauthenticated Teams and the playground in production', () => {
    const p = problems({ NODE_ENV: 'production', SPARRING_PLATFORMS: 'teams,local' });
    expect(p.some((x) => x.startsWith('MicrosoftAppId / MicrosoftAppPassword: required in production'))).toBe(true);
    expect(p.some((x) => x.startsWith('SPARRING_PLATFORMS: the local playground has no login'))).toBe(true);
  });

  it('accepts Socket Mode without a signing secret and a PostgreSQL URL', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DATABASE_URL: 'postgresql://u@db:5432/sparring' });
    expect(c.slack).toMatchObject({ appToken: 'xapp-1' });
    expect(c.database.provider).toBe('postgresql');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: '', DATABASE_URL: ' ' }).platforms).toEqual(['local']);
  });
});
