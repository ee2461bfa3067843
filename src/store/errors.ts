// Recognising database errors without leaking Prisma types out of src/store.
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

/** Why a database cannot be used at all (server, database or login), for a one-line answer. */
export type DatabaseUnavailable =
  | { kind: 'unreachable' }
  | { kind: 'timeout' }
  | { kind: 'missing'; database?: string }
  | { kind: 'denied'; detail: string };

/** Reads the driver adapter's error kind (PostgreSQL); undefined for every other error. */
export function databaseUnavailable(err: unknown): DatabaseUnavailable | undefined {
  const cause = typeof err === 'object' && err !== null ? (err as { cause?: { kind?: unknown; db?: unknown; originalMessage?: unknown } }).cause : undefined;
  switch (cause?.kind) {
    case 'DatabaseNotReachable':
      return { kind: 'unreachable' };
    case 'SocketTimeout':
      return { kind: 'timeout' };
    case 'DatabaseDoesNotExist':
      return typeof cause.db === 'string' ? { kind: 'missing', database: cause.db } : { kind: 'missing' };
    case 'DatabaseAccessDenied':
    case 'AuthenticationFailed':
      return { kind: 'denied', detail: typeof cause.originalMessage === 'string' ? cause.originalMessage : String(cause.kind) };
  }
  return undefined;
}
