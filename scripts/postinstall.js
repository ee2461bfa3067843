// Runs after `npm install`: generates the Prisma client offline.
// Prisma's CLI wants to download a native schema engine before it does anything; `generate` does not
// need it, so we point PRISMA_SCHEMA_ENGINE_BINARY at any existing file (see docs/migrations.md).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
for (const schema of ['prisma/sqlite/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  if (!existsSync(schema)) continue;
  execFileSync('npx', ['prisma', 'generate', '--schema', schema], { stdio: 'inherit', env });
}
