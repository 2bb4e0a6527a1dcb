// Where knobs and jacks sit on a module's front panel, in px from the panel's top-left corner.
// Computed, not left to CSS, because cables must know where every jack is even when the panel
// is off screen (and so not drawn). Controls fill the panel from the top, under the name; jacks
// sit at the bottom, inputs above outputs, as on most Eurorack modules. Busy narrow panels
// shrink their parts until everything fits.

export interface PanelParts {
  /** Panel size in px. */
  w: number;
  h: number;
  controls: readonly { id: string; kind: string }[];
  jacks: readonly { id: string; dir: 'in' | 'out' }[];
}

export interface PanelItem {
  id: string;
  /** Centre of the knob or socket. */
  cx: number;
  cy: number;
  /** Diameter of the knob or socket. */
  size: number;
}

export interface PanelLayout {
  /** 1 at full size; smaller when the panel is crowded. */
  scale: number;
  /** Labels under knobs and jacks are drawn only when they stay legible. */
  showLabels: boolean;
  titleTop: number;
  titleHeight: number;
  controls: PanelItem[];
  jacks: PanelItem[];
  /** The dark plate behind the outputs, if there are any. */
  outputPlate: { x: number; y: number; w: number; h: number } | null;
}

const SCREW_MARGIN = 14;
const FOOTER = 16;
const SIDE_INSET = 2;
const SECTION_GAP = 6;
const KNOB = { cellW: 32, cellH: 38, size: 22 };
const SWITCH = { size: 16 };
const JACK = { cellW: 26, cellH: 30, size: 14 };
const MIN_SCALE = 0.45;
const LABEL_SCALE = 0.75;

/** Width of the cell around a knob or a jack, where its label is centred. */
export const controlCellWidth = (scale: number) => KNOB.cellW * scale;
export const jackCellWidth = (scale: number) => JACK.cellW * scale;

/** Room for a name on two lines and the maker below it, as printed at the top of a panel. */
export function titleHeightFor(h: number): number {
  return Math.round(Math.min(36, h * 0.12));
}

interface Grid {
  cols: number;
  rows: number;
  height: number;
}

function grid(count: number, width: number, cellW: number, cellH: number): Grid {
  const cols = Math.max(1, Math.floor(width / cellW));
  const rows = Math.ceil(count / cols);
  return { cols, rows, height: rows * cellH };
}

/** Places `ids` in rows of `cols` cells from `top`, each row centred on the panel. */
function place(
  items: readonly { id: string }[],
  g: Grid,
  w: number,
  top: number,
  cellW: number,
  cellH: number,
  size: (index: number) => number,
  itemTop: number,
): PanelItem[] {
  return items.map((item, i) => {
    const row = Math.floor(i / g.cols);
    const inRow = Math.min(g.cols, items.length - row * g.cols);
    const col = i % g.cols;
    const left = (w - inRow * cellW) / 2;
    const s = size(i);
    return {
      id: item.id,
      cx: round(left + (col + 0.5) * cellW),
      cy: round(top + row * cellH + itemTop + s / 2),
      size: round(s),
    };
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

export function layoutPanel({ w, h, controls, jacks }: PanelParts): PanelLayout {
  const titleTop = SCREW_MARGIN - 4;
  const titleHeight = titleHeightFor(h);
  const top = titleTop + titleHeight + 4;
  const bottom = h - FOOTER;
  const avail = Math.max(0, bottom - top);
  const width = Math.max(1, w - 2 * SIDE_INSET);
  const inputs = jacks.filter((j) => j.dir === 'in');
  const outputs = jacks.filter((j) => j.dir === 'out');

  const fit = (s: number) => {
    const k = grid(controls.length, width, KNOB.cellW * s, KNOB.cellH * s);
    const i = grid(inputs.length, width, JACK.cellW * s, JACK.cellH * s);
    const o = grid(outputs.length, width, JACK.cellW * s, JACK.cellH * s);
    const sections = [k, i, o].filter((g) => g.rows > 0).length;
    const need = k.height + i.height + o.height + Math.max(0, sections - 1) * SECTION_GAP * s;
    return { k, i, o, need };
  };
  let scale = 1;
  let g = fit(scale);
  while (g.need > avail && scale > MIN_SCALE) {
    scale = Math.max(MIN_SCALE, Math.round((scale - 0.05) * 100) / 100);
    g = fit(scale);
  }

  const knobCellW = KNOB.cellW * scale;
  const knobCellH = KNOB.cellH * scale;
  const controlItems = place(
    controls,
    g.k,
    w,
    top,
    knobCellW,
    knobCellH,
    (i) => (controls[i]!.kind === 'switch' || controls[i]!.kind === 'button' ? SWITCH.size : KNOB.size) * scale,
    2 * scale,
  );

  const jackCellW = JACK.cellW * scale;
  const jackCellH = JACK.cellH * scale;
  const outputsTop = bottom - g.o.height;
  const inputsTop = outputsTop - (g.o.rows > 0 && g.i.rows > 0 ? SECTION_GAP * scale : 0) - g.i.height;
  const jackSize = () => JACK.size * scale;
  const inputItems = place(inputs, g.i, w, inputsTop, jackCellW, jackCellH, jackSize, 3 * scale);
  const outputItems = place(outputs, g.o, w, outputsTop, jackCellW, jackCellH, jackSize, 3 * scale);

  return {
    scale,
    showLabels: scale >= LABEL_SCALE,
    titleTop,
    titleHeight,
    controls: controlItems,
    jacks: [...inputItems, ...outputItems],
    outputPlate:
      g.o.rows > 0 ? { x: SIDE_INSET, y: round(outputsTop - 1), w: w - 2 * SIDE_INSET, h: round(g.o.height + 1) } : null,
  };
}

const cache = new Map<string, PanelLayout>();
const CACHE_MAX = 500;

/**
 * The layout of a catalog module's panel at a size, computed once: every panel of the same
 * module in the same row height looks the same, and cables ask for jack positions often.
 */
export function panelLayoutFor(catalogId: string, parts: PanelParts): PanelLayout {
  const key = `${catalogId}|${parts.w}|${parts.h}|${parts.controls.length}|${parts.jacks.length}`;
  let layout = cache.get(key);
  if (!layout) {
    if (cache.size >= CACHE_MAX) cache.clear();
    layout = layoutPanel(parts);
    cache.set(key, layout);
  }
  return layout;
}
