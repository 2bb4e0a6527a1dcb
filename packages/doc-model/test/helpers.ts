import * as Y from 'yjs';
import { initRack, type RowShape } from '../src/index.ts';

export function rack(rows: RowShape[] = [{ hp: 84 }, { hp: 84 }]): Y.Doc {
  const doc = new Y.Doc();
  initRack(doc, { caseId: 'case-1', rows });
  return doc;
}

/** A second replica that starts from `doc`'s state. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Sends what `to` is missing from `from` (one direction only). */
export function send(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

export function sync(a: Y.Doc, b: Y.Doc): void {
  send(a, b);
  send(b, a);
}

/** Syncs every replica with every other until nothing changes (cleanups may write on merge). */
export function syncAll(docs: Y.Doc[]): void {
  for (let round = 0; round < 5; round++) {
    const merged = Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d)));
    let changed = false;
    for (const doc of docs) {
      const before = stateKey(doc);
      Y.applyUpdate(doc, merged);
      if (stateKey(doc) !== before) changed = true;
    }
    if (!changed && docs.every((d) => stateKey(d) === stateKey(docs[0]!))) return;
  }
  throw new Error('replicas did not settle after 5 sync rounds');
}

function stateKey(doc: Y.Doc): string {
  return Y.encodeSnapshot(Y.snapshot(doc)).join(',');
}

/** A version-1 room as the first release stored it: no patches, cables at the top level. */
export function versionOneRack(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 1);
    meta.set('caseId', 'case-1');
    meta.set('rows', [{ hp: 84 }, { hp: 84 }]);
    const modules = doc.getMap('modules');
    modules.set('mod_vco', { catalogId: 'vco', row: 0, hp: 0, widthHp: 10 });
    modules.set('mod_vcf', { catalogId: 'vcf', row: 0, hp: 10, widthHp: 8 });
    modules.set('mod_vca', { catalogId: 'vca', row: 1, hp: 0, widthHp: 4 });
    const cables = doc.getMap('cables');
    cables.set('cab_a', { from: { moduleId: 'mod_vco', jackId: 'saw' }, to: { moduleId: 'mod_vcf', jackId: 'in' }, color: '#f00' });
    cables.set('cab_b', { from: { moduleId: 'mod_vcf', jackId: 'out' }, to: { moduleId: 'mod_vca', jackId: 'in' }, color: '#0f0' });
  });
  return doc;
}
