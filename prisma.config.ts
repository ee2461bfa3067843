// Prisma CLI configuration, for machines that can download Prisma's native schema engine: there the
// ordinary `prisma migrate deploy|status|dev` work on the same folders our own tooling writes
// (docs/migrations.md). Offline, only `prisma generate` runs (scripts/postinstall.js); migrations are
// created with `npm run db:migrate:create` and applied by the app itself.
//
// DATABASE_URL picks the provider, as in src/config: file:… = SQLite (the default), postgres… = PostgreSQL.
import { existsSync } from 'node:fs';
import { defineConfig } from 'prisma/config';

// Prisma 7 no longer reads .env itself; the app does (src/cli/main.ts), so do the same here.
if (existsSync('.env')) process.loadEnvFile('.env');

const url = process.env.DATABASE_URL?.trim() || 'file:./data/sparring.db';
const provider = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});
