// A rack room's realistic editing history: many small updates, each one user action (mostly knob
// turns, then cables, moves, modules added and removed), from a fixed seed so every run writes
// the same history.
import {
  addModule,
  connect,
  disconnect,
  findFreeSlot,
  listCables,
  listModules,
  moveModule,
  RackRuleError,
  removeModule,
} from '@patchroom/doc-model';
import type * as Y from 'yjs';
import { captureUpdate, turnKnob } from './edits.ts';

export interface CatalogPiece {
  id: string;
  hp: number;
  jacks: { id: string; dir: 'in' | 'out' }[];
  controls: { id: string }[];
}

/** Makes `count` edits to `doc` (an initialised rack) and returns one update per edit. */
export function editHistory(doc: Y.Doc, catalog: CatalogPiece[], count: number, seed = 1): Uint8Array[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const byId = new Map(catalog.map((piece) => [piece.id, piece]));
  const updates: Uint8Array[] = [];
  let turns = 0;

  const actions: [weight: number, act: () => void][] = [
    [55, () => {
      const module = pick(listModules(doc));
      const control = module && pick(byId.get(module.catalogId)?.controls ?? []);
      if (module && control) turnKnob(doc, { moduleId: module.id, controlId: control.id }, (turns += 1) / 1_000);
    }],
    [15, () => {
      const from = pick(listModules(doc));
      const to = pick(listModules(doc));
      const out = from && pick(byId.get(from.catalogId)?.jacks.filter((j) => j.dir === 'out') ?? []);
      const input = to && pick(byId.get(to.catalogId)?.jacks.filter((j) => j.dir === 'in') ?? []);
      if (from && to && out && input) connect(doc, { from: { moduleId: from.id, jackId: out.id }, to: { moduleId: to.id, jackId: input.id } });
    }],
    [10, () => {
      const cable = pick(listCables(doc));
      if (cable) disconnect(doc, cable.id);
    }],
    [12, () => {
      const module = pick(listModules(doc));
      const slot = module && findFreeSlot(doc, module.widthHp);
      if (module && slot) moveModule(doc, module.id, slot);
    }],
    [8, () => {
      const modules = listModules(doc);
      const piece = pick(catalog);
      const slot = piece && findFreeSlot(doc, piece.hp);
      if (piece && slot && (modules.length < 8 || random() < 0.5)) addModule(doc, { catalogId: piece.id, widthHp: piece.hp, slot });
      else if (modules.length > 2) removeModule(doc, pick(modules)!.id);
    }],
  ];
  const total = actions.reduce((sum, [weight]) => sum + weight, 0);

  for (let attempts = 0; updates.length < count && attempts < count * 20; attempts += 1) {
    let roll = random() * total;
    const action = actions.find(([weight]) => (roll -= weight) < 0) ?? actions[0]!;
    try {
      const update = captureUpdate(doc, action[1]);
      if (update) updates.push(update);
    } catch (error) {
      // A rule said no (input taken, no space): a user would try something else.
      if (!(error instanceof RackRuleError)) throw error;
    }
  }
  if (updates.length < count) throw new Error(`only ${updates.length} of ${count} edits could be made`);
  return updates;
}

/** Reads the catalog rows the history needs from the database. */
export function catalogPieces(rows: { id: string; hp: number; jacks: unknown; controls: unknown }[]): CatalogPiece[] {
  const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
  return rows
    .map((row) => ({
      id: row.id,
      hp: row.hp,
      jacks: json(row.jacks) as CatalogPiece['jacks'],
      controls: (json(row.controls) as CatalogPiece['controls']) ?? [],
    }))
    .filter((piece) => piece.jacks.length > 0 && piece.hp <= 20);
}

/** Small seeded PRNG: the same history on every machine and run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
