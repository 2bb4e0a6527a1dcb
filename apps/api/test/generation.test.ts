import { addModule, listCables, listKnobs, listModules, listPatches, listPatterns, withOrigin } from '@patchroom/doc-model';
import { describe, expect, it } from 'vitest';
import { browser, codeOf, liveApi } from './helpers.ts';
import { waitFor } from './room-client.ts';

const api = liveApi({ rateLimits: { generation: { points: 6, windowSeconds: 60 } } });
const { person, join } = api;

/** A rack with a small voice: VCO, VCF, VCA, envelope, LFO, clock, output, placed by the owner live. */
async function voiceRack() {
  const ada = await person('Ada');
  const bea = await person('Bea');
  const cy = await person('Cy');
  const { id } = await ada.client.racks.create.mutate({ name: 'Generated', caseId: 'doepfer-a100-lc9' });
  await ada.client.racks.share.mutate({ id, email: bea.email, role: 'editor' });
  await ada.client.racks.share.mutate({ id, email: cy.email, role: 'viewer' });
  const pick = async (type: string) => (await ada.client.catalog.modules.query({ type })).items[0]!;
  const modules = await Promise.all(['oscillator', 'filter', 'vca', 'envelope', 'lfo', 'clock', 'output'].map(pick));
  const adaRoom = join(id, ada.token);
  await adaRoom.synced;
  withOrigin(adaRoom.doc, 'ada', () => {
    for (const m of modules) addModule(adaRoom.doc, { catalogId: m.id, widthHp: m.hp });
  });
  return { id, ada, bea, cy, adaRoom, moduleCount: modules.length };
}

describe('generation written live into the room', () => {
  it('writes seeded patches that both connected collaborators see at once, with provenance', async () => {
    const { id, bea, adaRoom, moduleCount } = await voiceRack();
    const beaRoom = join(id, bea.token);
    await beaRoom.synced;
    await waitFor(() => listModules(beaRoom.doc).length === moduleCount, 'Bea to see the modules');
    const before = listPatches(beaRoom.doc).length;

    const result = await bea.client.generation.patches.mutate({ rackId: id, seed: 'night-42', count: 3 });
    expect(result.patches).toHaveLength(3);
    for (const room of [adaRoom, beaRoom]) {
      await waitFor(() => listPatches(room.doc).length === before + 3, 'the generated patches to arrive');
    }
    for (const { id: patchId, cables } of result.patches) {
      const patch = listPatches(adaRoom.doc).find((p) => p.id === patchId)!;
      expect(patch.provenance).toMatchObject({ seed: 'night-42', generatorVersion: result.generatorVersion });
      expect(listCables(adaRoom.doc, patchId)).toHaveLength(cables);
      expect(listCables(beaRoom.doc, patchId)).toEqual(listCables(adaRoom.doc, patchId));
      expect(listKnobs(beaRoom.doc, patchId)).toEqual(listKnobs(adaRoom.doc, patchId));
    }
    expect(result.patches.some((p) => p.cables > 0)).toBe(true);
  });

  it('gives the same patches for the same seed and rack', async () => {
    const { id, ada, adaRoom } = await voiceRack();
    const first = await ada.client.generation.patches.mutate({ rackId: id, seed: 'same', count: 2 });
    const second = await ada.client.generation.patches.mutate({ rackId: id, seed: 'same', count: 2 });
    const strip = (patchId: string) =>
      listCables(adaRoom.doc, patchId)
        .map(({ from, to, color }) => JSON.stringify({ from, to, color }))
        .sort();
    await waitFor(() => listPatches(adaRoom.doc).length >= 5, 'four new patches');
    expect(second.patches.map((p) => [p.name, p.category])).toEqual(first.patches.map((p) => [p.name, p.category]));
    expect(strip(second.patches[0]!.id)).toEqual(strip(first.patches[0]!.id));
    const other = await ada.client.generation.patches.mutate({ rackId: id, seed: 'different', count: 2 });
    expect(other.patches.map((p) => p.name)).not.toEqual(first.patches.map((p) => p.name));
  });

  it('writes generated patterns into the room', async () => {
    const { id, ada, adaRoom } = await voiceRack();
    const result = await ada.client.generation.patterns.mutate({ rackId: id, seed: 'groove', count: 2, tracks: 3, steps: 16, scale: 'minor' });
    await waitFor(() => listPatterns(adaRoom.doc).length === 2, 'two patterns');
    const pattern = listPatterns(adaRoom.doc).find((p) => p.id === result.patterns[0]!.id)!;
    expect(pattern.tracks).toHaveLength(3);
    expect(pattern.length).toBe(16);
    expect(pattern.tracks.some((t) => t.steps.some((s) => s.on))).toBe(true);
    expect(pattern.provenance?.seed).toBe('groove');
  });

  it('refuses viewers and strangers, changes nothing, and rate-limits generation', async () => {
    const { id, cy, adaRoom, ada } = await voiceRack();
    const patchesBefore = listPatches(adaRoom.doc).length;
    expect(await codeOf(cy.client.generation.patches.mutate({ rackId: id, seed: 'x', count: 1 }))).toBe('FORBIDDEN');
    const stranger = await person('Stranger');
    expect(await codeOf(stranger.client.generation.patches.mutate({ rackId: id, seed: 'x', count: 1 }))).toBe('NOT_FOUND');
    expect(await codeOf(ada.client.generation.patches.mutate({ rackId: id, seed: 'x', count: 5000 }))).toBe('BAD_REQUEST');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listPatches(adaRoom.doc)).toHaveLength(patchesBefore);

    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(await codeOf(ada.client.generation.rackName.query({ seed: `n${i}` })));
    expect(codes.every((c) => c === 'OK')).toBe(true);
    const limited: string[] = [];
    for (let i = 0; i < 7; i++) limited.push(await codeOf(ada.client.generation.patterns.mutate({ rackId: id, seed: `p${i}`, count: 1 })));
    expect(limited.slice(0, 6).every((c) => c === 'OK')).toBe(true);
    expect(limited[6]).toBe('TOO_MANY_REQUESTS');
  });

  it('suggests the same rack name for the same seed', async () => {
    const { client } = browser(api.server);
    const a = await client.generation.rackName.query({ seed: 'moon' });
    const b = await client.generation.rackName.query({ seed: 'moon' });
    expect(a.name).toBe(b.name);
    expect(a.name.length).toBeGreaterThan(3);
  });
});
