import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, codeOf, startApi, type TestServer } from './helpers.ts';

let server: TestServer;
let client: ReturnType<typeof browser>['client'];
beforeAll(async () => {
  server = await startApi();
  client = browser(server).client;
});
afterAll(() => server?.close());

type SearchInput = Parameters<typeof client.catalog.modules.query>[0];
type Module = Awaited<ReturnType<typeof client.catalog.modules.query>>['items'][number];

/** Every module a search yields, page by page, as the palette's infinite list loads them. */
async function allPages(input: SearchInput = {}): Promise<{ modules: Module[]; pages: number }> {
  const modules: Module[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<typeof client.catalog.modules.query>> = await client.catalog.modules.query({ ...input, cursor });
    modules.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { modules, pages };
}

/** Rows the db tests import meanwhile on a shared PostgreSQL: left out of every comparison with the table. */
const TEST_MAKER = 'Patchroom Test';
const bundled = (modules: Module[]) => modules.filter((m) => m.manufacturer !== TEST_MAKER);
const ids = (modules: Module[]) => modules.map((m) => m.id);
const notTest = { manufacturer: { not: TEST_MAKER } };

describe('catalog', () => {
  it('serves at least 150 modules and 10 cases from the seeded database', async () => {
    const modules = bundled((await allPages({ limit: 100 })).modules);
    expect(modules.length).toBeGreaterThanOrEqual(150);
    expect(await server.db.prisma.catalogModule.count({ where: notTest })).toBe(modules.length);
    expect((await client.catalog.cases.query()).length).toBeGreaterThanOrEqual(10);
  });

  it('pages through the whole catalog in maker/name order with no duplicates and no gaps', async () => {
    const stored = await server.db.prisma.catalogModule.findMany({
      where: notTest,
      orderBy: [{ manufacturer: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    const { modules, pages } = await allPages({ limit: 7 });
    expect(ids(bundled(modules))).toEqual(stored.map((row) => row.id));
    expect(new Set(ids(modules)).size).toBe(modules.length);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(stored.length / 7));

    const first = await client.catalog.modules.query({});
    expect(first.items).toHaveLength(50);
  });

  it('keeps its place when modules are added before the page a user is on', async () => {
    const first = await client.catalog.modules.query({ maker: 'Doepfer', limit: 5 });
    const id = `t${Math.random().toString(36).slice(2, 8)}-early`;
    // Sorts before every Doepfer module already listed: an offset-based page would now repeat one.
    await server.db.prisma.catalogModule.create({
      data: { id, manufacturer: 'Doepfer', name: 'A-000 Test', hp: 4, type: 'utility', archetype: 'mult', jacks: [], controls: [], source: 'test' },
    });
    try {
      const second = await client.catalog.modules.query({ maker: 'Doepfer', limit: 5, cursor: first.nextCursor });
      const all = await allPages({ maker: 'Doepfer', limit: 5 });
      const without = ids(all.modules).filter((m) => m !== id);
      expect(ids(second.items)).toEqual(without.slice(5, 10));
    } finally {
      await server.db.prisma.catalogModule.delete({ where: { id } });
    }
  });

  it('finds modules by free text in name, maker, description or tags; every word must match, in any case', async () => {
    const maths = await client.catalog.modules.query({ q: 'MATHS' });
    expect(ids(maths.items)).toContain('makenoise-maths');

    // "system-100" is only a tag of Behringer's System 100 modules, in no name or description.
    const system100 = (await allPages({ q: 'system-100' })).modules;
    expect(system100.length).toBeGreaterThanOrEqual(8);
    expect(system100.every((m) => m.manufacturer === 'Behringer' && m.tags.includes('system-100'))).toBe(true);

    const doepferVcos = (await allPages({ q: 'doepfer  vco' })).modules;
    expect(ids(doepferVcos)).toEqual(expect.arrayContaining(['doepfer-a-110-1', 'doepfer-a-111-4']));
    expect(doepferVcos.every((m) => m.manufacturer === 'Doepfer')).toBe(true);

    expect((await client.catalog.modules.query({ q: 'no such module anywhere' })).items).toEqual([]);
    expect((await client.catalog.modules.query({ q: '%' })).items).toEqual([]);
    expect((await client.catalog.modules.query({ q: '_' })).items).toEqual([]);
  });

  it('filters by maker, type and width, alone or together', async () => {
    const doepfer = (await allPages({ maker: 'doepfer' })).modules;
    expect(doepfer.length).toBe(await server.db.prisma.catalogModule.count({ where: { manufacturer: 'Doepfer' } }));
    expect(doepfer.every((m) => m.manufacturer === 'Doepfer')).toBe(true);

    const filters = (await allPages({ type: 'filter' })).modules;
    expect(filters.length).toBeGreaterThan(10);
    expect(filters.every((m) => m.type === 'filter')).toBe(true);

    const mid = bundled((await allPages({ hpMin: 4, hpMax: 8 })).modules);
    expect(mid.length).toBeGreaterThan(0);
    expect(mid.every((m) => m.hp >= 4 && m.hp <= 8)).toBe(true);
    expect(mid.length).toBe(await server.db.prisma.catalogModule.count({ where: { ...notTest, hp: { gte: 4, lte: 8 } } }));

    // The rack's largest free gap is 2HP: only 2HP modules fit.
    const fits = (await allPages({ maxHp: 2 })).modules;
    expect(fits.map((m) => m.hp).every((hp) => hp <= 2)).toBe(true);
    expect(ids(fits)).toEqual(expect.arrayContaining(['2hp-pluck', 'alm-hpo']));
    expect((await client.catalog.modules.query({ maxHp: 0 })).items).toEqual([]);

    const smallMiFilters = (await allPages({ maker: 'Mutable Instruments', type: 'filter', maxHp: 8 })).modules;
    expect(ids(smallMiFilters).sort()).toEqual(['mi-ripples-2020', 'mi-ripples-original']);

    const oneU = (await allPages({ heightU: 1 })).modules;
    expect(oneU.length).toBeGreaterThan(0);
    expect(oneU.every((m) => m.tags.includes('1u'))).toBe(true);
  });

  it('rejects an inverted width range and a tampered page cursor with a clear message', async () => {
    expect(await codeOf(client.catalog.modules.query({ hpMin: 10, hpMax: 4 }))).toBe('BAD_REQUEST');
    await expect(client.catalog.modules.query({ hpMin: 10, hpMax: 4 })).rejects.toThrow(/hpMin must not be greater than hpMax/);
    await expect(client.catalog.modules.query({ cursor: 'not-a-cursor' })).rejects.toThrow(/no longer valid; search again/);
  });

  it('lists the makers and types to filter by, each once, sorted', async () => {
    const makers = await client.catalog.makers.query();
    // Sorted as the database collates names, like the module list.
    const storedMakers = await server.db.prisma.catalogModule.findMany({
      where: notTest,
      distinct: ['manufacturer'],
      select: { manufacturer: true },
      orderBy: { manufacturer: 'asc' },
    });
    expect(makers.filter((maker) => maker !== TEST_MAKER)).toEqual(storedMakers.map((row) => row.manufacturer));
    expect(makers.length).toBeGreaterThanOrEqual(30);
    expect(makers).toContain('Mutable Instruments');

    const types = await client.catalog.types.query();
    expect(types).toEqual(expect.arrayContaining(['oscillator', 'filter', 'vca', 'envelope', 'lfo', 'mixer', 'sequencer', 'effect', 'output']));
    expect(new Set(types).size).toBe(types.length);
  });
});
