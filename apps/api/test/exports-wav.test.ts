import { addModule, addPattern, connect, setKnob, setStep, setTrackTarget, toSnapshot } from '@patchroom/doc-model';
import { decodeWav, WAV_HEADER_BYTES } from '@patchroom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, codeOf, startApi, type TestServer, signUpPerson } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startApi({ withCollab: true });
});
afterAll(async () => {
  await server?.close();
});

const person = (name: string) => signUpPerson(server, name);

const ON_STEPS = [0, 4, 8, 12];
const BPM = 120;

/** VCO → VCF → VCA ← envelope ← sequencer track, built live in the room with doc-model functions. */
async function voiceRack(owner: Awaited<ReturnType<typeof person>>) {
  const { id } = await owner.client.racks.create.mutate({ name: 'Export voice', caseId: 'doepfer-a100-lc9' });
  const ids = await server.collab!.withRoom(id, (doc) => {
    const vco = addModule(doc, { catalogId: 'doepfer-a-110-1', widthHp: 10 }).id;
    const vcf = addModule(doc, { catalogId: 'doepfer-a-120', widthHp: 8 }).id;
    const vca = addModule(doc, { catalogId: 'doepfer-a-130', widthHp: 8 }).id;
    const env = addModule(doc, { catalogId: 'doepfer-a-140', widthHp: 8 }).id;
    connect(doc, { from: { moduleId: vco, jackId: 'saw' }, to: { moduleId: vcf, jackId: 'audio_in' } });
    connect(doc, { from: { moduleId: vcf, jackId: 'audio_out' }, to: { moduleId: vca, jackId: 'audio_in_1' } });
    connect(doc, { from: { moduleId: env, jackId: 'output' }, to: { moduleId: vca, jackId: 'cv1' } });
    setKnob(doc, { moduleId: env, controlId: 'a', value: 0 });
    setKnob(doc, { moduleId: env, controlId: 'd', value: 0.3 });
    setKnob(doc, { moduleId: env, controlId: 'r', value: 0.3 });
    const pattern = addPattern(doc, { name: 'Four on the floor', bpm: BPM, length: 16 });
    setTrackTarget(doc, pattern.id, 0, { moduleId: env, jackId: 'gate' });
    for (const step of ON_STEPS) setStep(doc, pattern.id, 0, step, { on: true, pitch: 69, velocity: 120 });
    return { patternId: pattern.id, patchId: toSnapshot(doc).activePatchId! };
  });
  return { rackId: id, ...ids };
}

async function waitForJob(client: ReturnType<typeof browser>['client'], jobId: string) {
  const seen: number[] = [];
  for (let i = 0; i < 600; i++) {
    const job = await client.exports.wavJob.query({ jobId });
    seen.push(job.progress);
    if (job.status !== 'rendering') return { job, seen };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('render did not finish');
}

describe('exports.wav', () => {
  it('renders the patch playing the pattern to a WAV served over HTTP, with onsets on the steps', async () => {
    const ada = await person('Ada');
    const { rackId, patchId, patternId } = await voiceRack(ada);
    const started = await ada.client.exports.wav.mutate({ rackId, patchId, patternId, bars: 2 });
    expect(started.status).toBe('rendering');
    const { job, seen } = await waitForJob(ada.client, started.jobId);
    expect(job.status).toBe('done');
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);

    const response = await fetch(`${server.url}${job.url}`, { headers: { cookie: ada.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('content-disposition')).toContain('four-on-the-floor.wav');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const wav = decodeWav(bytes); // throws on a bad header or sizes
    expect(wav.sampleRate).toBe(44_100);
    expect(wav.channels).toHaveLength(2);
    expect(bytes.length).toBeGreaterThan(WAV_HEADER_BYTES + 44_100 * 4 * 4);

    // Onsets: every 4th 16th at 120 BPM = every 0.5 s, over 2 bars.
    const left = wav.channels[0]!;
    const win = Math.round(0.01 * wav.sampleRate);
    const energy: number[] = [];
    for (let i = 0; i + win <= left.length; i += win) {
      let sum = 0;
      for (let k = i; k < i + win; k++) sum += left[k]! ** 2;
      energy.push(Math.sqrt(sum / win));
    }
    const onsets: number[] = [];
    energy.forEach((e, i) => {
      const before = i === 0 ? 0 : energy[i - 1]!;
      if (e > 0.05 && e > 2 * before + 0.01 && (onsets.length === 0 || i * 0.01 - onsets.at(-1)! > 0.1)) onsets.push(i * 0.01);
    });
    expect(onsets, onsets.join(' ')).toHaveLength(8);
    onsets.forEach((t, i) => expect(Math.abs(t - i * 0.5)).toBeLessThan(0.015));
    expect(Math.max(...energy)).toBeGreaterThan(0.1);
  });

  it('refuses people who are not members of a private rack: no job, no download', async () => {
    const ada = await person('Ada');
    const eve = await person('Eve');
    const { rackId, patchId, patternId } = await voiceRack(ada);
    expect(await codeOf(eve.client.exports.wav.mutate({ rackId, patchId, patternId, bars: 1 }))).toBe('NOT_FOUND');
    const started = await ada.client.exports.wav.mutate({ rackId, patchId, patternId, bars: 1 });
    const { job } = await waitForJob(ada.client, started.jobId);
    expect(await codeOf(eve.client.exports.wavJob.query({ jobId: job.jobId }))).toBe('NOT_FOUND');
    const asEve = await fetch(`${server.url}${job.url}`, { headers: { cookie: eve.cookie } });
    expect(asEve.status).toBe(404);
    const anonymous = await fetch(`${server.url}${job.url}`);
    expect(anonymous.status).toBe(404);
    expect(await codeOf(ada.client.exports.wav.mutate({ rackId, patchId, patternId, bars: 65 }))).toBe('BAD_REQUEST');
  });

  it('lets anyone export a public rack, like reading its room', async () => {
    const ada = await person('Ada');
    const { rackId, patchId, patternId } = await voiceRack(ada);
    await ada.client.racks.setVisibility.mutate({ id: rackId, visibility: 'public' });
    const visitor = browser(server);
    const started = await visitor.client.exports.wav.mutate({ rackId, patchId, patternId, bars: 1 });
    const { job } = await waitForJob(visitor.client, started.jobId);
    const response = await fetch(`${server.url}${job.url}`);
    expect(response.status).toBe(200);
    expect(decodeWav(new Uint8Array(await response.arrayBuffer())).channels[0]!.some((x) => Math.abs(x) > 0.1)).toBe(true);
  });
});
