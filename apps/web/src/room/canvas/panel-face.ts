// The printed face of a module panel — metal, screws, output plate, socket rings, knob bodies
// and the little labels — drawn once per catalog module and size as an SVG image. Every panel of
// that module shows the same image, so a big rack needs a few dozen images instead of thousands
// of elements; only what moves or takes focus (knob pointers, jacks) stays in the DOM.
import type { PanelLayout } from './panel-layout.ts';
import { controlCellWidth, jackCellWidth } from './panel-layout.ts';

export interface FaceParts {
  w: number;
  h: number;
  hp: number;
  controls: readonly { id: string; name: string; kind: string }[];
  jacks: readonly { id: string; name: string; dir: 'in' | 'out' }[];
}

/** Average width of a label character (px per px of font size), to shorten labels that would spill over. */
const CHAR_WIDTH = 0.58;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const charsIn = (width: number, size: number) => Math.max(1, Math.floor(width / (size * CHAR_WIDTH)));

/** The label as it fits in `width` px at `size` px: cut with an ellipsis when too long. */
export function fitLabel(text: string, width: number, size: number): string {
  const max = charsIn(width, size);
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** How panels print long words when space is short. */
const SHORT_WORDS: Record<string, string> = {
  accent: 'Acc',
  audio: 'Aud',
  channel: 'Ch',
  clock: 'Clk',
  envelope: 'Env',
  frequency: 'Freq',
  input: 'In',
  left: 'L',
  level: 'Lvl',
  modulation: 'Mod',
  output: 'Out',
  reset: 'Rst',
  resonance: 'Res',
  right: 'R',
  sawtooth: 'Saw',
  signal: 'Sig',
  square: 'Sqr',
  triangle: 'Tri',
  trigger: 'Trig',
  variable: 'Var',
  velocity: 'Vel',
};

/**
 * A name as a panel prints it in `width` px: whole when it fits; else without an "In" or "Out"
 * that the jack's section already says ("Audio In" → "Audio"), then with common words shortened
 * ("Triangle" → "Tri"); cut with an ellipsis only if it still does not fit.
 */
export function panelLabel(text: string, width: number, size: number, dir?: 'in' | 'out'): string {
  const max = charsIn(width, size);
  if (text.length <= max) return text;
  const words = text.split(/\s+/);
  const redundant = dir === 'in' ? /^(in|input)$/i : dir === 'out' ? /^(out|output)$/i : null;
  const kept = redundant ? words.filter((word) => !redundant.test(word)) : words;
  const plain = kept.some((word) => /[a-z]/i.test(word)) ? kept : words;
  if (plain.join(' ').length <= max) return plain.join(' ');
  return fitLabel(plain.map((word) => SHORT_WORDS[word.toLowerCase()] ?? word).join(' '), width, size);
}

const n = (value: number) => Math.round(value * 100) / 100;

export function panelFaceSvg(parts: FaceParts, layout: PanelLayout): string {
  const { w, h, hp, controls, jacks } = parts;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">`,
    '<defs><linearGradient id="m" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#eef0f3"/><stop offset="1" stop-color="#d5d9df"/></linearGradient></defs>',
    `<rect x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" rx="2" fill="url(#m)" stroke="#a6aeb9"/>`,
    `<circle cx="${n(w / 2)}" cy="5.5" r="3.2" fill="#c9ced6" stroke="#6b737f" stroke-width="0.8"/>`,
    `<circle cx="${n(w / 2)}" cy="${n(h - 5.5)}" r="3.2" fill="#c9ced6" stroke="#6b737f" stroke-width="0.8"/>`,
  );
  const plate = layout.outputPlate;
  if (plate) out.push(`<rect x="${n(plate.x)}" y="${n(plate.y)}" width="${n(plate.w)}" height="${n(plate.h)}" rx="3" fill="#23272e"/>`);

  const labelSize = 7;
  const controlById = new Map(controls.map((c) => [c.id, c]));
  for (const item of layout.controls) {
    const control = controlById.get(item.id);
    if (!control) continue;
    const r = item.size / 2;
    if (control.kind === 'switch' || control.kind === 'button') {
      out.push(`<rect x="${n(item.cx - r * 0.7)}" y="${n(item.cy - r)}" width="${n(r * 1.4)}" height="${n(item.size)}" rx="2" fill="#7d858f" stroke="#4b5360" stroke-width="0.8"/>`);
    } else {
      out.push(
        `<circle cx="${n(item.cx)}" cy="${n(item.cy)}" r="${n(r + 2)}" fill="#c4cad3"/>`,
        `<circle cx="${n(item.cx)}" cy="${n(item.cy)}" r="${n(r)}" fill="#1e2227"/>`,
      );
    }
    if (layout.showLabels) out.push(label(control.name, item.cx, item.cy + r + 1 + labelSize, controlCellWidth(layout.scale), labelSize, '#15191f'));
  }
  const jackById = new Map(jacks.map((j) => [j.id, j]));
  for (const item of layout.jacks) {
    const jack = jackById.get(item.id);
    if (!jack) continue;
    const r = item.size / 2;
    const ring = jack.dir === 'out' ? '#f5b942' : '#c8cdd4';
    out.push(
      `<circle cx="${n(item.cx)}" cy="${n(item.cy)}" r="${n(r)}" fill="${jack.dir === 'out' ? '#a4731a' : '#7d858f'}"/>`,
      `<circle cx="${n(item.cx)}" cy="${n(item.cy)}" r="${n(r * 0.8)}" fill="${ring}"/>`,
      `<circle cx="${n(item.cx)}" cy="${n(item.cy)}" r="${n(r * 0.5)}" fill="#050607"/>`,
    );
    if (layout.showLabels) {
      const color = jack.dir === 'out' && plate ? '#f2f3f5' : '#15191f';
      out.push(label(jack.name, item.cx, item.cy + r + 1 + labelSize, jackCellWidth(layout.scale), labelSize, color, jack.dir));
    }
  }
  out.push(`<text x="${n(w / 2)}" y="${n(h - 10)}" font-size="8" font-weight="700" fill="#6b7380" text-anchor="middle">${hp} HP</text>`);
  out.push('</svg>');
  return out.join('');
}

function label(text: string, x: number, baseline: number, width: number, size: number, color: string, dir?: 'in' | 'out'): string {
  return `<text x="${n(x)}" y="${n(baseline)}" font-size="${size}" font-weight="600" fill="${color}" text-anchor="middle">${escapeXml(panelLabel(text, width - 2, size, dir))}</text>`;
}

const cache = new Map<string, string>();
const CACHE_MAX = 300;

/** The face as a CSS background image, made once per catalog module and panel size. */
export function panelFaceUrl(catalogId: string, parts: FaceParts, layout: PanelLayout): string {
  const key = `${catalogId}|${parts.w}|${parts.h}`;
  let url = cache.get(key);
  if (!url) {
    if (cache.size >= CACHE_MAX) cache.clear();
    url = `url("data:image/svg+xml,${encodeURIComponent(panelFaceSvg(parts, layout))}")`;
    cache.set(key, url);
  }
  return url;
}
