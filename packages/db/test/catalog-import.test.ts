import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogModuleFromRow } from '../src/catalog/from-row.ts';
import { importCatalog } from '../src/catalog/import.ts';
import { CatalogDataError, CatalogFileError } from '../src/catalog/schema.ts';
import { fileCatalogSource } from '../src/catalog/sources.ts';
import type { Database } from '../src/connection.ts';
import { openDatabase } from '../src/open.ts';
import { openTestDatabase } from '../src/testing.ts';

let db: Database;
let dir: string;
/** Ids and file names of this run only: on a shared PostgreSQL other test files use the catalog meanwhile. */
const run = Math.random().toString(36).slice(2, 8);
const id = (name: string) => `t${run}-${name}`;
const script = fileURLToPath(new URL('../scripts/catalog-import.ts', import.meta.url));

beforeAll(async () => {
  db = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'patchroom-import-'));
});
afterAll(async () => {
  if (db) {
    await db.prisma.catalogModule.deleteMany({ where: { id: { startsWith: `t${run}-` } } });
    await db.prisma.catalogCase.deleteMany({ where: { id: { startsWith: `t${run}-` } } });
    await db.prisma.catalogImport.deleteMany({ where: { origin: { contains: run } } });
    await db.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, `${run}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** Test rows carry this maker: the api tests leave it out when they compare pages with the table. */
function moduleRow(name: string, overrides: Record<string, unknown> = {}) {
  return {
    id: id(name),
    manufacturer: 'Patchroom Test',
    name: `Test ${name}`,
    hp: 8,
    depthMm: 30,
    power: { p12: 40, m12: 20, p5: 0 },
    type: 'oscillator',
    archetype: 'vco',
    description: 'A test oscillator.',
    jacks: [
      { id: 'v_oct', name: 'V/Oct', dir: 'in', signal: 'pitch' },
      { id: 'out', name: 'Out', dir: 'out', signal: 'audio' },
    ],
    controls: [{ id: 'tune', name: 'Tune', kind: 'knob', min: -1, max: 1, default: 0 }],
    tags: ['vco'],
    ...overrides,
  };
}

const CSV_HEADER = 'id,manufacturer,name,hp,height_u,depth_mm,p12,m12,p5,type,archetype,description,jacks,controls,tags,source';

describe('catalog import from a JSON file', () => {
  it('inserts modules and cases, crediting rows without a source to the file, and logs the import', async () => {
    const path = file('rack-shop.json', JSON.stringify({
      modules: [moduleRow('json-vco'), moduleRow('json-lfo', { archetype: 'lfo', type: 'lfo', source: 'maker data sheet, rev 2' })],
      cases: [{ id: id('json-case'), manufacturer: 'Patchroom Test', name: 'Skiff', rows: [{ hp: 84, heightU: 3 }], power: { p12: 1000, m12: 500, p5: null }, depthMm: 40, source: 'maker page' }],
    }));

    const summary = await importCatalog(db.prisma, fileCatalogSource(path));

    expect(summary).toMatchObject({ modules: 2, cases: 1, inserted: 3, updated: 0, unchanged: 0, skipped: 0, problems: [] });
    const vco = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: id('json-vco') } });
    expect(vco).toMatchObject({ hp: 8, powerP12: 40, source: `${run}-rack-shop.json`, importedFrom: `${run}-rack-shop.json`, heightU: 3 });
    expect(vco.importedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(catalogModuleFromRow(vco).jacks).toEqual(moduleRow('json-vco').jacks);
    expect((await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: id('json-lfo') } })).source).toBe('maker data sheet, rev 2');
    expect(await db.prisma.catalogCase.findUniqueOrThrow({ where: { id: id('json-case') } })).toMatchObject({ rows: [{ hp: 84, heightU: 3 }], powerP12: 1000 });
    expect(await db.prisma.catalogImport.findFirstOrThrow({ where: { origin: `${run}-rack-shop.json` } })).toMatchObject({ inserted: 3, skipped: 0 });
  });

  it('updates changed rows by id and leaves unchanged ones (and their import time) alone', async () => {
    const first = file('upsert.json', JSON.stringify([moduleRow('up-a'), moduleRow('up-b')]));
    expect(await importCatalog(db.prisma, fileCatalogSource(first))).toMatchObject({ inserted: 2, updated: 0 });
    const before = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: id('up-b') } });

    const second = file('upsert.json', JSON.stringify([moduleRow('up-a', { hp: 10, tags: ['vco', 'analog'] }), moduleRow('up-b')]));
    expect(await importCatalog(db.prisma, fileCatalogSource(second))).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });

    expect(await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: id('up-a') } })).toMatchObject({ hp: 10, tags: ['vco', 'analog'] });
    expect((await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: id('up-b') } })).importedAt).toEqual(before.importedAt);
  });

  it('reports every bad row with its index and reason, and imports nothing from that file', async () => {
    const path = file('broken.json', JSON.stringify([
      moduleRow('ok'),
      moduleRow('bad-signal', { jacks: [{ id: 'in', name: 'In', dir: 'in', signal: 'midi' }] }),
      moduleRow('ok'),
      { ...moduleRow('no-hp'), hp: undefined },
    ]));

    const error = await importCatalog(db.prisma, fileCatalogSource(path)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CatalogDataError);
    expect((error as CatalogDataError).problems).toEqual([
      { at: '[1]', id: id('bad-signal'), reason: expect.stringMatching(/^jacks\.0\.signal: /) },
      { at: '[2]', id: id('ok'), reason: expect.stringMatching(/duplicate id/) },
      { at: '[3]', id: id('no-hp'), reason: expect.stringMatching(/^hp: /) },
    ]);
    expect((error as Error).message).toMatch(/broken\.json has 3 invalid rows/);
    expect(await db.prisma.catalogModule.findUnique({ where: { id: id('ok') } })).toBeNull();
  });

  it('refuses a file that is not JSON, naming the line', async () => {
    const path = file('typo.json', '[\n  { "id": "x" },\n  { oops }\n]');
    await expect(importCatalog(db.prisma, fileCatalogSource(path))).rejects.toThrow(/typo\.json: not valid JSON at line 3/);
    expect(() => fileCatalogSource(join(dir, 'modules.xlsx'))).toThrow(CatalogFileError);
  });
});

describe('catalog import from a CSV file', () => {
  it('reads compact and JSON jack cells, quoted commas, unknown power and 1U height', async () => {
    const path = file('modules.csv', [
      CSV_HEADER,
      `${id('csv-vco')},Patchroom Test,"VCO, mk2",10,,32,55,20,0,oscillator,vco,"A ""warm"" VCO",V/Oct:in:pitch|FM:in:cv|Saw:out:audio,Tune:knob:-1:1:0|Range:switch:0:2:1,vco|analog,panel photo`,
      `${id('csv-mult')},Patchroom Test,Mult 1U,6,1,,,,,utility,mult,,"[{""id"":""in"",""name"":""In"",""dir"":""in"",""signal"":""cv""}]",,,`,
    ].join('\n'));

    const summary = await importCatalog(db.prisma, fileCatalogSource(path));

    expect(summary).toMatchObject({ modules: 2, inserted: 2, skipped: 0 });
    const vco = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: id('csv-vco') } });
    expect(vco).toMatchObject({ name: 'VCO, mk2', description: 'A "warm" VCO', hp: 10, heightU: 3, depthMm: 32, powerP12: 55, powerM12: 20, powerP5: 0, source: 'panel photo', tags: ['vco', 'analog'] });
    expect(catalogModuleFromRow(vco).jacks).toEqual([
      { id: 'v_oct', name: 'V/Oct', dir: 'in', signal: 'pitch' },
      { id: 'fm', name: 'FM', dir: 'in', signal: 'cv' },
      { id: 'saw', name: 'Saw', dir: 'out', signal: 'audio' },
    ]);
    expect(catalogModuleFromRow(vco).controls).toContainEqual({ id: 'range', name: 'Range', kind: 'switch', min: 0, max: 2, default: 1 });
    const mult = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: id('csv-mult') } });
    expect(mult).toMatchObject({ heightU: 1, powerP12: null, powerM12: null, powerP5: null, depthMm: null, source: `${run}-modules.csv` });
  });

  it('names each bad row by its line (counting quoted line breaks) and writes nothing; --skip-invalid imports the rest', async () => {
    const path = file('mixed.csv', [
      CSV_HEADER,
      `${id('csv-good')},Patchroom Test,"Good,\nmultiline",8,,,,,,filter,vcf,,In:in:audio|Out:out:audio,,,`,
      `${id('csv-bad')},Patchroom Test,Bad,eight,,,,,,filter,vcf,,In:in:midi,,,`,
      `${id('csv-short')},Patchroom Test,Short,4,,,,,,filter,vcf,,In-in-audio,,,`,
      `${id('csv-knob')},Patchroom Test,Knob,4,,,,,,filter,vcf,,,Cutoff:knob:0:1:2,,`,
    ].join('\n'));

    const error = await importCatalog(db.prisma, fileCatalogSource(path)).catch((e: unknown) => e);
    expect((error as CatalogDataError).problems).toEqual([
      { at: 'line 4', id: id('csv-bad'), reason: expect.stringMatching(/^hp: .*; jacks\.0\.signal: /) },
      { at: 'line 5', id: id('csv-short'), reason: 'jacks: "In-in-audio" should be name:dir:signal (e.g. V/Oct:in:pitch)' },
      { at: 'line 6', id: id('csv-knob'), reason: 'controls.0: default must lie between min and max' },
    ]);
    expect(await db.prisma.catalogModule.findUnique({ where: { id: id('csv-good') } })).toBeNull();

    const summary = await importCatalog(db.prisma, fileCatalogSource(path), { skipInvalid: true });
    expect(summary).toMatchObject({ inserted: 1, skipped: 3 });
    expect((await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: id('csv-good') } })).name).toBe('Good,\nmultiline');
    expect(await db.prisma.catalogImport.findFirstOrThrow({ where: { origin: `${run}-mixed.csv` } })).toMatchObject({ inserted: 1, skipped: 3 });
  });

  it('refuses a header with an unknown or missing column before reading any row', async () => {
    const unknown = file('unknown.csv', `${CSV_HEADER},colour\n`);
    await expect(importCatalog(db.prisma, fileCatalogSource(unknown))).rejects.toThrow(/unknown column "colour"/);
    const missing = file('missing.csv', 'id,name,hp\n');
    await expect(importCatalog(db.prisma, fileCatalogSource(missing))).rejects.toThrow(/lacks required column\(s\) manufacturer, type, archetype, jacks/);
  });
});

describe('npm run catalog:import', () => {
  const cli = (args: string[], env: Record<string, string>): SpawnSyncReturns<string> => {
    const { DATABASE_URL: _url, ...base } = process.env;
    return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', env: { ...base, ...env }, timeout: 120_000 });
  };

  it('explains its usage, and lists bad rows without touching any database', () => {
    const usage = cli([], {});
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run catalog:import -- <file\.json\|file\.csv> \[--skip-invalid\]/);

    const path = file('cli-bad.csv', `${CSV_HEADER}\n${id('cli-bad')},M,Bad,0,,,,,,filter,vcf,,,,,\n`);
    const bad = cli([path], { PATCHROOM_DATA_DIR: join(dir, 'never-opened') });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`cli-bad\\.csv line 2 ${id('cli-bad')}: hp: `));
    expect(bad.stderr).toMatch(/Nothing imported: 1 invalid row .*--skip-invalid/);
  });

  it('says plainly when a running server holds the PGlite data folder, and imports once it is free', async () => {
    const dataDir = join(dir, 'data');
    const path = file('cli-good.json', JSON.stringify([moduleRow('cli-vco')]));
    const server = await openDatabase({ dataDir });
    try {
      const locked = cli([path], { PATCHROOM_DATA_DIR: dataDir });
      expect(locked.status).toBe(1);
      expect(locked.stderr).toMatch(/is locked by a running Patchroom process \(pid \d+\).*Stop the server/);
    } finally {
      await server.close();
    }

    const done = cli([path], { PATCHROOM_DATA_DIR: dataDir });
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/Imported .*cli-good\.json into PGlite in .*: 1 module; 1 inserted, 0 updated, 0 unchanged, 0 skipped/);

    const reopened = await openDatabase({ dataDir });
    try {
      expect(await reopened.prisma.catalogModule.findUnique({ where: { id: id('cli-vco') } })).not.toBeNull();
    } finally {
      await reopened.close();
    }
  }, 180_000);
});
