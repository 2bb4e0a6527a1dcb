// Public entry of @patchroom/engine: pure logic on plain data (no Yjs, no DOM, no database).
export type {
  SignalType,
  Jack,
  Control,
  RailCurrents,
  CatalogModule,
  CaseRow,
  CatalogCase,
} from './racks/catalog-types.ts';
export {
  rackBudget,
  rowFits,
  railBudgets,
  RAILS,
  RAIL_LABELS,
  POWER_HEADROOM_SHARE,
} from './racks/budget.ts';
export type { Placement, Rail, RowFit, RailBudget, RackWarning, RackBudget } from './racks/budget.ts';
