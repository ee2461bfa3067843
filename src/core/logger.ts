// Structured logging (pino). Handlers receive a logger; tests pass a silent one.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'sparring' } }, destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });
