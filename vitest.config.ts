import { defineConfig } from 'vitest/config';

// In CI nothing may be skipped: the fault and multi-process tests skip themselves without a
// database or Redis, so there a missing variable stops the run instead.
if (process.env.CI === 'true') {
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0) throw new Error(`CI=true but ${missing.join(' and ')} not set: integration tests would be skipped`);
}

// One run over every workspace; each workspace keeps its tests beside its code in test/.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
