// Plain inputs and outputs of the rack and patch diagrams. A diagram is a list of shapes in
// millimetres (1 HP = 5.08 mm, a 3U panel 128.5 mm tall), so the SVG and the PDF renderers draw
// exactly the same picture, to scale.

export interface DiagramJack {
  id: string;
  name: string;
  dir: 'in' | 'out';
}

export interface DiagramModule {
  id: string;
  /** What a person reads on the panel: the catalog name. */
  name: string;
  row: number;
  hp: number;
  widthHp: number;
  parked: boolean;
  /** The panel's jacks in catalog order (empty when the catalog does not know the module). */
  jacks: DiagramJack[];
}

export interface DiagramRack {
  rows: { hp: number }[];
  modules: DiagramModule[];
}

export interface DiagramCable {
  from: { moduleId: string; jackId: string };
  to: { moduleId: string; jackId: string };
  color: string;
}

export type Point = readonly [number, number];

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke: string; radius: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke: string }
  | { kind: 'curve'; from: Point; c1: Point; c2: Point; to: Point; color: string; width: number }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      color: string;
      /** Degrees clockwise around (x, y); -90 writes bottom to top (names on narrow panels). */
      rotate: number;
      anchor: 'start' | 'middle';
    };

export interface Diagram {
  /** Millimetres. */
  width: number;
  height: number;
  shapes: Shape[];
}
