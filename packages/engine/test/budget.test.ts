import { describe, expect, it } from 'vitest';
import { rackBudget, type CatalogCase, type CatalogModule, type Placement } from '../src/index.ts';

const rackCase: CatalogCase = {
  id: 'case',
  manufacturer: 'Test',
  name: 'Skiff',
  rows: [{ hp: 40, heightU: 3 }],
  power: { p12: 500, m12: 300, p5: null },
  depthMm: 40,
};

function module(id: string, hp: number, power: CatalogModule['power'], depthMm: number | null = 25): CatalogModule {
  return { id, manufacturer: 'M', name: id, hp, heightU: 3, depthMm, power, type: 'x', archetype: 'x', description: '', tags: [], jacks: [], controls: [] };
}

const catalog = new Map([
  ['vco', module('vco', 10, { p12: 100, m12: 50, p5: 0 })],
  ['big', module('big', 26, { p12: 300, m12: 200, p5: 0 }, 60)],
  ['mystery', module('mystery', 4, null)],
]);
const lookup = (id: string) => catalog.get(id);

function placed(...items: [string, number][]): Placement[] {
  return items.map(([catalogId, hp], i) => ({ id: `p${i}`, catalogId, row: 0, hp }));
}

describe('rack budget', () => {
  it('adds up HP per row and current per rail', () => {
    const budget = rackBudget(rackCase, placed(['vco', 0], ['vco', 10]), lookup);
    expect(budget.rows).toEqual([{ row: 0, capacityHp: 40, usedHp: 20, freeHp: 20 }]);
    expect(budget.rails.map((r) => [r.rail, r.drawMa, r.status])).toEqual([
      ['p12', 200, 'ok'],
      ['m12', 100, 'ok'],
      ['p5', 0, 'ok'],
    ]);
    expect(budget.warnings).toEqual([]);
  });

  it('warns above 80 % of a rail and when a rail is over', () => {
    const near = rackBudget(rackCase, placed(['big', 0], ['vco', 26]), lookup);
    expect(near.rails.find((r) => r.rail === 'p12')).toMatchObject({ drawMa: 400, status: 'near' });
    expect(near.rails.find((r) => r.rail === 'm12')).toMatchObject({ drawMa: 250, status: 'near' });
    expect(near.warnings.map((w) => w.code)).toContain('POWER_NEAR');
    const over = rackBudget(rackCase, placed(['big', 0], ['vco', 26], ['vco', 30], ['vco', 30]), lookup);
    expect(over.rails.find((r) => r.rail === 'p12')).toMatchObject({ drawMa: 600, status: 'over' });
    expect(over.warnings.filter((w) => w.code === 'POWER_OVER').map((w) => w.message)).toEqual([
      '+12 V draws 600 mA of 500 mA available.',
      '−12 V draws 350 mA of 300 mA available.',
    ]);
  });

  it('flags overflowing rows, overlaps, modules too deep, and unknown power figures', () => {
    const budget = rackBudget(rackCase, placed(['big', 0], ['vco', 20], ['mystery', 36], ['vco', 30]), lookup);
    const codes = budget.warnings.map((w) => w.code);
    expect(codes).toContain('ROW_OVERFLOW');
    expect(codes).toContain('OVERLAP');
    expect(codes).toContain('TOO_DEEP');
    expect(budget.rails.find((r) => r.rail === 'p12')?.unknownModules).toEqual(['p2']);
  });

  it('warns when a module sits in a row of another height', () => {
    const twoRows: CatalogCase = { ...rackCase, rows: [{ hp: 40, heightU: 3 }, { hp: 40, heightU: 1 }] };
    const budget = rackBudget(twoRows, [{ id: 'p0', catalogId: 'vco', row: 1, hp: 0 }], lookup);
    expect(budget.warnings).toContainEqual({ code: 'WRONG_ROW_HEIGHT', message: 'vco is a 3U module in row 2, which is 1U.' });
    expect(rackBudget(twoRows, [{ id: 'p0', catalogId: 'vco', row: 0, hp: 0 }], lookup).warnings).toEqual([]);
  });
});
