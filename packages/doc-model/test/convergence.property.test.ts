// Property: whatever users do on 2–5 replicas, however their updates travel (one way, partly,
// late), once everyone has everything all replicas show the same rack and it obeys the rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addModule,
  addPattern,
  addPatch,
  connect,
  createUndoManager,
  disconnect,
  listCables,
  listModules,
  listPatches,
  moveModule,
  parkModule,
  RackRuleError,
  rackParts,
  removeModule,
  removePatch,
  repairRack,
  setActivePatch,
  setKnob,
  toggleStep,
  toSnapshot,
  withOrigin,
  type RackSnapshot,
} from '../src/index.ts';
import { rack, replicaOf, send, sync, syncAll } from './helpers.ts';

// A small case, so concurrent edits collide often.
const ROWS = [{ hp: 24 }, { hp: 16 }];
const OUTPUTS = ['out', 'cv'] as const;
const INPUTS = ['in', 'cv'] as const;

const replica = fc.nat({ max: 4 });
const pick = fc.nat({ max: 20 });
const opArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), r: replica, width: fc.integer({ min: 2, max: 12 }), row: fc.nat({ max: 1 }), hp: fc.nat({ max: 22 }), auto: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), r: replica, pick, row: fc.nat({ max: 1 }), hp: fc.nat({ max: 22 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), r: replica, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('park' as const), r: replica, pick }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('connect' as const), r: replica, from: pick, to: pick, out: fc.constantFrom(...OUTPUTS), in: fc.constantFrom(...INPUTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), r: replica, pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('knob' as const), r: replica, pick, control: fc.constantFrom('cutoff', 'res'), value: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('step' as const), r: replica, track: fc.nat({ max: 1 }), step: fc.nat({ max: 15 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addPatch' as const), r: replica, activate: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('activate' as const), r: replica, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removePatch' as const), r: replica, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), r: replica }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redo' as const), r: replica }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repair' as const), r: replica }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), r: replica, to: replica }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), r: replica, to: replica }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

interface Room {
  docs: Y.Doc[];
  users: object[];
  undo: ReturnType<typeof createUndoManager>[];
}

function openRoom(replicas: number): Room {
  const first = rack(ROWS);
  addPattern(first, { id: 'pat_1', name: 'Groove', tracks: 2 });
  // Modules everyone has from the start, so concurrent edits meet on them.
  for (const [i, hp] of [0, 6, 12].entries()) addModule(first, { id: `mod_${i}`, catalogId: 'base', widthHp: 4, slot: { row: 0, hp } });
  const docs = Array.from({ length: replicas }, () => replicaOf(first));
  const users = docs.map((_, i) => ({ user: i }));
  const undo = docs.map((doc, i) => createUndoManager(doc, { origin: users[i], captureTimeout: 0 }));
  return { docs, users, undo };
}

function pickFrom<T>(list: T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined;
}

function apply(room: Room, op: Op): void {
  const i = op.r % room.docs.length;
  const doc = room.docs[i]!;
  const modules = listModules(doc);
  const edit = (fn: () => unknown) => withOrigin(doc, room.users[i], fn);
  switch (op.kind) {
    case 'add':
      return void edit(() =>
        addModule(doc, { catalogId: `w${op.width}`, widthHp: op.width, ...(op.auto ? {} : { slot: { row: op.row, hp: op.hp } }) }),
      );
    case 'move': {
      const m = pickFrom(modules, op.pick);
      return void (m && edit(() => moveModule(doc, m.id, { row: op.row, hp: op.hp })));
    }
    case 'remove': {
      const m = pickFrom(modules, op.pick);
      return void (m && edit(() => removeModule(doc, m.id)));
    }
    case 'park': {
      const m = pickFrom(modules, op.pick);
      return void (m && edit(() => parkModule(doc, m.id)));
    }
    case 'connect': {
      const from = pickFrom(modules, op.from);
      const to = pickFrom(modules, op.to);
      return void (from && to && edit(() => connect(doc, { from: { moduleId: from.id, jackId: op.out }, to: { moduleId: to.id, jackId: op.in } })));
    }
    case 'disconnect': {
      const cable = pickFrom(listCables(doc), op.pick);
      return void (cable && edit(() => disconnect(doc, cable.id)));
    }
    case 'knob': {
      const m = pickFrom(modules, op.pick);
      return void (m && edit(() => setKnob(doc, { moduleId: m.id, controlId: op.control, value: op.value })));
    }
    case 'step':
      return void edit(() => toggleStep(doc, 'pat_1', op.track, op.step));
    case 'addPatch':
      return void edit(() => addPatch(doc, { name: `Patch by ${i}`, activate: op.activate }));
    case 'activate': {
      const patch = pickFrom(listPatches(doc), op.pick);
      return void (patch && setActivePatch(doc, patch.id));
    }
    case 'removePatch': {
      const patch = pickFrom(listPatches(doc), op.pick);
      return void (patch && edit(() => removePatch(doc, patch.id)));
    }
    case 'undo':
      return void room.undo[i]!.undo();
    case 'redo':
      return void room.undo[i]!.redo();
    case 'repair':
      return void repairRack(doc);
    case 'send':
      return send(doc, room.docs[op.to % room.docs.length]!);
    case 'sync':
      return sync(doc, room.docs[op.to % room.docs.length]!);
  }
}

function run(room: Room, ops: Op[]): void {
  for (const op of ops) {
    try {
      apply(room, op);
    } catch (error) {
      // A refused edit is a normal outcome for a user; anything else is a bug.
      if (!(error instanceof RackRuleError)) throw error;
    }
  }
}

/** The rack rules, checked on what users see. */
function expectValid(doc: Y.Doc, snap: RackSnapshot): void {
  const ids = snap.modules.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  // No module lost: every module in the merged state is shown, placed or parked.
  expect([...ids].sort()).toEqual([...rackParts(doc).modules.keys()].sort());
  const placed = snap.modules.filter((m) => !m.parked);
  for (const m of placed) {
    const row = snap.rows[m.row];
    expect(row, `row of ${m.id}`).toBeDefined();
    expect(m.hp).toBeGreaterThanOrEqual(0);
    expect(m.hp + m.widthHp).toBeLessThanOrEqual(row!.hp);
    for (const other of placed) {
      if (other.id === m.id || other.row !== m.row) continue;
      expect(m.hp + m.widthHp <= other.hp || other.hp + other.widthHp <= m.hp, `${m.id} overlaps ${other.id}`).toBe(true);
    }
  }
  const present = new Set(ids);
  for (const patch of snap.patches) {
    const inputs = new Set<string>();
    for (const c of patch.cables) {
      expect(present.has(c.from.moduleId) && present.has(c.to.moduleId), `dangling ${c.id}`).toBe(true);
      const input = `${c.to.moduleId}/${c.to.jackId}`;
      expect(inputs.has(input), `two cables into ${input}`).toBe(false);
      inputs.add(input);
    }
    for (const k of patch.knobs) expect(present.has(k.moduleId)).toBe(true);
  }
  if (snap.patches.length) expect(snap.patches.map((p) => p.id)).toContain(snap.activePatchId);
  for (const pattern of snap.patterns) {
    for (const t of pattern.tracks) if (t.target) expect(present.has(t.target.moduleId)).toBe(true);
  }
}

// PROPERTY_RUNS=5000 for a longer hunt; the default keeps the suite quick on 2 cores.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = Number(env.PROPERTY_RUNS ?? 300);

describe('convergence and invariants under random concurrent editing', () => {
  it('all replicas converge to the same valid rack, and repairing it changes nothing users see', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.array(opArb, { minLength: 1, maxLength: 50 }), (replicas, ops) => {
        const room = openRoom(replicas);
        run(room, ops);
        syncAll(room.docs);
        const snaps = room.docs.map(toSnapshot);
        for (const snap of snaps) expect(snap).toEqual(snaps[0]);
        room.docs.forEach((doc, i) => expectValid(doc, snaps[i]!));
        // Two replicas repair the merged state at once: same view, still converged.
        repairRack(room.docs[0]!);
        repairRack(room.docs[room.docs.length - 1]!);
        syncAll(room.docs);
        for (const doc of room.docs) expect(toSnapshot(doc)).toEqual(snaps[0]);
      }),
      { numRuns: RUNS },
    );
  }, 60_000 + RUNS * 50);
});
