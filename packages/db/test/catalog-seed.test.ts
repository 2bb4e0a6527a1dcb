import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCaseFromRow, catalogModuleFromRow } from '../src/catalog/from-row.ts';
import { checkCatalog } from '../src/catalog/import.ts';
import { CatalogDataError, type CatalogModuleEntry, type CheckedRow } from '../src/catalog/schema.ts';
import { seedCatalog, syncBundledCatalog } from '../src/catalog/seed.ts';
import { bundledCatalogSource } from '../src/catalog/sources.ts';
import type { Database } from '../src/connection.ts';
import { openDatabase } from '../src/open.ts';
import { openTestDatabase } from '../src/testing.ts';

let db: Database;
let bundled: { modules: CatalogModuleEntry[]; cases: Extract<CheckedRow, { kind: 'case' }>['entry'][] };
/** Each run's own ids and import origin: on a shared PostgreSQL other test files read the real catalog meanwhile. */
const run = Math.random().toString(36).slice(2, 8);
const testId = (name: string) => `t${run}-${name}`;
const testOrigin = `test bundle ${run}`;
/** The api tests leave this maker out when they compare pages with the table. */
const TEST_MAKER = 'Patchroom Test';

beforeAll(async () => {
  db = await openTestDatabase();
  const checked = await checkCatalog(bundledCatalogSource());
  expect(checked.problems).toEqual([]);
  bundled = {
    modules: checked.rows.flatMap((row) => (row.kind === 'module' ? [row.entry] : [])),
    cases: checked.rows.flatMap((row) => (row.kind === 'case' ? [row.entry] : [])),
  };
});
afterAll(async () => {
  if (!db) return;
  await db.prisma.catalogModule.deleteMany({ where: { id: { startsWith: `t${run}-` } } });
  await db.prisma.catalogImport.deleteMany({ where: { origin: testOrigin } });
  await db.close();
});

function bundledModule(id: string): CatalogModuleEntry {
  const entry = bundled.modules.find((m) => m.id === id);
  if (!entry) throw new Error(`${id} is not in modules.json`);
  return entry;
}

describe('bundled catalog', () => {
  it('holds at least 150 real modules and 10 cases, every one with a source', () => {
    expect(bundled.modules.length).toBeGreaterThanOrEqual(150);
    expect(bundled.cases.length).toBeGreaterThanOrEqual(10);
    expect(bundled.modules.filter((m) => m.source.trim() === '')).toEqual([]);
  });

  it('gives a generated patch material: sound sources, shapers, modulators, rhythm and outputs', () => {
    const archetypes = new Set(bundled.modules.map((m) => m.archetype));
    for (const archetype of ['vco', 'vcf', 'vca', 'adsr', 'lfo', 'mixer', 'noise', 'sh', 'slew', 'clock', 'divider', 'delay', 'reverb', 'drum', 'seq', 'output']) {
      expect(archetypes, archetype).toContain(archetype);
    }
  });

  it('tags 1U modules as such and every module with what it does', () => {
    for (const module of bundled.modules) {
      expect(module.tags ?? [], module.id).not.toHaveLength(0);
      expect(module.tags?.includes('1u'), module.id).toBe(module.heightU === 1);
    }
  });
});

describe('catalog seed', () => {
  it('is in a freshly opened database with every bundled row; syncing again writes nothing, seeding again changes no row', async () => {
    expect(await db.prisma.catalogModule.count()).toBeGreaterThanOrEqual(150);
    expect(await db.prisma.catalogCase.count()).toBeGreaterThanOrEqual(10);
    const storedIds = new Set((await db.prisma.catalogModule.findMany({ select: { id: true } })).map((row) => row.id));
    expect(bundled.modules.filter((m) => !storedIds.has(m.id))).toEqual([]);

    expect(await syncBundledCatalog(db.prisma)).toMatchObject({ alreadyCurrent: true, inserted: 0, updated: 0 });
    const again = await seedCatalog(db.prisma);
    expect(again).toMatchObject({ modules: bundled.modules.length, cases: bundled.cases.length, inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(bundled.modules.length + bundled.cases.length);
  });

  it('stores a module with its width, rails, jacks and where it came from', async () => {
    const row = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: 'doepfer-a-101-2' } });
    expect(row).toMatchObject({ hp: 8, heightU: 3, powerP12: 20, powerM12: 20, powerP5: 0, depthMm: null, type: 'filter' });
    expect(row.source).toMatch(/mlang/);
    expect(row.importedFrom).toBe('bundled catalog');
    expect(row.tags).toContain('vactrol');

    const module = catalogModuleFromRow(row);
    expect(module.jacks).toContainEqual({ id: 'g1', name: 'G1', dir: 'in', signal: 'gate' });
    expect(module.jacks).toEqual(bundledModule('doepfer-a-101-2').jacks);

    const oneU = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: 'intellijel-midi-1u' } });
    expect(oneU.heightU).toBe(1);
  });

  it('gives every module and case back to the engine as the files describe it (unknown power stays null)', async () => {
    const modules = new Map((await db.prisma.catalogModule.findMany()).map((row) => [row.id, catalogModuleFromRow(row)]));
    for (const entry of bundled.modules) {
      expect(modules.get(entry.id)).toEqual({
        id: entry.id,
        manufacturer: entry.manufacturer,
        name: entry.name,
        hp: entry.hp,
        heightU: entry.heightU ?? 3,
        depthMm: entry.depthMm,
        power: entry.power,
        type: entry.type,
        archetype: entry.archetype,
        description: entry.description,
        tags: entry.tags ?? [],
        jacks: entry.jacks,
        controls: entry.controls,
      });
    }
    expect(modules.get('befaco-slew')?.power).toBeNull();
    expect(modules.get('intellijel-midi-1u')?.power).toEqual({ p12: 34, m12: 2, p5: null });
    expect(modules.get('intellijel-midi-1u')?.heightU).toBe(1);

    const cases = new Map((await db.prisma.catalogCase.findMany()).map((row) => [row.id, catalogCaseFromRow(row)]));
    for (const entry of bundled.cases) {
      const { id, manufacturer, name, rows, power, depthMm } = entry;
      expect(cases.get(entry.id)).toEqual({ id, manufacturer, name, rows, power, depthMm });
    }
  });

  it('picks up a changed bundled catalog: new rows inserted, changed figures updated, the rest untouched', async () => {
    const vcf = { ...bundledModule('doepfer-a-101-2'), id: testId('vcf'), manufacturer: TEST_MAKER, tags: undefined };
    const vca = { ...bundledModule('doepfer-a-130'), id: testId('vca'), manufacturer: TEST_MAKER };
    const sync = (modules: unknown[]) => syncBundledCatalog(db.prisma, { catalog: { modules, cases: [] }, origin: testOrigin });

    expect(await sync([vcf])).toMatchObject({ alreadyCurrent: false, inserted: 1, updated: 0 });
    const first = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: vcf.id } });
    expect(first).toMatchObject({ hp: 8, tags: [], importedFrom: testOrigin });
    const logged = await db.prisma.catalogImport.count({ where: { origin: testOrigin } });

    // Unchanged files: one query, no write, no log row.
    expect(await sync([vcf])).toMatchObject({ alreadyCurrent: true, inserted: 0 });
    expect(await db.prisma.catalogImport.count({ where: { origin: testOrigin } })).toBe(logged);

    expect(await sync([{ ...vcf, hp: 10, power: null }, vca])).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    const changed = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: vcf.id } });
    expect(changed).toMatchObject({ hp: 10, powerP12: null, powerM12: null, powerP5: null });
    expect(changed.importedAt.getTime()).toBeGreaterThanOrEqual(first.importedAt.getTime());

    const vcaBefore = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: vca.id } });
    expect(await sync([{ ...vcf, hp: 10, power: null, notes: 'panel re-measured' }, vca])).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: vca.id } })).importedAt).toEqual(vcaBefore.importedAt);
    expect((await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: vcf.id } })).notes).toBe('panel re-measured');
  });

  it('rejects a broken catalog naming each bad row and why, and writes none of it', async () => {
    const good = { ...bundledModule('doepfer-a-101-2'), id: testId('good'), manufacturer: TEST_MAKER };
    const badSignal = { ...good, id: testId('bad-signal'), jacks: [{ id: 'in', name: 'In', dir: 'in', signal: 'midi' }] };
    const { hp: _hp, ...noWidth } = { ...good, id: testId('no-width') };
    const catalog = { modules: [good, badSignal, noWidth], cases: [{ id: testId('case'), rows: [] }] };

    const error = await seedCatalog(db.prisma, { catalog, origin: testOrigin }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CatalogDataError);
    expect((error as CatalogDataError).problems).toEqual([
      { at: 'modules.json[1]', id: badSignal.id, reason: expect.stringMatching(/^jacks\.0\.signal: .*"cv"/) },
      { at: 'modules.json[2]', id: noWidth.id, reason: expect.stringMatching(/^hp: /) },
      { at: 'cases.json[0]', id: testId('case'), reason: expect.stringMatching(/manufacturer/) },
    ]);
    expect((error as Error).message).toMatch(new RegExp(`modules\\.json\\[1\\] ${badSignal.id}: jacks\\.0\\.signal`));
    expect(await db.prisma.catalogModule.count({ where: { id: { in: [good.id, badSignal.id, noWidth.id] } } })).toBe(0);
  });

  it('rejects duplicate ids and defaults outside a control range', async () => {
    const entry = bundledModule('doepfer-a-101-2');
    const knob = { id: 'lev', name: 'Lev.', kind: 'knob', min: 0, max: 1, default: 2 };
    const checked = await checkCatalog(bundledCatalogSource({ modules: [entry, entry, { ...entry, id: 'x', controls: [knob] }], cases: [] }));
    expect(checked.problems).toEqual([
      { at: 'modules.json[1]', id: 'doepfer-a-101-2', reason: expect.stringMatching(/duplicate id/) },
      { at: 'modules.json[2]', id: 'x', reason: 'controls.0: default must lie between min and max' },
    ]);
  });
});

describe('start-up', () => {
  it('restores the bundled rows a database from an older catalog lacks, and skips the work once current', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'patchroom-catalog-'));
    try {
      const first = await openDatabase({ dataDir });
      const id = bundled.modules.at(-1)!.id;
      // An older bundle: one module missing, another with other figures, its checksum not the current one.
      await first.prisma.catalogModule.delete({ where: { id } });
      await first.prisma.catalogModule.update({ where: { id: 'doepfer-a-101-2' }, data: { hp: 99 } });
      await first.prisma.catalogImport.updateMany({ data: { checksum: 'an older bundle' } });
      await first.close();

      const second = await openDatabase({ dataDir });
      expect(await second.prisma.catalogModule.findUnique({ where: { id } })).not.toBeNull();
      expect((await second.prisma.catalogModule.findUniqueOrThrow({ where: { id: 'doepfer-a-101-2' } })).hp).toBe(8);
      const latest = await second.prisma.catalogImport.findFirstOrThrow({ orderBy: { id: 'desc' } });
      expect(latest).toMatchObject({ origin: 'bundled catalog', inserted: 1, updated: 1 });
      const imports = await second.prisma.catalogImport.count();
      await second.close();

      const third = await openDatabase({ dataDir });
      expect(await third.prisma.catalogImport.count()).toBe(imports);
      await third.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
