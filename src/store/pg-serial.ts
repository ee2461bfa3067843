// One statement at a time on a PostgreSQL transaction's connection. Prisma's query plans run the
// relation reads of an `include` side by side (Promise.all), and a write with an include (e.g.
// `slot.create({ include })`) runs inside an implicit transaction, whose statements share one pg
// client. pg queues such overlapping calls itself but deprecates that (pg@9 drops it: "Calling
// client.query() when the client is already executing a query"), so the queue lives here instead.
// Statements outside a transaction go to the pool, one connection each, and stay concurrent.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

const SERIAL = new Set(['queryRaw', 'executeRaw', 'commit', 'rollback', 'createSavepoint', 'rollbackToSavepoint', 'releaseSavepoint']);

function serialTransaction(tx: Transaction): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (typeof prop !== 'string' || !SERIAL.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const run = tail.then(() => value.apply(target, args));
        tail = run.catch(() => undefined);
        return run;
      };
    },
  });
}

function withSerialTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === 'startTransaction') {
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => serialTransaction(await target.startTransaction(...args));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Wraps a PostgreSQL adapter factory so each transaction runs its statements one after another. */
export function serialPgTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === 'connect') return async () => withSerialTransactions(await target.connect());
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
