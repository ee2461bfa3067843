// better-sqlite3 ships no types and @types/better-sqlite3 is not installed; the seeding script only
// needs prepare/run/exec/pragma/transaction.
declare module 'better-sqlite3';
