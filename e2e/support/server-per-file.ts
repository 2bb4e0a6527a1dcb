import { test } from '@playwright/test';
import { startPatchroom, type PatchroomServer } from './server.ts';

/**
 * One Patchroom server for the tests of this file: started before them, removed after. Each file
 * gets its own (fresh sign-up allowances, a restart that touches no other file). Use its fields
 * inside tests; it is not running yet while the file loads.
 */
export function serverForThisFile(): PatchroomServer {
  let started: PatchroomServer | null = null;
  const current = () => {
    if (!started) throw new Error('The Patchroom server starts before the tests: use it inside one.');
    return started;
  };
  test.beforeAll(async () => {
    started = await startPatchroom();
  });
  test.afterAll(async () => {
    await started?.dispose();
  });
  return {
    get url() {
      return current().url;
    },
    stop: () => current().stop(),
    restart: () => current().restart(),
    dispose: () => current().dispose(),
  };
}
