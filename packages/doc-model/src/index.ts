// Public entry of @patchroom/doc-model: the Yjs schema of a rack room with typed reads/writes.
export { SCHEMA_VERSION, initRack, readRows, readCaseId, rackParts } from './rack-doc.ts';
export type { RowShape, ModulePlacementData, CableData, JackRef } from './rack-doc.ts';
export {
  addModule,
  moveModule,
  removeModule,
  listModules,
  getModule,
  checkFit,
  findFreeSlot,
  RackRuleError,
} from './racks/modules.ts';
export type { PlacedModule, Slot, AddModuleInput } from './racks/modules.ts';
export { connect, disconnect, listCables, DEFAULT_CABLE_COLOR } from './patches/cables.ts';
export type { Cable, ConnectInput } from './patches/cables.ts';
export { toSnapshot, observeRack } from './snapshot.ts';
export type { RackSnapshot } from './snapshot.ts';
