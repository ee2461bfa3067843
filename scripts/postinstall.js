// Runs after `npm install`: generates the Prisma client offline, compiles src/ (with that client) to
// dist/, then prepares the database. `npm run db:generate` runs only the first step (after a schema
// change); the `sparring` command rebuilds dist/ by itself when src/ is newer.
// Prisma's CLI wants to download a native schema engine before it does anything; `generate` does not
// need it, so we point PRISMA_SCHEMA_ENGINE_BINARY at any existing file (see docs/migrations.md).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from './build.js';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
for (const schema of ['prisma/sqlite/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  if (!existsSync(schema)) continue;
  execFileSync('npx', ['prisma', 'generate', '--schema', schema], { stdio: 'inherit', env });
}

// `npm install` also prepares the database (the embedded SQLite default unless DATABASE_URL says
// otherwise), so `npm start` and the CLI work right away. A database that cannot be reached here is
// not an install failure: the server applies pending migrations at start-up as well.
if (process.argv[2] !== 'generate') {
  try {
    build();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  try {
    execFileSync(process.execPath, ['bin/sparring.js', 'migrate'], { stdio: 'inherit', env });
  } catch {
    console.warn('Sparring: could not prepare the database now; it will be migrated when the server starts.');
  }
}
