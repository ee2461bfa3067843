// One unit of work: a Prisma interactive transaction, on SQLite and PostgreSQL alike. Repositories
// take a DbClient, so the same repository classes work on the client and inside a transaction.
//
// A query through the plain client while a transaction of the same request is open is a mistake:
// on SQLite (one connection, serialised — see sqlite-serial.ts) it would wait for the transaction,
// which waits for it. The transaction therefore marks its async context, and the SQLite wrapper
// refuses such a query at once with a message that says what to do instead.
import { sameProvider, type Db, type DbClient } from './client.js';
import { runInsideTransaction } from './transaction-scope.js';

export { StatementOutsideTransactionError } from './transaction-scope.js';

/**
 * Waiting for the single SQLite connection can take a while when many requests arrive at once (a
 * 100-click race queues 100 transactions); the work itself is a handful of statements.
 */
const OPTIONS = { maxWait: 15_000, timeout: 30_000 };

/** Runs `work` in a transaction of `db`; when `db` is a transaction already, joins it. */
export async function inTransaction<T>(db: DbClient, work: (tx: DbClient) => Promise<T>, options: { maxWait?: number; timeout?: number } = {}): Promise<T> {
  if (!('$transaction' in db)) return work(db);
  return (db as Db).$transaction(
    (tx) => {
      sameProvider(tx, db);
      return runInsideTransaction(() => work(tx));
    },
    { ...OPTIONS, ...options },
  );
}
