import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: '@patchroom/web', include: ['test/**/*.test.ts'], environment: 'node' },
});
