// Document growth: bytes that 100,000 knob changes add to the encoded room (what is stored and
// what every joining client downloads). Knob values must overwrite in place, not pile up.
//   - one user turning 4 knobs of a module, one transaction per change;
//   - 4 users taking turns on the same knobs (100 changes each, then syncing), since values
//     written by several clients are what a naive key-value layout fails to compact;
//   - 100,000 sequencer step edits (toggles, velocity, probability, micro-timing) by one user.
import { addModule, initRack, measureKnobGrowth, measureStepGrowth, setKnob } from '@patchroom/doc-model';
import * as Y from 'yjs';
import { emit, failDeterministic, note } from './support/report.ts';

const BENCH = 'doc-growth';
const CHANGES = 100_000;
const KNOBS = ['cutoff', 'resonance', 'drive', 'level'];
const USERS = 4;
const TURN = 100;
const BAR_BYTES = 10_000;

export async function run(): Promise<void> {
  const started = performance.now();
  report('100k knob changes, 1 user', growth(1));
  report(`100k knob changes, ${USERS} users taking turns`, growth(USERS));
  report('100k step edits, 1 user', { grown: measureStepGrowth(CHANGES) });
  note(BENCH, `doc-model's own measureKnobGrowth(${CHANGES}): ${measureKnobGrowth(CHANGES)} bytes`);
  note(BENCH, `measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function report(metric: string, { grown, ...detail }: { grown: number; before?: number; after?: number }): void {
  const ok = grown < BAR_BYTES;
  if (!ok) failDeterministic();
  emit({ bench: BENCH, metric, value: grown, unit: 'bytes', bar: '< 10 KB (10,000 bytes)', ok, detail });
}

/** Bytes added to the encoded document by CHANGES knob changes spread over `users` replicas. */
function growth(users: number): { grown: number; before: number; after: number } {
  const first = new Y.Doc();
  initRack(first, { caseId: 'bench-case', rows: [{ hp: 84 }] });
  const { id: moduleId } = addModule(first, { catalogId: 'bench-filter', widthHp: 10 });
  KNOBS.forEach((controlId) => setKnob(first, { moduleId, controlId, value: 0 }));
  const replicas = [first, ...Array.from({ length: users - 1 }, () => replicaOf(first))];
  const before = Y.encodeStateAsUpdate(first).byteLength;

  for (let change = 1; change <= CHANGES; change += 1) {
    const user = Math.floor((change - 1) / TURN) % users;
    const doc = replicas[user] as Y.Doc;
    setKnob(doc, { moduleId, controlId: KNOBS[change % KNOBS.length] as string, value: change / CHANGES });
    // End of this user's turn: everyone receives what they did before the next one starts.
    if (users > 1 && change % TURN === 0) syncAll(replicas);
  }
  syncAll(replicas);
  const after = Y.encodeStateAsUpdate(first).byteLength;
  return { grown: after - before, before, after };
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function syncAll(replicas: Y.Doc[]): void {
  for (const from of replicas) {
    for (const to of replicas) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
}
