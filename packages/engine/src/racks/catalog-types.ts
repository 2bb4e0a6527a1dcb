/** Catalog shapes as engine sees them: plain data, no database types. */
export type SignalType = 'audio' | 'cv' | 'pitch' | 'gate' | 'trigger' | 'clock';

export interface Jack {
  id: string;
  name: string;
  dir: 'in' | 'out';
  signal: SignalType;
}

export interface Control {
  id: string;
  name: string;
  kind: string;
  min: number;
  max: number;
  default: number;
}

/** Current draw in mA per rail; null where the maker's figure is unknown. */
export interface RailCurrents {
  p12: number | null;
  m12: number | null;
  p5: number | null;
}

export interface CatalogModule {
  id: string;
  manufacturer: string;
  name: string;
  hp: number;
  /** 3 for Eurorack's 3U panels, 1 for the 1U tile format (Intellijel/Pulp Logic). */
  heightU: number;
  depthMm: number | null;
  power: RailCurrents | null;
  type: string;
  archetype: string;
  description: string;
  tags: string[];
  jacks: Jack[];
  controls: Control[];
}

export interface CaseRow {
  hp: number;
  heightU: number;
}

export interface CatalogCase {
  id: string;
  manufacturer: string;
  name: string;
  rows: CaseRow[];
  /** PSU capacity in mA per rail; null where not known. */
  power: RailCurrents | null;
  depthMm: number | null;
}
