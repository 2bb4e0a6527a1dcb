import { describe, expect, it } from 'vitest';
import { layoutPanel, type PanelItem } from '../src/room/canvas/panel-layout.ts';
import { hpToPx, layoutCase, parkingPoints, readingOrder, rowHeightPx } from '../src/room/canvas/layout.ts';
import { escapeXml, fitLabel, panelFaceSvg, panelLabel } from '../src/room/canvas/panel-face.ts';

const knobs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `k${i}`, kind: i % 4 === 3 ? 'switch' : 'knob' }));
const jacks = (ins: number, outs: number) => [
  ...Array.from({ length: ins }, (_, i) => ({ id: `in${i}`, dir: 'in' as const })),
  ...Array.from({ length: outs }, (_, i) => ({ id: `out${i}`, dir: 'out' as const })),
];

function overlaps(a: PanelItem, b: PanelItem): boolean {
  return Math.hypot(a.cx - b.cx, a.cy - b.cy) < (a.size + b.size) / 2;
}

describe('module panel layout', () => {
  it('puts every knob and jack on the panel, none on top of another', () => {
    const w = hpToPx(10);
    const h = rowHeightPx(3);
    const layout = layoutPanel({ w, h, controls: knobs(6), jacks: jacks(5, 4) });
    const items = [...layout.controls, ...layout.jacks];
    expect(items).toHaveLength(15);
    for (const item of items) {
      expect(item.cx - item.size / 2).toBeGreaterThanOrEqual(0);
      expect(item.cx + item.size / 2).toBeLessThanOrEqual(w);
      expect(item.cy - item.size / 2).toBeGreaterThanOrEqual(layout.titleTop + layout.titleHeight);
      expect(item.cy + item.size / 2).toBeLessThanOrEqual(h);
    }
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) expect(overlaps(items[i]!, items[j]!)).toBe(false);
    expect(layout.scale).toBe(1);
  });

  it('puts knobs above jacks and outputs at the bottom, on their plate', () => {
    const layout = layoutPanel({ w: hpToPx(8), h: rowHeightPx(3), controls: knobs(3), jacks: jacks(2, 2) });
    const lowestKnob = Math.max(...layout.controls.map((c) => c.cy));
    const ins = layout.jacks.filter((j) => j.id.startsWith('in'));
    const outs = layout.jacks.filter((j) => j.id.startsWith('out'));
    expect(Math.min(...ins.map((j) => j.cy))).toBeGreaterThan(lowestKnob);
    expect(Math.min(...outs.map((j) => j.cy))).toBeGreaterThan(Math.max(...ins.map((j) => j.cy)));
    const plate = layout.outputPlate!;
    for (const o of outs) expect(o.cy).toBeGreaterThan(plate.y);
  });

  it('shrinks the parts of a busy narrow panel until they fit, and hides labels that would be unreadable', () => {
    const w = hpToPx(2);
    const h = rowHeightPx(3);
    const layout = layoutPanel({ w, h, controls: knobs(4), jacks: jacks(4, 4) });
    expect(layout.scale).toBeLessThan(1);
    const items = [...layout.controls, ...layout.jacks];
    for (const item of items) expect(item.cy + item.size / 2).toBeLessThanOrEqual(h);
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) expect(overlaps(items[i]!, items[j]!)).toBe(false);
  });

  it('is the same every time (cables on every screen meet the same jacks)', () => {
    const parts = { w: 120, h: 304, controls: knobs(5), jacks: jacks(3, 3) };
    expect(layoutPanel(parts)).toEqual(layoutPanel(parts));
  });
});

describe('parking strip', () => {
  it('lines parked modules up under the case, wrapping at its width', () => {
    const layout = layoutCase([{ hp: 20 }]);
    const points = parkingPoints(layout, [8, 8, 8]);
    expect(points[0]!.y).toBeGreaterThan(layout.y + layout.height);
    expect(points[1]!.x).toBeGreaterThan(points[0]!.x);
    expect(points[1]!.y).toBe(points[0]!.y);
    // A third 8 HP module does not fit next to two in a 20 HP wide case: it starts a new line.
    expect(points[2]!.x).toBe(points[0]!.x);
    expect(points[2]!.y).toBeGreaterThan(points[0]!.y);
  });
});

describe('printed panel face', () => {
  const parts = {
    w: hpToPx(8),
    h: rowHeightPx(3),
    hp: 8,
    controls: [{ id: 'f', name: 'Frequency <Hz>', kind: 'knob' }],
    jacks: [
      { id: 'in', name: 'A&B', dir: 'in' as const },
      { id: 'out', name: 'Out', dir: 'out' as const },
    ],
  };

  it('prints every label, escaped, and shortens the ones that would not fit', () => {
    const svg = panelFaceSvg(parts, layoutPanel(parts));
    expect(svg).toContain('A&amp;B');
    expect(svg).not.toContain('<Hz>');
    expect(svg).toMatch(/Freq[^<]*…/);
    expect(svg).toContain('8 HP');
    expect(fitLabel('Out', 26, 7)).toBe('Out');
    expect(fitLabel('Frequency', 14, 7)).toMatch(/…$/);
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('prints a long name the way panels do before cutting it: no redundant In or Out, short words', () => {
    // A jack cell holds 5 characters at 7 px.
    expect(panelLabel('Audio In', 24, 7, 'in')).toBe('Audio');
    expect(panelLabel('Gate Out', 24, 7, 'out')).toBe('Gate');
    expect(panelLabel('Triangle', 24, 7, 'out')).toBe('Tri');
    expect(panelLabel('Accent In', 24, 7, 'in')).toBe('Acc');
    // What fits stays as it is, and a name that would be left without a word keeps it.
    expect(panelLabel('Out L', 24, 7, 'out')).toBe('Out L');
    expect(panelLabel('Input 1', 24, 7, 'in')).toBe('In 1');
    // The direction word is dropped only on a jack of that direction.
    expect(panelLabel('Audio In', 30, 7, 'out')).toBe('Aud In');
    expect(panelLabel('Frequency', 30, 7)).toBe('Freq');
    expect(panelLabel('Ch1 Rise CV', 24, 7, 'in')).toBe('Ch1 …');
  });

  it('draws a socket ring where each jack is', () => {
    const layout = layoutPanel(parts);
    const svg = panelFaceSvg(parts, layout);
    for (const jack of layout.jacks) expect(svg).toContain(`cx="${jack.cx}" cy="${jack.cy}"`);
  });
});

describe('keyboard reading order of panels', () => {
  it('goes row by row, left to right, parked panels last', () => {
    const order = readingOrder([
      { moduleId: 'parked', x: 0, y: 900, parked: true },
      { moduleId: 'row2-left', x: 40, y: 400, parked: false },
      { moduleId: 'row1-right', x: 500, y: 40, parked: false },
      { moduleId: 'row1-left', x: 40, y: 40, parked: false },
    ]);
    expect(order).toEqual(['row1-left', 'row1-right', 'row2-left', 'parked']);
  });
});
