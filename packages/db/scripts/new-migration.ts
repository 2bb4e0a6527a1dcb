// `npm run db:migration -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql
// with the SQL that takes the committed migrations to prisma/schema.prisma, or says there is none.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diffMigrationsToSchema, migrationsDir } from './schema-diff.ts';

const NAME_PATTERN = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;
const USAGE = 'usage: npm run db:migration -- <name>   (lowercase letters, digits and underscores, e.g. add_rack_notes)';

async function main(argv: string[]): Promise<number> {
  const name = argv[0];
  if (argv.length !== 1 || name === undefined || !NAME_PATTERN.test(name) || name.length > 60) {
    console.error(name === undefined ? 'missing migration name' : `invalid migration name: ${argv.join(' ')}`);
    console.error(USAGE);
    return 2;
  }

  const sql = await diffMigrationsToSchema();
  if (sql === '') {
    console.log('no schema changes: prisma/migrations already matches prisma/schema.prisma');
    return 0;
  }

  const folder = `${utcTimestamp(new Date())}_${name}`;
  const latest = (await existingFolders()).at(-1);
  if (latest !== undefined && latest >= folder) {
    console.error(`migration ${folder} would not sort after the latest one (${latest}); check the clock and retry`);
    return 1;
  }
  const file = path.join(migrationsDir, folder, 'migration.sql');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, header(folder) + sql);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  return 0;
}

function header(folder: string): string {
  return [
    `-- Migration ${folder}`,
    '-- Generated from prisma/schema.prisma by `npm run db:migration`. Migrations are applied in',
    '-- folder-name order and recorded in patchroom_migrations: never edit one that has been committed.',
    '',
    '',
  ].join('\n');
}

/** YYYYMMDDHHMMSS in UTC, so folder names sort in creation order on every machine. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

async function existingFolders(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`could not create the migration: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
