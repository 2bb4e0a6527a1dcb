import { parse as parseContentDisposition } from 'content-disposition';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_COOKIE } from '@patchroom/db';
import { addModule, addPatch, addPattern, connect, setKnob, setNotes, setStep, setTransportPattern, toSnapshot, type RackSnapshot } from '@patchroom/doc-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, codeOf, startApi, type TestServer, signUpPerson } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startApi({ withCollab: true });
}, 180_000);
afterAll(async () => {
  await server?.close();
});

const person = (name: string) => signUpPerson(server, name);

/** A rack with 4 modules, 3 named patches with cables and knobs, a pattern with steps, notes. */
async function threePatchRack(owner: Awaited<ReturnType<typeof person>>, name = 'Night Voice') {
  const { id } = await owner.client.racks.create.mutate({ name, caseId: 'doepfer-a100-lc9' });
  const pick = async (type: string) => (await owner.client.catalog.modules.query({ type })).items[0]!;
  const [vco, vcf, vca, lfo] = await Promise.all(['oscillator', 'filter', 'vca', 'lfo'].map(pick));
  const out = (m: typeof vco) => m!.jacks.find((j) => j.dir === 'out')!;
  const inp = (m: typeof vco) => m!.jacks.find((j) => j.dir === 'in')!;
  const cableLines: string[] = [];
  await server.collab!.withRoom(id, (doc) => {
    const ids = [vco, vcf, vca, lfo].map((m) => addModule(doc, { catalogId: m!.id, widthHp: m!.hp }).id);
    const [a, b, c, d] = ids as [string, string, string, string];
    const names = ['Warm Bass', 'Slow Sweep', 'Tremolo Pad'];
    names.forEach((patchName, i) => {
      const patch = addPatch(doc, { name: patchName, category: 'voice' });
      connect(doc, { patchId: patch.id, from: { moduleId: a, jackId: out(vco).id }, to: { moduleId: b, jackId: inp(vcf).id }, color: '#ff0000' });
      connect(doc, { patchId: patch.id, from: { moduleId: i === 2 ? d : b, jackId: out(i === 2 ? lfo : vcf).id }, to: { moduleId: c, jackId: inp(vca).id } });
      setKnob(doc, { patchId: patch.id, moduleId: b, controlId: vcf!.controls[0]?.id ?? 'cutoff', value: 0.1 * (i + 1) });
    });
    const pattern = addPattern(doc, { name: 'Pulse', length: 8, tracks: 2 });
    setStep(doc, pattern.id, 0, 0, { on: true });
    setStep(doc, pattern.id, 1, 5, { on: true, pitch: 67 });
    setTransportPattern(doc, pattern.id);
    setNotes(doc, 'Start with the filter closed.');
  });
  cableLines.push(`${vco!.name} ${out(vco).name} -> ${vcf!.name} ${inp(vcf).name}`, `${lfo!.name} ${out(lfo).name} -> ${vca!.name} ${inp(vca).name}`);
  return { id, cableLines, moduleNames: [vco, vcf, vca, lfo].map((m) => m!.name) };
}

async function waitForJob(client: Awaited<ReturnType<typeof person>>['client'], jobId: string) {
  for (let i = 0; i < 300; i++) {
    const status = await client.exports.patchBookJob.query({ jobId });
    if (status.status !== 'rendering') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the patch book did not finish in 15 s');
}

function pdfTools(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'patchbook-'));
  const file = join(dir, 'book.pdf');
  writeFileSync(file, bytes);
  return {
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
  };
}

describe('PDF patch book', () => {
  it('builds a valid book with the rack, every patch and its cable list, downloadable by those who may read the rack', async () => {
    const ada = await person('Ada Lovelace');
    const rack = await threePatchRack(ada);
    const { jobId } = await ada.client.exports.patchBook.mutate({ rackId: rack.id });
    const status = await waitForJob(ada.client, jobId);
    expect(status).toMatchObject({ status: 'done', progress: 1, fileName: 'night-voice.pdf', url: `/api/exports/books/${jobId}` });
    const downloadUrl = status.url!;

    const response = await fetch(`${server.url}${downloadUrl}`, { headers: { cookie: ada.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('night-voice.pdf');
    const { info, text } = pdfTools(Buffer.from(await response.arrayBuffer()));
    expect(info).toMatch(/Pages:\s+[5-9]/); // cover, modules, 4 patches (Patch 1 too), patterns
    expect(info).toContain('Night Voice');
    expect(text).toContain('Night Voice');
    expect(text).toContain('Patch book by Ada Lovelace');
    for (const name of ['Warm Bass', 'Slow Sweep', 'Tremolo Pad']) expect(text).toContain(name);
    for (const line of rack.cableLines) expect(text.replace(/\s+/g, ' ')).toContain(line);
    for (const name of rack.moduleNames) expect(text).toContain(name);
    expect(text).toContain('Pattern: Pulse');

    // Someone without access to the rack cannot download it, even with the job id; nobody can without a session.
    const bea = await person('Bea');
    expect((await fetch(`${server.url}${downloadUrl}`, { headers: { cookie: bea.cookie } })).status).toBe(404);
    expect((await fetch(`${server.url}${downloadUrl}`)).status).toBe(404);
    expect(await codeOf(bea.client.exports.patchBookJob.query({ jobId }))).toBe('NOT_FOUND');
    // Once shared with her, she can.
    await ada.client.racks.share.mutate({ id: rack.id, email: bea.email, role: 'viewer' });
    expect((await fetch(`${server.url}${downloadUrl}`, { headers: { cookie: bea.cookie } })).status).toBe(200);
  });

  it('prints names and notes in any European script (Cyrillic, Greek) and symbols as real, searchable text', async () => {
    const ada = await person('Ада Лавлейс');
    const rack = await threePatchRack(ada, 'Ночной голос');
    await server.collab!.withRoom(rack.id, (doc) => {
      addPatch(doc, { name: 'Тёплый бас Ω', category: 'voice' });
      setNotes(doc, 'Φίλτρο κλειστό → open it slowly, 5 °C colder');
    });
    const { jobId } = await ada.client.exports.patchBook.mutate({ rackId: rack.id });
    const status = await waitForJob(ada.client, jobId);
    const response = await fetch(`${server.url}${status.url!}`, { headers: { cookie: ada.cookie } });
    // The file keeps the rack's name (RFC 8187 filename*, with an ASCII fallback for old clients).
    expect(status.fileName).toBe('ночной-голос.pdf');
    expect(parseContentDisposition(response.headers.get('content-disposition')!).parameters.filename).toBe('ночной-голос.pdf');
    const { info, text } = pdfTools(Buffer.from(await response.arrayBuffer()));
    expect(info).toContain('Ночной голос');
    for (const shown of ['Ночной голос', 'Patch book by Ада Лавлейс', 'Тёплый бас Ω', 'Φίλτρο κλειστό → open it slowly, 5 °C colder']) {
      expect(text).toContain(shown);
    }
  });

  it('refuses non-members of a private rack for every export', async () => {
    const ada = await person('Ada');
    const rack = await threePatchRack(ada, 'Private Rack');
    const eve = await person('Eve');
    expect(await codeOf(eve.client.exports.patchBook.mutate({ rackId: rack.id }))).toBe('NOT_FOUND');
    expect(await codeOf(eve.client.exports.rackJson.query({ rackId: rack.id }))).toBe('NOT_FOUND');
    expect(await codeOf(eve.client.exports.svg.query({ rackId: rack.id }))).toBe('NOT_FOUND');
    expect(await codeOf(browser(server).client.exports.rackJson.query({ rackId: rack.id }))).toBe('UNAUTHORIZED');
    // The starting mutation needs the CSRF header like every other.
    const noHeader = browser(server, { csrfHeader: false });
    noHeader.jar.set(SESSION_COOKIE, ada.jar.get(SESSION_COOKIE)!);
    expect(await codeOf(noHeader.client.exports.patchBook.mutate({ rackId: rack.id }))).toBe('FORBIDDEN');
    // A viewer may export.
    await ada.client.racks.share.mutate({ id: rack.id, email: eve.email, role: 'viewer' });
    expect((await eve.client.exports.rackJson.query({ rackId: rack.id })).fileName).toBe('private-rack.json');
  });
});

describe('SVG diagrams', () => {
  it('draws the rack and a patch with its cables, the same each time', async () => {
    const ada = await person('Ada');
    const rack = await threePatchRack(ada);
    const whole = await ada.client.exports.svg.query({ rackId: rack.id });
    expect(whole.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const name of rack.moduleNames) expect(whole.svg).toContain(`>${name.replace(/&/g, '&amp;')}<`);
    const snapshot = JSON.parse((await ada.client.exports.rackJson.query({ rackId: rack.id })).json).rack as RackSnapshot;
    const patch = snapshot.patches.find((p) => p.name === 'Warm Bass')!;
    const drawn = await ada.client.exports.svg.query({ rackId: rack.id, patchId: patch.id });
    expect(drawn.svg.match(/<path /g)).toHaveLength(2);
    expect(drawn.svg).toContain('stroke="#ff0000"');
    expect((await ada.client.exports.svg.query({ rackId: rack.id, patchId: patch.id })).svg).toBe(drawn.svg);
    expect(await codeOf(ada.client.exports.svg.query({ rackId: rack.id, patchId: 'patch_gone' }))).toBe('NOT_FOUND');
  });
});

describe('JSON export and import', () => {
  it('round-trips: importing a file and exporting the new rack gives the same file with the new name', async () => {
    const ada = await person('Ada');
    const rack = await threePatchRack(ada);
    const first = await ada.client.exports.rackJson.query({ rackId: rack.id });
    const bea = await person('Bea');
    const { id: copyId } = await bea.client.racks.importJson.mutate({ json: first.json, name: 'Imported Voice' });
    expect(copyId).not.toBe(rack.id);
    expect((await bea.client.racks.list.query()).map((r) => [r.id, r.name, r.role])).toContainEqual([copyId, 'Imported Voice', 'owner']);
    const second = await bea.client.exports.rackJson.query({ rackId: copyId });
    expect(second.json).toBe(first.json.replace('"name": "Night Voice"', '"name": "Imported Voice"'));
    expect(second.fileName).toBe('imported-voice.json');
    // The live room holds it for everyone who joins.
    const live = await server.collab!.withRoom(copyId, (doc) => toSnapshot(doc));
    expect(live).toEqual(JSON.parse(first.json).rack);
    expect(live.patches.map((p) => p.name)).toEqual(['Patch 1', 'Warm Bass', 'Slow Sweep', 'Tremolo Pad']);
  });

  it('refuses invalid, inconsistent and oversized files with a clear message, creating nothing', async () => {
    const ada = await person('Ada');
    const rack = await threePatchRack(ada);
    const good = JSON.parse((await ada.client.exports.rackJson.query({ rackId: rack.id })).json);
    const bea = await person('Bea');
    const attempt = async (json: string) => {
      try {
        await bea.client.racks.importJson.mutate({ json, name: 'Broken' });
        return 'created';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(await attempt('{"format": "patchroom.rack", ')).toMatch(/not valid JSON/);
    expect(await attempt(JSON.stringify({ hello: 'world' }))).toMatch(/not a Patchroom rack file/);
    const badKnob = structuredClone(good);
    badKnob.rack.patches[1].knobs[0].value = 'loud';
    expect(await attempt(JSON.stringify(badKnob))).toMatch(/rack\.patches\.1\.knobs\.0\.value/);
    const overlapping = structuredClone(good);
    overlapping.rack.modules[1].hp = overlapping.rack.modules[0].hp;
    expect(await attempt(JSON.stringify(overlapping))).toMatch(/modules are not consistent/);
    const unknownModule = structuredClone(good);
    unknownModule.rack.modules[0].catalogId = 'no-such-module';
    expect(await attempt(JSON.stringify(unknownModule))).toMatch(/catalog has no module no-such-module/);
    const script = structuredClone(good);
    script.rack.notes = 'x'.repeat(50_001);
    expect(await attempt(JSON.stringify(script))).toMatch(/rack\.notes/);
    expect(await attempt(' '.repeat(800_001))).toMatch(/too large/);
    const nested = structuredClone(good);
    nested.rack.annotations = [{ id: 'ann_deep', kind: 'sticky', props: { x: JSON.parse('['.repeat(200) + ']'.repeat(200)) } }];
    expect(await attempt(JSON.stringify(nested))).toMatch(/deeper than 40 levels/);
    expect(await codeOf(bea.client.racks.importJson.mutate({ json: JSON.stringify(good), name: '   ' }))).toBe('BAD_REQUEST');
    expect(await bea.client.racks.list.query()).toEqual([]);
  });
});
