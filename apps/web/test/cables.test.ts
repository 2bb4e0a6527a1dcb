import { describe, expect, it } from 'vitest';
import { cableBounds, cablePath, cableSag, MAX_SAG, pointOnCable } from '../src/room/canvas/cable-path.ts';
import { CABLE_PALETTE, checkCableTarget, defaultCableColor, jackLabel, type JackEnd } from '../src/room/canvas/cable-rules.ts';

const jack = (moduleId: string, jackId: string, dir: 'in' | 'out', signal: string): JackEnd => ({
  moduleId,
  jackId,
  dir,
  signal,
  moduleName: moduleId.toUpperCase(),
  jackName: jackId,
});

describe('cable sag', () => {
  const a = { x: 0, y: 100 };
  const b = { x: 300, y: 100 };

  it('starts and ends exactly on the two plugs', () => {
    expect(pointOnCable(a, b, 0)).toEqual(a);
    expect(pointOnCable(a, b, 1)).toEqual(b);
    expect(cablePath(a, b)).toMatch(/^M0 100C.* 300 100$/);
  });

  it('hangs below both plugs, lowest in the middle of a level cable', () => {
    const middle = pointOnCable(a, b, 0.5);
    expect(middle.y).toBeGreaterThan(a.y + 20);
    for (const t of [0.1, 0.3, 0.7, 0.9]) expect(pointOnCable(a, b, t).y).toBeLessThan(middle.y);
  });

  it('sags more when the plugs are further apart, up to a limit', () => {
    expect(cableSag(a, { x: 600, y: 100 })).toBeGreaterThan(cableSag(a, b));
    expect(cableSag(a, { x: 100_000, y: 100 })).toBe(MAX_SAG);
  });

  it('hangs below the lower plug when one plug is higher', () => {
    const low = { x: 200, y: 400 };
    const lowest = Math.max(...[0.2, 0.5, 0.8].map((t) => pointOnCable(a, low, t).y));
    expect(lowest).toBeGreaterThan(a.y);
  });

  it('knows a box that holds the whole cable', () => {
    const box = cableBounds(a, b);
    for (let t = 0; t <= 1; t += 0.05) {
      const p = pointOnCable(a, b, t);
      expect(p.x).toBeGreaterThanOrEqual(box.minX);
      expect(p.x).toBeLessThanOrEqual(box.maxX);
      expect(p.y).toBeGreaterThanOrEqual(box.minY);
      expect(p.y).toBeLessThanOrEqual(box.maxY);
    }
  });
});

describe('where a cable may be plugged', () => {
  const free = () => false;
  const vcoSaw = jack('vco', 'saw', 'out', 'audio');
  const vcfIn = jack('vcf', 'in', 'in', 'audio');

  it('runs a cable from an output to an input, whichever end the user started from', () => {
    expect(checkCableTarget(vcoSaw, vcfIn, free)).toEqual({
      ok: true,
      from: { moduleId: 'vco', jackId: 'saw' },
      to: { moduleId: 'vcf', jackId: 'in' },
    });
    expect(checkCableTarget(vcfIn, vcoSaw, free)).toMatchObject({ ok: true, from: { jackId: 'saw' }, to: { jackId: 'in' } });
  });

  it('refuses input to input and output to output, saying why', () => {
    const other = jack('mix', 'in1', 'in', 'audio');
    const check = checkCableTarget(vcfIn, other, free);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/two inputs/i);
    const outs = checkCableTarget(vcoSaw, jack('lfo', 'tri', 'out', 'cv'), free);
    expect(!outs.ok && outs.reason).toMatch(/two outputs/i);
  });

  it('refuses an input that already has a cable', () => {
    const taken = (ref: { moduleId: string; jackId: string }) => ref.moduleId === 'vcf' && ref.jackId === 'in';
    const check = checkCableTarget(vcoSaw, vcfIn, taken);
    expect(check).toEqual({ ok: false, reason: 'VCF in already has a cable.' });
  });

  it('refuses signal types that do not go together', () => {
    const pitchIn = jack('vco2', 'voct', 'in', 'pitch');
    expect(checkCableTarget(vcoSaw, pitchIn, free)).toEqual({ ok: false, reason: 'An audio output cannot feed a pitch input.' });
    expect(checkCableTarget(jack('seq', 'cv', 'out', 'pitch'), pitchIn, free).ok).toBe(true);
    // Audio-rate modulation is allowed on purpose.
    expect(checkCableTarget(vcoSaw, jack('vcf', 'fm', 'in', 'cv'), free).ok).toBe(true);
  });

  it('treats the jack it started from as "put it back", not an error', () => {
    expect(checkCableTarget(vcoSaw, vcoSaw, free)).toMatchObject({ ok: false, sameJack: true });
  });

  it('allows patching a module into itself (feedback is a technique)', () => {
    expect(checkCableTarget(vcoSaw, jack('vco', 'fm', 'in', 'audio'), free).ok).toBe(true);
  });

  it('colours a new cable by the signal it carries', () => {
    expect(defaultCableColor('audio')).not.toBe(defaultCableColor('gate'));
    expect(CABLE_PALETTE.map((p) => p.color)).toContain(defaultCableColor('pitch'));
    expect(defaultCableColor('unknown')).toBe(defaultCableColor('audio'));
  });

  it('names a jack for screen readers', () => {
    expect(jackLabel('A-110-1', 'Saw', 'out')).toBe('A-110-1 Saw output');
    expect(jackLabel('A-120', 'Audio In', 'in')).toBe('A-120 Audio In input');
  });
});
