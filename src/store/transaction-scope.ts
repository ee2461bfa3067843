// Marks the async context of an open transaction's callback (see unit-of-work.ts), so the SQLite
// wrapper (sqlite-serial.ts) can refuse a query that bypasses the transaction instead of waiting for it.
import { AsyncLocalStorage } from 'node:async_hooks';

const inside = new AsyncLocalStorage<boolean>();

/** Runs `work` marked as inside a transaction's callback. */
export function runInsideTransaction<T>(work: () => T): T {
  return inside.run(true, work);
}

/** True while the calling code runs inside a transaction's callback. */
export function insideTransaction(): boolean {
  return inside.getStore() === true;
}

export class StatementOutsideTransactionError extends Error {
  constructor() {
    super('A query went to the database outside the open transaction (stores.transaction). Inside the callback, use only the ports of `tx`.');
    this.name = 'StatementOutsideTransactionError';
  }
}
