// The one-line answer when DATABASE_URL leads nowhere (server down, database missing, login refused),
// instead of a stack trace. Names the setting and the server, never the password.
import type { Locale } from '../core/i18n/catalogue.js';
import type { DatabaseTarget } from '../store/client.js';
import { databaseUnavailable } from '../store/errors.js';
import { cliTexts } from './texts.js';

/** sysexits.h EX_UNAVAILABLE. */
export const EX_UNAVAILABLE = 69;

export function describeUnavailableDatabase(err: unknown, target: DatabaseTarget, locale: Locale): string | undefined {
  const problem = databaseUnavailable(err);
  if (!problem || target.provider !== 'postgresql') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(target.url);
  } catch {
    url = undefined;
  }
  const params = {
    setting: 'DATABASE_URL',
    server: url ? `${url.hostname}:${url.port || '5432'}` : '?',
    database: decodeURIComponent(url?.pathname.slice(1) ?? ''),
    user: decodeURIComponent(url?.username ?? ''),
  };
  switch (problem.kind) {
    case 'unreachable':
      return cliTexts.plain(locale, 'dbUnreachable', { ...params, reason: cliTexts.plain(locale, 'dbRefused') });
    case 'timeout':
      return cliTexts.plain(locale, 'dbUnreachable', { ...params, reason: cliTexts.plain(locale, 'dbTimeout') });
    case 'missing':
      return cliTexts.plain(locale, 'dbMissing', { ...params, database: problem.database ?? params.database });
    case 'denied':
      return cliTexts.plain(locale, 'dbDenied', { ...params, detail: problem.detail });
  }
}
