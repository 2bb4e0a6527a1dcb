import type { CatalogCase, CatalogModule, RailCurrents } from './catalog-types.ts';

/** What engine needs of a placed module: which catalog entry, and where it sits. */
export interface Placement {
  id: string;
  catalogId: string;
  row: number;
  hp: number;
}

export type Rail = 'p12' | 'm12' | 'p5';
export const RAILS: readonly Rail[] = ['p12', 'm12', 'p5'];
export const RAIL_LABELS: Record<Rail, string> = { p12: '+12 V', m12: '−12 V', p5: '+5 V' };
/** From this share of a rail's capacity the budget warns before it is over. */
export const POWER_HEADROOM_SHARE = 0.8;

export interface RowFit {
  row: number;
  capacityHp: number;
  usedHp: number;
  freeHp: number;
}

export interface RailBudget {
  rail: Rail;
  drawMa: number;
  capacityMa: number | null;
  /** Modules on the rack whose figure for this rail is unknown. */
  unknownModules: string[];
  status: 'ok' | 'near' | 'over' | 'unknown';
}

export interface RackWarning {
  code: 'ROW_OVERFLOW' | 'OVERLAP' | 'POWER_OVER' | 'POWER_NEAR' | 'UNKNOWN_MODULE' | 'TOO_DEEP' | 'WRONG_ROW_HEIGHT';
  message: string;
}

export interface RackBudget {
  rows: RowFit[];
  rails: RailBudget[];
  warnings: RackWarning[];
}

type Lookup = (catalogId: string) => CatalogModule | undefined;

export function rowFits(rackCase: CatalogCase, placements: Placement[], lookup: Lookup): RowFit[] {
  return rackCase.rows.map((row, index) => {
    const usedHp = placements
      .filter((p) => p.row === index)
      .reduce((sum, p) => sum + (lookup(p.catalogId)?.hp ?? 0), 0);
    return { row: index, capacityHp: row.hp, usedHp, freeHp: row.hp - usedHp };
  });
}

export function railBudgets(
  rackCase: CatalogCase,
  placements: Placement[],
  lookup: Lookup,
): RailBudget[] {
  return RAILS.map((rail) => {
    let drawMa = 0;
    const unknownModules: string[] = [];
    for (const p of placements) {
      const module = lookup(p.catalogId);
      const figure = module?.power ? module.power[rail] : null;
      if (figure === null || figure === undefined) unknownModules.push(p.id);
      else drawMa += figure;
    }
    const capacityMa = capacityOf(rackCase.power, rail);
    return { rail, drawMa, capacityMa, unknownModules, status: railStatus(drawMa, capacityMa) };
  });
}

function capacityOf(power: RailCurrents | null, rail: Rail): number | null {
  return power ? power[rail] : null;
}

function railStatus(drawMa: number, capacityMa: number | null): RailBudget['status'] {
  if (capacityMa === null) return drawMa === 0 ? 'ok' : 'unknown';
  if (drawMa > capacityMa) return 'over';
  if (drawMa >= capacityMa * POWER_HEADROOM_SHARE) return 'near';
  return 'ok';
}

/** The HP-fit and power picture of a rack, with warnings a user can act on. */
export function rackBudget(
  rackCase: CatalogCase,
  placements: Placement[],
  lookup: Lookup,
): RackBudget {
  const rows = rowFits(rackCase, placements, lookup);
  const rails = railBudgets(rackCase, placements, lookup);
  return { rows, rails, warnings: collectWarnings(rackCase, placements, lookup, rows, rails) };
}

function collectWarnings(
  rackCase: CatalogCase,
  placements: Placement[],
  lookup: Lookup,
  rows: RowFit[],
  rails: RailBudget[],
): RackWarning[] {
  const warnings: RackWarning[] = [];
  for (const p of placements) {
    if (!lookup(p.catalogId)) {
      warnings.push({ code: 'UNKNOWN_MODULE', message: `Module ${p.catalogId} is not in the catalog.` });
    }
  }
  for (const row of rows) {
    if (row.freeHp < 0) {
      warnings.push({
        code: 'ROW_OVERFLOW',
        message: `Row ${row.row + 1} holds ${row.usedHp} HP of modules but has ${row.capacityHp} HP.`,
      });
    }
  }
  warnings.push(...overlapWarnings(placements, lookup));
  for (const rail of rails) {
    const label = RAIL_LABELS[rail.rail];
    if (rail.status === 'over') {
      warnings.push({
        code: 'POWER_OVER',
        message: `${label} draws ${rail.drawMa} mA of ${rail.capacityMa} mA available.`,
      });
    } else if (rail.status === 'near') {
      warnings.push({
        code: 'POWER_NEAR',
        message: `${label} draws ${rail.drawMa} mA, at least 80 % of ${rail.capacityMa} mA.`,
      });
    }
  }
  warnings.push(...depthWarnings(rackCase, placements, lookup));
  warnings.push(...heightWarnings(rackCase, placements, lookup));
  return warnings;
}

function overlapWarnings(placements: Placement[], lookup: Lookup): RackWarning[] {
  const out: RackWarning[] = [];
  const sorted = [...placements].sort((a, b) => a.row - b.row || a.hp - b.hp);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    const prevWidth = lookup(prev.catalogId)?.hp ?? 0;
    if (prev.row === cur.row && prev.hp + prevWidth > cur.hp) {
      out.push({ code: 'OVERLAP', message: `Two modules overlap in row ${cur.row + 1} at HP ${cur.hp}.` });
    }
  }
  return out;
}

/** A 3U panel does not fit a 1U row, nor a 1U tile a 3U row (without an adapter). */
function heightWarnings(rackCase: CatalogCase, placements: Placement[], lookup: Lookup): RackWarning[] {
  const out: RackWarning[] = [];
  for (const p of placements) {
    const module = lookup(p.catalogId);
    const row = rackCase.rows[p.row];
    if (module && row && module.heightU !== row.heightU) {
      out.push({
        code: 'WRONG_ROW_HEIGHT',
        message: `${module.name} is a ${module.heightU}U module in row ${p.row + 1}, which is ${row.heightU}U.`,
      });
    }
  }
  return out;
}

function depthWarnings(rackCase: CatalogCase, placements: Placement[], lookup: Lookup): RackWarning[] {
  if (rackCase.depthMm === null) return [];
  const out: RackWarning[] = [];
  for (const p of placements) {
    const module = lookup(p.catalogId);
    if (module?.depthMm && module.depthMm > rackCase.depthMm) {
      out.push({
        code: 'TOO_DEEP',
        message: `${module.name} is ${module.depthMm} mm deep; the case allows ${rackCase.depthMm} mm.`,
      });
    }
  }
  return out;
}
