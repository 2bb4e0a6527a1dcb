// Sequenced, versioned migrations of the stored layout (the idea of tldraw's store migrations,
// sized for one Yjs document): each migration lifts the document by exactly one version, they
// run in order, and `meta.schemaVersion` records how far a document has come.
import type * as Y from 'yjs';
import { rackParts } from '../rack-doc.ts';
import { createPatchRecord, FIRST_PATCH_ID } from '../patches/patches.ts';
import { sortedKeys } from '../shared/order.ts';
import { transactAsSharedWriter } from './shared-writer.ts';
import { readSchemaVersion, SCHEMA_VERSION } from './version.ts';

export interface RackMigration {
  /** The version the document has after this migration. */
  version: number;
  name: string;
  /**
   * Rewrites the document. It must depend on the document's content only and write in a fixed
   * order (iterate keys sorted, no clocks or random ids), so two replicas migrating the same
   * state produce the same changes (see shared-writer.ts). It must also be idempotent.
   */
  up(doc: Y.Doc): void;
}

export const MIGRATION_ORIGIN = Symbol('patchroom-migration');

/** Append new migrations at the end only; versions go up by one from 2. */
export const RACK_MIGRATIONS: readonly RackMigration[] = [
  {
    version: 2,
    name: 'cables into patches',
    up(doc) {
      // Version 1 had one implicit patch: top-level cables without a patch, no knobs.
      const { meta, patches, cables } = rackParts(doc);
      if (!patches.has(FIRST_PATCH_ID)) {
        createPatchRecord(doc, FIRST_PATCH_ID, { name: 'Patch 1', category: 'other', notes: '', createdAt: 0 });
      }
      for (const id of sortedKeys(cables)) {
        const cable = cables.get(id);
        if (cable && typeof cable === 'object' && typeof cable.patchId !== 'string') {
          cables.set(id, { ...cable, patchId: FIRST_PATCH_ID });
        }
      }
      if (typeof meta.get('activePatchId') !== 'string') meta.set('activePatchId', FIRST_PATCH_ID);
    },
  },
];

checkSequence(RACK_MIGRATIONS);

function checkSequence(migrations: readonly RackMigration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 2) throw new Error(`Rack migration "${m.name}" should be version ${i + 2}.`);
  });
  const last = migrations.at(-1)?.version ?? 1;
  if (last !== SCHEMA_VERSION) throw new Error(`SCHEMA_VERSION is ${SCHEMA_VERSION} but migrations end at ${last}.`);
}

/**
 * Brings a stored rack document up to SCHEMA_VERSION, applying the missing migrations in
 * order inside one transaction (origin MIGRATION_ORIGIN, which no user's undo tracks).
 *
 * The collab server calls this when it loads a room, before any client sees the document;
 * clients may call it too (a document from an offline cache). Running it twice is a no-op, and
 * two replicas that migrate the same state at the same time write identical changes, which Yjs
 * stores once — the migration happens exactly once however many replicas perform it.
 *
 * An empty document (a room not set up yet: `from` 0) and a document written by newer code
 * (`from` > SCHEMA_VERSION) are left untouched; then `to` equals `from`.
 */
export function migrateRack(doc: Y.Doc, migrations: readonly RackMigration[] = RACK_MIGRATIONS): { from: number; to: number } {
  const from = readSchemaVersion(doc);
  const missing = migrations.filter((m) => m.version > from);
  if (from === 0 || missing.length === 0) return { from, to: from };
  const to = missing.at(-1)!.version;
  transactAsSharedWriter(
    doc,
    `migrate:${from}->${to}:${missing.map((m) => m.name).join(',')}`,
    () => {
      for (const migration of missing) {
        migration.up(doc);
        rackParts(doc).meta.set('schemaVersion', migration.version);
      }
    },
    MIGRATION_ORIGIN,
  );
  return { from, to };
}
