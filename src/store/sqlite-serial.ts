// One SQLite connection, shared fairly. Prisma's better-sqlite3 adapter runs every query on a single
// connection and only serialises transactions against each other: a query from another request that
// arrives while an interactive transaction is open runs *inside* it (and is rolled back with it).
// This wrapper makes every statement outside a transaction wait until the transaction has finished.
//
// It also yields to the event loop before each such statement. better-sqlite3 is synchronous and its
// promises resolve at once, so a handler's chain of queries would otherwise run as one long block of
// microtasks; yielding lets the HTTP server read and acknowledge waiting requests in between (Slack
// wants its ack within 3 s, and a chat bot should answer the next click while working on the last).
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { insideTransaction, StatementOutsideTransactionError } from './transaction-scope.js';

class Lock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function releasingTransaction(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const once = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === 'commit' || prop === 'rollback') {
        return async () => {
          try {
            await target[prop]();
          } finally {
            once();
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function serialised(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  const exclusive = async <T>(run: () => Promise<T>, yieldFirst: boolean): Promise<T> => {
    // Inside a transaction's callback only the transaction's own statements may run (see unit-of-work.ts).
    if (insideTransaction()) throw new StatementOutsideTransactionError();
    if (yieldFirst) await yieldToEventLoop();
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'queryRaw':
          return (query: Parameters<SqlDriverAdapter['queryRaw']>[0]) => exclusive(() => target.queryRaw(query), true);
        case 'executeRaw':
          return (query: Parameters<SqlDriverAdapter['executeRaw']>[0]) => exclusive(() => target.executeRaw(query), true);
        case 'executeScript':
          return (script: string) => exclusive(() => target.executeScript(script), false);
        case 'startTransaction':
          return async (isolationLevel?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => {
            if (insideTransaction()) throw new StatementOutsideTransactionError();
            const release = await lock.acquire();
            try {
              return releasingTransaction(await target.startTransaction(isolationLevel), release);
            } catch (err) {
              release();
              throw err;
            }
          };
        default: {
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

/** Wraps a SQLite adapter factory so every connection it makes is serialised as described above. */
export function serialisedSqlite(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === 'connect') return async () => serialised(await target.connect());
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
