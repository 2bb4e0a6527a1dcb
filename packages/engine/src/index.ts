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
// Seeded generation: patches for a rack, sequencer patterns, names (same seed ⇒ same output).
export { rng, deriveSeed, hashString } from './generation/random.ts';
export type { Rng } from './generation/random.ts';
export { generatePatches, GENERATOR_VERSION, MAX_GENERATED_PATCHES } from './generation/patches.ts';
export { validatePatch } from './generation/validate.ts';
export type { PatchProblem, PatchProblemCode, PatchToCheck } from './generation/validate.ts';
export { generateRackName, generatePatchName, generatePatternName } from './generation/names.ts';
export { SIGNAL_COMPATIBILITY, CABLE_COLORS, canPatch } from './generation/signals.ts';
export { PATCH_CATEGORIES } from './generation/types.ts';
export type {
  PatchCategory,
  RackModuleRef,
  JackRef,
  GeneratedCable,
  KnobSetting,
  Provenance,
  PatchConfig,
  GeneratedPatch,
  SkippedCategory,
  GeneratePatchesInput,
  GeneratePatchesResult,
} from './generation/types.ts';
export { euclid, rhythmText } from './sequencer/euclid.ts';
export { SCALES, SCALE_NAMES, scaleNotes, inScale, isScaleName } from './sequencer/scales.ts';
export type { ScaleName } from './sequencer/scales.ts';
export {
  generatePatterns,
  PATTERN_GENERATOR_VERSION,
  MAX_GENERATED_PATTERNS,
  PATTERN_LIMITS,
  MELODIC_TRACK_NAMES,
} from './sequencer/patterns.ts';
export type {
  PatternStep,
  PatternTrack,
  PatternConfig,
  GeneratedPattern,
  GeneratePatternsInput,
  GeneratePatternsResult,
} from './sequencer/patterns.ts';
// Shared transport: tempo maths, pure scheduling of pattern steps on the shared clock.
export {
  BEATS_PER_BAR,
  barMs,
  beatMs,
  bpmAtBeat,
  tempoChangeAtMs,
  timeOfBeat,
  transportBarAt,
  transportBeatAt,
} from './sequencer/tempo.ts';
export type { PendingTempo, TransportTiming } from './sequencer/tempo.ts';
export { eventsInWindow, stepPlays, stepDice, STEPS_PER_BEAT } from './sequencer/schedule.ts';
export type { SequencerEvent, SchedulePattern, ScheduleStep, ScheduleTarget, ScheduleTransport } from './sequencer/schedule.ts';
// Clock sync: the shared (server) clock estimated from ping/pong samples.
export { ClockEstimator } from './clock/estimator.ts';
export type { ClockSample, ClockStatus, ClockEstimatorOptions } from './clock/estimator.ts';
export { simulateClockSync, quantile } from './clock/simulation.ts';
export type { ClockSimulation } from './clock/simulation.ts';
export { encodePing, encodePong, parsePing, parsePong } from './clock/protocol.ts';
export type { ClockPing, ClockPong } from './clock/protocol.ts';
export { ClockSync } from './clock/sync.ts';
export type { ClockChannel, ClockSyncOptions } from './clock/sync.ts';
// Sound: a rack's active patch as a Web Audio graph on any BaseAudioContext.
export { createRackSound } from './audio/rack-sound.ts';
export type { RackSound, NoteEvent, SoundRack, SoundModule, SoundCable, SoundJackRef } from './audio/types.ts';
export { soundRackFromSnapshot } from './audio/from-snapshot.ts';
export { renderPattern } from './audio/render.ts';
export type { RenderInput, RenderResult } from './audio/render.ts';
export { patternNotes } from './audio/pattern-notes.ts';
export type { SoundPattern, SoundStep } from './audio/pattern-notes.ts';
export { encodeWav, decodeWav, WAV_HEADER_BYTES } from './audio/wav.ts';
export type { DecodedWav } from './audio/wav.ts';

// Rack and patch diagrams (to scale, in millimetres) and their SVG rendering.
export { rackDiagram, patchDiagram, patchDiagramLayers, HP_MM, PANEL_MM } from './diagrams/layout.ts';
export { diagramToSvg } from './diagrams/svg.ts';
export type { Diagram, DiagramCable, DiagramJack, DiagramModule, DiagramRack, Shape, Point } from './diagrams/types.ts';
