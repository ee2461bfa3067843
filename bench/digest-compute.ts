// Child process of bench/digest.ts: opens the seeded SQLite file as the server would, computes every
// school's weekly digest figures one school after another (what the Monday jobs do), and prints one
// JSON line: time, SQL statements and peak RSS of this process only (the seeding ran elsewhere).
import { DigestRepository } from '../src/store/digest-repository.js';
import { createDriverAdapterFactory, tuneConnection, type Db, type DatabaseTarget } from '../src/store/client.js';
import { PrismaClient } from '../src/store/generated/sqlite/client.js';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { digestFigures } from '../src/flows/digest/figures.js';
import { DEFAULT_CALENDAR_SETTINGS } from '../src/domain/calendar/index.js';

const [file, nowIso, weekArg] = process.argv.slice(2) as [string, string, string];
const target: DatabaseTarget = { provider: 'sqlite', url: `file:${file}` };
let statements = 0;

/** Counts every SQL statement the Prisma client sends through the driver adapter. */
function counting(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(t, prop, receiver) {
        if (prop === 'queryRaw' || prop === 'executeRaw') {
          return (q: Parameters<SqlDriverAdapter['queryRaw']>[0]) => {
            statements += 1;
            return (t[prop] as (q: unknown) => unknown).call(t, q);
          };
        }
        const v = Reflect.get(t, prop, receiver);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
  return new Proxy(factory, {
    get(t, prop, receiver) {
      if (prop === 'connect') return async () => wrap(await t.connect());
      const v = Reflect.get(t, prop, receiver);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

const db = new PrismaClient({ adapter: counting(await createDriverAdapterFactory(target)) }) as unknown as Db;
await tuneConnection(db, target);
const repo = new DigestRepository(db);
/** Time spent per store method (printed with BENCH_DETAIL=1). */
const perMethod = new Map<string, number>();
const store = new Proxy(repo, {
  get(t, prop, receiver) {
    const v = Reflect.get(t, prop, receiver);
    if (typeof v !== 'function') return v;
    return async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await v.apply(t, args);
      } finally {
        perMethod.set(String(prop), (perMethod.get(String(prop)) ?? 0) + performance.now() - t0);
      }
    };
  },
});
const now = new Date(nowIso);
const [isoYear, isoWeek] = weekArg.split('-W').map(Number) as [number, number];
const schools = await store.schools();
const calendar = DEFAULT_CALENDAR_SETTINGS;
statements = 0;
const t0 = performance.now();
let figuresSeen = 0;
const sample: Awaited<ReturnType<typeof digestFigures>>[] = [];
for (const school of schools) {
  const f = await digestFigures(store, calendar, school, { isoYear, isoWeek }, now, ['slack']);
  figuresSeen += f.courses.length;
  if (sample.length < 20) sample.push(f);
}
const ms = performance.now() - t0;
const rssFiguresMb = process.resourceUsage().maxRSS / 1024;
// The chart is drawn once per school and locale when the digest is sent: time a sample of them.
const { renderTrendChart } = await import('../src/flows/digest/chart.js');
await renderTrendChart('da', sample[0]!); // loading vega and resvg is a one-off
const c0 = performance.now();
for (const f of sample) await renderTrendChart('da', f);
const chartMs = (performance.now() - c0) / sample.length;
if (process.env.BENCH_DETAIL) console.error(Object.fromEntries([...perMethod].map(([k, v]) => [k, Math.round(v)])));
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
console.log(JSON.stringify({ schools: schools.length, ms, statements, courses: figuresSeen, rssMb: rssFiguresMb, rssWithChartsMb: process.resourceUsage().maxRSS / 1024, heapMb, chartMs }));
await db.$disconnect();
