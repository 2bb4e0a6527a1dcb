import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema, schemaPath } from '../scripts/schema-diff.ts';

describe('SQL migrations', () => {
  it('build exactly the schema in prisma/schema.prisma (else run `npm run db:migration -- <name>`)', async () => {
    expect(await diffMigrationsToSchema()).toBe('');
  });

  it('would need a new migration after a schema change', async () => {
    const schema = await readFile(schemaPath, 'utf8');
    const changed = schema.replace(/^model Rack \{\n/m, '$&  notes String?\n');
    expect(changed).not.toBe(schema);

    const sql = await diffMigrationsToSchema({ schemaText: changed });

    expect(sql).toMatch(/ALTER TABLE "racks" ADD COLUMN\s+"notes" TEXT;/);
  });

  it('refuse to create a migration without a usable name', () => {
    const script = fileURLToPath(new URL('../scripts/new-migration.ts', import.meta.url));
    for (const args of [[], ['Add Notes'], ['../escape']]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/usage: npm run db:migration -- <name>/);
    }
  });
});
