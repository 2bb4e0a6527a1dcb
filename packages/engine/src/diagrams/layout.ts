// Lays out rack and patch diagrams as shapes in millimetres, to scale: Eurorack's 1 HP is
// 5.08 mm and a 3U panel 128.5 mm tall. Pure and deterministic: same rack ⇒ same shapes.
import type { Diagram, DiagramCable, DiagramJack, DiagramModule, DiagramRack, Point, Shape } from './types.ts';

export const HP_MM = 5.08;
export const PANEL_MM = 128.5;
const MARGIN = 6;
const ROW_GAP = 10;
const JACK_R = 2.2;
const JACK_PITCH = 8;
const COLORS = {
  row: '#2b2b2b',
  rail: '#9a9a9a',
  panel: '#d9d9d9',
  idlePanel: '#f0f0f0',
  outline: '#333333',
  text: '#111111',
  muted: '#666666',
  jackIn: '#ffffff',
  jackOut: '#333333',
};

interface Frame {
  width: number;
  height: number;
  /** Panel rectangle per module id. */
  panels: Map<string, { x: number; y: number; w: number; h: number }>;
  shapes: Shape[];
}

/** The rack to scale: its rows, each module's panel with its name, parked modules below. */
export function rackDiagram(rack: DiagramRack): Diagram {
  const frame = drawRack(rack, () => true);
  return { width: frame.width, height: frame.height, shapes: frame.shapes };
}

/**
 * A patch over the rack: every panel, the modules the patch uses highlighted with their jacks
 * (outputs dark, inputs light), each cable a coloured curve hanging between its two jacks.
 */
export function patchDiagram(rack: DiagramRack, cables: readonly DiagramCable[]): Diagram {
  const { base, overlay } = patchDiagramLayers(rack, cables);
  return { ...base, shapes: [...base.shapes, ...overlay] };
}

/**
 * The patch diagram in two layers: `base` is the same for every patch of the rack (all panels,
 * unlit), `overlay` what this patch adds (its modules lit, their jacks, its cables). A book
 * draws the base once and reuses it on every patch page.
 */
export function patchDiagramLayers(rack: DiagramRack, cables: readonly DiagramCable[]): { base: Diagram; overlay: Shape[] } {
  const used = new Set(cables.flatMap((c) => [c.from.moduleId, c.to.moduleId]));
  const frame = drawRack(rack, () => false);
  const overlay: Shape[] = [];
  const labels: Shape[] = [];
  const jacks: Shape[] = [];
  const jackAt = new Map<string, Point>();
  // Jacks only on the panels the patch uses: the others are context (and a big rack has
  // hundreds of jacks, which would crowd the picture and weigh on every page of a book).
  for (const m of rack.modules) {
    const panel = frame.panels.get(m.id);
    if (!panel || !used.has(m.id)) continue;
    const [face, ...names] = panelShapes(m, panel, true);
    overlay.push(face!);
    labels.push(...names);
    m.jacks.forEach((jack, i) => {
      const at = jackPosition(panel, i);
      jackAt.set(jackKey(m.id, jack.id), at);
      jacks.push(jackShape(jack, at));
    });
  }
  overlay.push(...labels, ...jacks);
  for (const cable of cables) {
    const from = jackAt.get(jackKey(cable.from.moduleId, cable.from.jackId)) ?? panelFoot(frame, cable.from.moduleId);
    const to = jackAt.get(jackKey(cable.to.moduleId, cable.to.jackId)) ?? panelFoot(frame, cable.to.moduleId);
    if (from && to) overlay.push(cableCurve(from, to, cable.color));
  }
  return { base: { width: frame.width, height: frame.height, shapes: frame.shapes }, overlay };
}

function drawRack(rack: DiagramRack, highlighted: (m: DiagramModule) => boolean): Frame {
  const parked = rack.modules.filter((m) => m.parked);
  const widestHp = Math.max(1, ...rack.rows.map((r) => r.hp));
  const width = round(widestHp * HP_MM + 2 * MARGIN);
  const shapes: Shape[] = [];
  const panels: Frame['panels'] = new Map();
  const rowY = (row: number) => MARGIN + row * (PANEL_MM + ROW_GAP);
  rack.rows.forEach((row, i) => {
    shapes.push(rect(MARGIN - 1, rowY(i) - 3, row.hp * HP_MM + 2, PANEL_MM + 6, COLORS.row, COLORS.row, 1));
    shapes.push(rect(MARGIN, rowY(i) - 2, row.hp * HP_MM, 1.5, COLORS.rail, COLORS.rail, 0));
    shapes.push(rect(MARGIN, rowY(i) + PANEL_MM + 0.5, row.hp * HP_MM, 1.5, COLORS.rail, COLORS.rail, 0));
  });
  let height = rowY(rack.rows.length) - ROW_GAP + MARGIN;
  for (const m of rack.modules) {
    if (m.parked || !rack.rows[m.row]) continue;
    panels.set(m.id, { x: MARGIN + m.hp * HP_MM, y: rowY(m.row), w: m.widthHp * HP_MM, h: PANEL_MM });
  }
  if (parked.length > 0) {
    const top = height + 4;
    shapes.push(text(MARGIN, top + 4, 'Parked (no room in the case)', 4, COLORS.muted, 0, 'start'));
    let x = MARGIN;
    let y = top + 8;
    for (const m of parked) {
      const w = m.widthHp * HP_MM;
      if (x + w > width - MARGIN && x > MARGIN) {
        x = MARGIN;
        y += PANEL_MM + ROW_GAP;
      }
      panels.set(m.id, { x, y, w, h: PANEL_MM });
      x += w + 2;
    }
    height = y + PANEL_MM + MARGIN;
  }
  const drawn = rack.modules.flatMap((m) => {
    const panel = panels.get(m.id);
    return panel ? [panelShapes(m, panel, highlighted(m))] : [];
  });
  // Panels first, then names: runs of alike shapes draw as one path in the PDF.
  shapes.push(...drawn.map((d) => d[0]!), ...drawn.flatMap((d) => d.slice(1)));
  return { width, height: round(height), panels, shapes };
}

function panelShapes(m: DiagramModule, p: { x: number; y: number; w: number; h: number }, lit: boolean): Shape[] {
  const fill = lit ? COLORS.panel : COLORS.idlePanel;
  const out: Shape[] = [rect(p.x + 0.15, p.y, p.w - 0.3, p.h, fill, COLORS.outline, 0.8)];
  if (m.widthHp >= 6) {
    const size = 3.2;
    out.push(text(p.x + p.w / 2, p.y + 8, fit(m.name, p.w - 2, size), size, COLORS.text, 0, 'middle'));
  } else {
    // Narrow panels: the name runs up the panel.
    const size = Math.min(3.2, p.w * 0.55);
    out.push(text(p.x + p.w / 2 + size * 0.35, p.y + p.h / 2, fit(m.name, p.h - 30, size), size, COLORS.text, -90, 'middle'));
  }
  return out;
}

/** Jacks fill the lower part of the panel in rows of as many as fit across. */
function jackPosition(p: { x: number; y: number; w: number; h: number }, index: number): Point {
  const columns = Math.max(1, Math.floor(p.w / JACK_PITCH));
  const pitchX = p.w / columns;
  const col = index % columns;
  const line = Math.floor(index / columns);
  return [round(p.x + pitchX * (col + 0.5)), round(p.y + p.h - 8 - line * JACK_PITCH)];
}

function jackShape(jack: DiagramJack, [cx, cy]: Point): Shape {
  return { kind: 'circle', cx, cy, r: JACK_R, fill: jack.dir === 'out' ? COLORS.jackOut : COLORS.jackIn, stroke: COLORS.outline };
}

function panelFoot(frame: Frame, moduleId: string): Point | null {
  const p = frame.panels.get(moduleId);
  return p ? [round(p.x + p.w / 2), round(p.y + p.h - 4)] : null;
}

/** A cable hangs: both control points drop below its ends, more for longer cables. */
function cableCurve(from: Point, to: Point, color: string): Shape {
  const sag = 12 + Math.hypot(to[0] - from[0], to[1] - from[1]) * 0.25;
  return {
    kind: 'curve',
    from,
    c1: [from[0], round(from[1] + sag)],
    c2: [to[0], round(to[1] + sag)],
    to,
    color: safeColor(color),
    width: 1.2,
  };
}

/** Only plain colour notations reach the SVG and the PDF; anything else draws in the default. */
function safeColor(color: string): string {
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(color) || /^[a-z]{3,20}$/i.test(color) ? color : '#e8b04a';
}

/** Shortens a name with an ellipsis to fit `widthMm` at `size` (average glyph ≈ 0.55 em). */
function fit(name: string, widthMm: number, size: number): string {
  const max = Math.max(1, Math.floor(widthMm / (size * 0.55)));
  return name.length <= max ? name : `${name.slice(0, Math.max(1, max - 1))}…`;
}

function jackKey(moduleId: string, jackId: string): string {
  return `${moduleId}\u0000${jackId}`;
}

function rect(x: number, y: number, w: number, h: number, fill: string, stroke: string, radius: number): Shape {
  return { kind: 'rect', x: round(x), y: round(y), w: round(w), h: round(h), fill, stroke, radius };
}

function text(x: number, y: number, value: string, size: number, color: string, rotate: number, anchor: 'start' | 'middle'): Shape {
  return { kind: 'text', x: round(x), y: round(y), text: value, size: round(size), color, rotate, anchor };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
