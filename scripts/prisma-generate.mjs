// Generates the Prisma client into packages/db/src/generated. Prisma's CLI would first
// download a native schema engine (unreachable here); generation does not need it, so we
// point PRISMA_SCHEMA_ENGINE_BINARY at any existing executable to skip the download.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';

const schema = 'prisma/schema.prisma';
const marker = 'packages/db/src/generated/prisma/client.ts';
const force = process.argv.includes('--force');
if (!force && existsSync(marker) && statSync(marker).mtimeMs > statSync(schema).mtimeMs) process.exit(0);

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
