/**
 * The web console: `npm run build` writes it to dist/web (beside tsc's dist/src), which the API
 * server serves at /. `npm run web:dev` serves it with hot reload on :5173 and proxies the API
 * (/graphql, WebSocket included, and the console's /console/* sign-in routes) to API_URL
 * (default http://127.0.0.1:4000). The component tests (vitest) are configured here too.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:4000';

/** After the console, the standalone offline verifier (dist/web/verify.html, one file): web/vite.verify.config.ts. */
const offlineVerifier = (): Plugin => ({
  name: 'interview-ledger:offline-verifier',
  apply: 'build',
  async closeBundle() {
    await build({ configFile: fileURLToPath(new URL('./vite.verify.config.ts', import.meta.url)), logLevel: 'warn' });
  },
});

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), offlineVerifier()],
  build: {
    // verify.html is not an entry of the console: the plugin above builds it as one self-contained file.
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Libraries in a chunk of their own, so an app change does not re-download them.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: (id) => {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/console': { target: api, changeOrigin: true },
      '/attachments': { target: api, changeOrigin: true },
      '/dashboards': { target: api, changeOrigin: true },
    },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
    // The first antd render in jsdom takes seconds on a busy machine.
    testTimeout: 20_000,
  },
});
