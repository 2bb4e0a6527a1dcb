// Public entry of @patchroom/doc-model: the Yjs schema of a rack room with typed reads/writes.
// Every write validates its input first and throws RackRuleError (a message for the user) with
// the document unchanged. Every read is resolved: replicas with the same merged state show the
// same valid rack. Wrap a user's edit in withOrigin(doc, origin, …) for per-user undo.
export { RackRuleError } from './errors.ts';
export type { RackRuleCode } from './errors.ts';
export { rackParts, readRows, readCaseId } from './rack-doc.ts';
export type {
  RowShape,
  ModulePlacementData,
  CableData,
  JackRef,
  AnnotationData,
  AnnotationKind,
  Provenance,
} from './rack-doc.ts';
export type { JsonValue, JsonObject } from './shared/validate.ts';

export { SCHEMA_VERSION, readSchemaVersion } from './schema/version.ts';
export { migrateRack, RACK_MIGRATIONS, MIGRATION_ORIGIN } from './schema/migrations.ts';
export type { RackMigration } from './schema/migrations.ts';

export { initRack } from './racks/init.ts';
export {
  addModule,
  moveModule,
  parkModule,
  removeModule,
  listModules,
  getModule,
  checkFit,
  findFreeSlot,
} from './racks/modules.ts';
export type { PlacedModule, Slot, AddModuleInput } from './racks/modules.ts';

export {
  PATCH_CATEGORIES,
  addPatch,
  renamePatch,
  setPatchCategory,
  setPatchNotes,
  patchNotesText,
  removePatch,
  setActivePatch,
  activePatchId,
  listPatches,
  getPatch,
} from './patches/patches.ts';
export type { PatchInfo, PatchCategory, AddPatchInput } from './patches/patches.ts';
export { duplicatePatch } from './patches/duplicate.ts';
export { connect, disconnect, listCables, setCableColor, DEFAULT_CABLE_COLOR } from './patches/cables.ts';
export type { Cable, ConnectInput } from './patches/cables.ts';
export { setKnob, getKnob, resetKnob, listKnobs, measureKnobGrowth } from './patches/knobs.ts';
export type { KnobValue, KnobRef } from './patches/knobs.ts';

export {
  PATTERN_LIMITS,
  DEFAULT_STEP,
  addPattern,
  removePattern,
  renamePattern,
  setPatternTempo,
  setPatternSwing,
  setPatternLength,
  addTrack,
  removeTrack,
  setTrackTarget,
  listPatterns,
  getPattern,
} from './sequencer/patterns.ts';
export type { Pattern, Track, Step, AddPatternInput } from './sequencer/patterns.ts';
export { setStep, toggleStep, getStep, measureStepGrowth } from './sequencer/steps.ts';

export {
  BEATS_PER_BAR,
  play,
  stop,
  setTransportTempo,
  setTransportPattern,
  readTransport,
  transportBarAt,
} from './transport/transport.ts';
export type { TransportState, PendingTempo, PlayInput } from './transport/transport.ts';

export { notesText, readNotes, setNotes } from './notes/notes.ts';
export {
  ANNOTATION_KINDS,
  addAnnotation,
  updateAnnotation,
  removeAnnotation,
  listAnnotations,
  getAnnotation,
} from './annotations/annotations.ts';
export type { Annotation } from './annotations/annotations.ts';

export { createUndoManager, withOrigin } from './history/undo.ts';
export type { UndoOptions } from './history/undo.ts';
export { restoreRack, RESTORE_ORIGIN } from './history/restore.ts';
export type { RestoreResult } from './history/restore.ts';

export { repairRack } from './repair.ts';
export type { RepairReport } from './repair.ts';
export { toSnapshot, observeRack } from './snapshot.ts';
export type { RackSnapshot, PatchSnapshot } from './snapshot.ts';
export { replaceRackContent } from './snapshot-write.ts';
