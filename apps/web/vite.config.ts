import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The api server (apps/api) serves tRPC, runtime config and the collab socket on one port;
// in development Vite proxies to it so the page, cookies and sockets stay same-origin.
const API_ORIGIN = process.env.PATCHROOM_API_ORIGIN ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // tldraw alone is larger than the default warning limit; it lives in the lazy canvas chunk.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    port: 5173,
    proxy: {
      '/trpc': API_ORIGIN,
      '/api': API_ORIGIN,
      '/collab': { target: API_ORIGIN, ws: true },
    },
  },
  // The asset package imports its files with `?url`; pre-bundling would break those imports.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
});
