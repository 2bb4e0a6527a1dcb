import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addModule,
  connect,
  listCables,
  listPatches,
  migrateRack,
  rackParts,
  readSchemaVersion,
  SCHEMA_VERSION,
  setKnob,
  toSnapshot,
  type RackMigration,
} from '../src/index.ts';
import { rack, replicaOf, sync, syncAll, versionOneRack } from './helpers.ts';

describe('schema migrations', () => {
  it('moves a version-1 rack into its first patch, keeping every cable', () => {
    const doc = versionOneRack();
    expect(readSchemaVersion(doc)).toBe(1);
    expect(migrateRack(doc)).toEqual({ from: 1, to: SCHEMA_VERSION });
    const snap = toSnapshot(doc);
    expect(snap.schemaVersion).toBe(2);
    expect(snap.patches.map((p) => [p.id, p.name])).toEqual([['patch_1', 'Patch 1']]);
    expect(snap.activePatchId).toBe('patch_1');
    expect(snap.patches[0]!.cables.map((c) => [c.id, c.color])).toEqual([
      ['cab_a', '#f00'],
      ['cab_b', '#0f0'],
    ]);
    expect(listCables(doc).map((c) => c.patchId)).toEqual(['patch_1', 'patch_1']);
    // The migrated rack is an ordinary rack: patching and knobs work on it.
    setKnob(doc, { moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.3 });
    expect(toSnapshot(doc).patches[0]!.knobs).toEqual([{ moduleId: 'mod_vcf', controlId: 'cutoff', value: 0.3 }]);
  });

  it('treats a set-up rack without a version as version 1, and leaves an empty room alone', () => {
    const old = versionOneRack();
    rackParts(old).meta.delete('schemaVersion');
    expect(migrateRack(old)).toEqual({ from: 1, to: 2 });
    const empty = new Y.Doc();
    expect(migrateRack(empty)).toEqual({ from: 0, to: 0 });
    expect(Y.encodeStateAsUpdate(empty)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
  });

  it('migrating twice is a no-op, and a new rack needs no migration', () => {
    const doc = versionOneRack();
    migrateRack(doc);
    const after = Y.encodeStateAsUpdate(doc);
    expect(migrateRack(doc)).toEqual({ from: 2, to: 2 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(after);
    const fresh = rack();
    const state = Y.encodeStateAsUpdate(fresh);
    expect(migrateRack(fresh)).toEqual({ from: 2, to: 2 });
    expect(Y.encodeStateAsUpdate(fresh)).toEqual(state);
  });

  it('two replicas that migrate the same version-1 state at once end with one patch and no duplicates', () => {
    const server = versionOneRack();
    const a = replicaOf(server);
    const b = replicaOf(server);
    const single = replicaOf(server); // what one migration alone produces
    const ownA = a.clientID;
    migrateRack(a);
    migrateRack(b);
    expect(a.clientID).toBe(ownA); // the replica writes as itself again afterwards
    sync(a, b);
    sync(a, server);
    for (const doc of [a, b, server]) {
      const snap = toSnapshot(doc);
      expect(snap.patches).toHaveLength(1);
      expect(snap.patches[0]!.cables.map((c) => c.id)).toEqual(['cab_a', 'cab_b']);
      expect(rackParts(doc).patches.size).toBe(1);
      expect(rackParts(doc).cables.size).toBe(2);
    }
    // Not merely equal-looking: the two migrations are one set of changes, stored once.
    migrateRack(single);
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(single));
    expect(toSnapshot(a)).toEqual(toSnapshot(b));
  });

  it('replicas that migrate different version-1 states keep every cable of both', () => {
    const base = versionOneRack();
    const laptop = replicaOf(base);
    const server = replicaOf(base);
    // Offline, with the old app, the laptop added a cable.
    rackParts(laptop).cables.set('cab_c', {
      from: { moduleId: 'mod_vco', jackId: 'square' },
      to: { moduleId: 'mod_vcf', jackId: 'fm' },
      color: '#00f',
    });
    migrateRack(laptop);
    migrateRack(server);
    connect(server, { from: { moduleId: 'mod_vca', jackId: 'out' }, to: { moduleId: 'mod_vco', jackId: 'fm' }, id: 'cab_d' });
    syncAll([laptop, server]);
    expect(toSnapshot(laptop)).toEqual(toSnapshot(server));
    const [patch] = toSnapshot(server).patches;
    expect(toSnapshot(server).patches).toHaveLength(1);
    expect(patch!.cables.map((c) => c.id)).toEqual(['cab_a', 'cab_b', 'cab_c', 'cab_d']);
  });

  it('applies missing migrations in order in one transaction, and none twice', () => {
    const doc = versionOneRack();
    const ran: string[] = [];
    const migrations: RackMigration[] = [
      { version: 2, name: 'two', up: () => void ran.push('two') },
      { version: 3, name: 'three', up: (d) => void (ran.push('three'), addModule(d, { catalogId: 'new', widthHp: 2 })) },
    ];
    rackParts(doc); // creates the top-level types first: that alone is an empty transaction
    let updates = 0;
    doc.on('update', () => void (updates += 1));
    expect(migrateRack(doc, migrations)).toEqual({ from: 1, to: 3 });
    expect(ran).toEqual(['two', 'three']);
    expect(updates).toBe(1);
    expect(readSchemaVersion(doc)).toBe(3);
    expect(migrateRack(doc, migrations)).toEqual({ from: 3, to: 3 });
    expect(ran).toEqual(['two', 'three']);
  });

  it('leaves a document from newer code untouched', () => {
    const doc = rack();
    rackParts(doc).meta.set('schemaVersion', SCHEMA_VERSION + 1);
    const state = Y.encodeStateAsUpdate(doc);
    expect(migrateRack(doc)).toEqual({ from: SCHEMA_VERSION + 1, to: SCHEMA_VERSION + 1 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
    expect(listPatches(doc)).toHaveLength(1);
  });
});

describe('new racks', () => {
  it('start with one active patch "Patch 1"', () => {
    const snap = toSnapshot(rack());
    expect(snap.patches.map((p) => p.name)).toEqual(['Patch 1']);
    expect(snap.activePatchId).toBe(snap.patches[0]!.id);
    expect(snap.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('set up by two replicas at once, are set up once', () => {
    const a = rack();
    const b = rack();
    sync(a, b);
    expect(rackParts(a).patches.size).toBe(1);
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(rack()));
    expect(toSnapshot(a)).toEqual(toSnapshot(b));
  });
});
