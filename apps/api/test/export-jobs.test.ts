import { describe, expect, it } from 'vitest';
import { ExportJobs, TooManyJobsError } from '../src/exports/jobs.ts';

const file = { fileName: 'book.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF') };
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('export jobs', () => {
  it('report progress while running, then the file, to their owner only', async () => {
    const jobs = new ExportJobs();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const id = jobs.start('ada', async (progress) => {
      await progress(0.5, 'Patch 1 of 2');
      await gate;
      return file;
    }, () => 'failed');
    await settle();
    expect(jobs.status(id, 'ada')).toMatchObject({ state: 'running', progress: 0.5, step: 'Patch 1 of 2' });
    expect(jobs.file(id, 'ada')).toBeNull();
    expect(jobs.status(id, 'bea')).toBeNull();
    release();
    await settle();
    expect(jobs.status(id, 'ada')).toEqual({ state: 'done', progress: 1, step: 'Ready', error: null, fileName: 'book.pdf' });
    expect(jobs.file(id, 'ada')).toBe(file);
    expect(jobs.file(id, 'bea')).toBeNull();
  });

  it('turns a failure into the message given, and forgets finished jobs after ten minutes', async () => {
    let now = 0;
    const jobs = new ExportJobs(() => now);
    const id = jobs.start('ada', () => Promise.reject(new Error('secret stack detail')), () => 'The patch book could not be built.');
    await settle();
    expect(jobs.status(id, 'ada')).toMatchObject({ state: 'failed', error: 'The patch book could not be built.' });
    now = 10 * 60_000 + 1;
    expect(jobs.status(id, 'ada')).toBeNull();
  });

  it('lets one person run at most two at once', () => {
    const jobs = new ExportJobs();
    const never = () => new Promise<typeof file>(() => undefined);
    jobs.start('ada', never, () => '');
    jobs.start('ada', never, () => '');
    expect(() => jobs.start('ada', never, () => '')).toThrow(TooManyJobsError);
    expect(() => jobs.start('bea', never, () => '')).not.toThrow();
  });
});
