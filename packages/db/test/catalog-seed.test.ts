import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCaseFromRow, catalogModuleFromRow } from '../src/catalog/from-row.ts';
import { CatalogDataError, parseCatalog, type Catalog, type CatalogModuleEntry } from '../src/catalog/schema.ts';
import { readCatalogFiles, seedCatalog } from '../src/catalog/seed.ts';
import type { Database } from '../src/connection.ts';
import { openTestDatabase } from '../src/testing.ts';

let db: Database;
let bundled: Catalog;

beforeAll(async () => {
  db = await openTestDatabase();
  bundled = parseCatalog(await readCatalogFiles());
});
afterAll(async () => {
  await db?.close();
});

function bundledModule(id: string): CatalogModuleEntry {
  const entry = bundled.modules.find((m) => m.id === id);
  if (!entry) throw new Error(`${id} is not in modules.json`);
  return entry;
}

describe('catalog seed', () => {
  it('is in a freshly opened database, and seeding again changes no counts', async () => {
    const counts = async () => ({ modules: await db.prisma.catalogModule.count(), cases: await db.prisma.catalogCase.count() });
    const before = await counts();
    expect(before.modules).toBeGreaterThanOrEqual(bundled.modules.length);
    expect(before.cases).toBeGreaterThanOrEqual(bundled.cases.length);

    expect(await seedCatalog(db.prisma, { onlyIfEmpty: true })).toEqual({ modules: 0, cases: 0 });
    expect(await seedCatalog(db.prisma)).toEqual({ modules: bundled.modules.length, cases: bundled.cases.length });
    expect(await seedCatalog(db.prisma)).toEqual({ modules: bundled.modules.length, cases: bundled.cases.length });
    expect(await counts()).toEqual(before);
  });

  it('stores a module with its width, rails and jacks as the catalog file gives them', async () => {
    const row = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id: 'doepfer-a-101-2' } });
    expect(row).toMatchObject({ hp: 8, powerP12: 20, powerM12: 20, powerP5: 0, depthMm: null, type: 'filter' });
    expect(row.source).toMatch(/mlang/);
    expect(row.tags).toContain('vactrol');

    const module = catalogModuleFromRow(row);
    expect(module.jacks).toContainEqual({ id: 'g1', name: 'G1', dir: 'in', signal: 'gate' });
    expect(module.jacks).toEqual(bundledModule('doepfer-a-101-2').jacks);
  });

  it('gives every module and case back to the engine as the files describe it (unknown power stays null)', async () => {
    const modules = new Map((await db.prisma.catalogModule.findMany()).map((row) => [row.id, catalogModuleFromRow(row)]));
    for (const entry of bundled.modules) {
      expect(modules.get(entry.id)).toEqual({
        id: entry.id,
        manufacturer: entry.manufacturer,
        name: entry.name,
        hp: entry.hp,
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

    const cases = new Map((await db.prisma.catalogCase.findMany()).map((row) => [row.id, catalogCaseFromRow(row)]));
    for (const entry of bundled.cases) {
      const { id, manufacturer, name, rows, power, depthMm } = entry;
      expect(cases.get(entry.id)).toEqual({ id, manufacturer, name, rows, power, depthMm });
    }
  });

  it('refreshes figures of a module already stored', async () => {
    const id = 'patchroom-test-refresh';
    const entry = { ...bundledModule('doepfer-a-101-2'), id, tags: undefined };
    try {
      await seedCatalog(db.prisma, { catalog: { modules: [entry], cases: [] } });
      expect(await db.prisma.catalogModule.findUniqueOrThrow({ where: { id } })).toMatchObject({ hp: 8, tags: [] });

      await seedCatalog(db.prisma, { catalog: { modules: [{ ...entry, hp: 10, power: null }], cases: [] } });
      const row = await db.prisma.catalogModule.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ hp: 10, powerP12: null, powerM12: null, powerP5: null });
    } finally {
      await db.prisma.catalogModule.deleteMany({ where: { id } });
    }
  });

  it('rejects a broken catalog naming each bad row and why, and writes none of it', async () => {
    const good = { ...bundledModule('doepfer-a-101-2'), id: 'patchroom-test-good' };
    const badSignal = {
      ...good,
      id: 'patchroom-test-bad-signal',
      jacks: [{ id: 'in', name: 'In', dir: 'in', signal: 'midi' }],
    };
    const { hp: _hp, ...noWidth } = { ...good, id: 'patchroom-test-no-width' };
    const catalog = { modules: [good, badSignal, noWidth], cases: [{ id: 'patchroom-test-case', rows: [] }] };

    const error = await seedCatalog(db.prisma, { catalog }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CatalogDataError);
    const problems = (error as CatalogDataError).problems;
    expect(problems).toEqual([
      expect.objectContaining({ file: 'modules.json', index: 1, id: 'patchroom-test-bad-signal', reason: expect.stringMatching(/^jacks\.0\.signal: .*"cv"/) }),
      expect.objectContaining({ file: 'modules.json', index: 2, id: 'patchroom-test-no-width', reason: expect.stringMatching(/^hp: /) }),
      expect.objectContaining({ file: 'cases.json', index: 0, id: 'patchroom-test-case' }),
    ]);
    expect((error as Error).message).toMatch(/modules\.json #1 patchroom-test-bad-signal: jacks\.0\.signal/);
    expect(await db.prisma.catalogModule.count({ where: { id: { startsWith: 'patchroom-test-' } } })).toBe(0);
  });

  it('rejects duplicate ids and defaults outside a control range', () => {
    const entry = bundledModule('doepfer-a-101-2');
    const knob = { id: 'lev', name: 'Lev.', kind: 'knob', min: 0, max: 1, default: 2 };
    expect(() => parseCatalog({ modules: [entry, entry, { ...entry, id: 'x', controls: [knob] }], cases: [] })).toThrow(
      /#1 doepfer-a-101-2: duplicate id[\s\S]*#2 x: controls\.0: default must lie between min and max/,
    );
  });
});
