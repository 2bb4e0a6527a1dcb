import { describe, expect, it } from 'vitest';
import { diagramToSvg, HP_MM, PANEL_MM, patchDiagram, rackDiagram, type DiagramRack, type Shape } from '../src/index.ts';

const rack: DiagramRack = {
  rows: [{ hp: 84 }, { hp: 42 }],
  modules: [
    { id: 'm_vco', name: 'Plaits', row: 0, hp: 0, widthHp: 12, parked: false, jacks: [{ id: 'out', name: 'Out', dir: 'out' }, { id: 'fm', name: 'FM', dir: 'in' }] },
    { id: 'm_vcf', name: 'Ripples <filter> & "more"', row: 0, hp: 12, widthHp: 8, parked: false, jacks: [{ id: 'in', name: 'In', dir: 'in' }, { id: 'lp', name: 'LP', dir: 'out' }] },
    { id: 'm_mult', name: 'A very long multiple name', row: 1, hp: 40, widthHp: 2, parked: false, jacks: [] },
    { id: 'm_env', name: 'Maths', row: 0, hp: 0, widthHp: 20, parked: true, jacks: [{ id: 'gate', name: 'Gate', dir: 'in' }] },
  ],
};

const texts = (shapes: Shape[]) => shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));

describe('rack diagram', () => {
  it('draws rows and panels to scale with module names, parked modules below', () => {
    const d = rackDiagram(rack);
    expect(d.width).toBeCloseTo(84 * HP_MM + 12, 1);
    expect(d.height).toBeGreaterThan(3 * PANEL_MM);
    const panels = d.shapes.filter((s) => s.kind === 'rect' && s.radius === 0.8);
    expect(panels).toHaveLength(4);
    const vco = panels[0] as Extract<Shape, { kind: 'rect' }>;
    expect(vco.h).toBe(PANEL_MM);
    expect(vco.w).toBeCloseTo(12 * HP_MM - 0.3, 2);
    expect(texts(d.shapes)).toEqual(expect.arrayContaining(['Plaits', 'Maths', 'Parked (no room in the case)']));
    // The 2 HP module's name runs up the panel, shortened to fit.
    const narrow = d.shapes.find((s) => s.kind === 'text' && s.text.startsWith('A very'));
    expect(narrow).toMatchObject({ rotate: -90 });
  });
});

describe('patch diagram', () => {
  const cables = [
    { from: { moduleId: 'm_vco', jackId: 'out' }, to: { moduleId: 'm_vcf', jackId: 'in' }, color: '#ff0000' },
    { from: { moduleId: 'm_vcf', jackId: 'lp' }, to: { moduleId: 'm_env', jackId: 'gate' }, color: 'javascript:alert(1)' },
  ];

  it('draws each cable as a coloured curve between its jacks, and the jacks of the modules it uses', () => {
    const d = patchDiagram(rack, cables);
    const curves = d.shapes.filter((s) => s.kind === 'curve');
    expect(curves).toHaveLength(2);
    expect(curves[0]).toMatchObject({ color: '#ff0000' });
    expect(curves[1]).toMatchObject({ color: '#e8b04a' });
    expect(d.shapes.filter((s) => s.kind === 'circle')).toHaveLength(5);
    const [first] = curves as Extract<Shape, { kind: 'curve' }>[];
    expect(first!.c1[1]).toBeGreaterThan(first!.from[1]);
  });

  it('renders the same SVG for the same input, with names escaped', () => {
    const a = diagramToSvg(patchDiagram(rack, cables), 'Patch <1>');
    const b = diagramToSvg(patchDiagram(structuredClone(rack), structuredClone(cables)), 'Patch <1>');
    expect(a).toBe(b);
    expect(a).toContain('<title>Patch &lt;1&gt;</title>');
    expect(a).toContain('Ripples &lt;filter&gt; &amp; &quot;…');
    expect(a).not.toContain('javascript');
    expect(a.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});
