import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

/**
 * main and preload bundle `electron/`; the renderer is built from `renderer/` into out/renderer,
 * which the app serves over its own `app://` protocol and the browser tests over loopback HTTP.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The search worker runs beside the main entry (SearchService loads ./searchWorker.js).
          searchWorker: resolve(__dirname, 'electron/services/search/searchWorker.ts'),
          // Imports run in a worker too (ImportWorkerClient loads ./importWorker.js; issue 17).
          importWorker: resolve(__dirname, 'electron/services/import/importWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // SECURITY: a sandboxed preload cannot require node_modules: bundle everything, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
