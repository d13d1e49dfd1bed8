/**
 * Vite build of the web client: root `web/`, output `dist/web` (served by the Fastify server).
 * Everything is bundled (MapLibre and its CSS included) so the app works with no internet.
 * The dev server proxies `/api` to a locally running SOT server.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(webDir, '../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // MapLibre alone is ~800 kB minified; one big chunk is fine for an app served locally.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
});
