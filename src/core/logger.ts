// Structured logging (pino). Handlers receive a logger; tests pass a silent one.
import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Fields that can hold what people wrote or who they are — message texts, reflection answers,
 * request bodies (also on errors: body-parser's and the Web API's HTTP errors carry one), e-mail
 * addresses — are never logged, at any level. Log ids instead.
 */
export const REDACTED_FIELDS = ['email', 'text', 'body', 'answers', '*.email', '*.text', '*.body', '*.answers'];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'sparring' }, redact: REDACTED_FIELDS }, destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });
