import { defineConfig } from 'vitest/config';

// One run over every workspace; each workspace keeps its tests beside its code in test/.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
