/**
 * The web console: `npm run build` writes it to dist/web (beside tsc's dist/src), which the API
 * server serves at /. `npm run web:dev` serves it with hot reload on :5173 and proxies the API
 * (/graphql, WebSocket included, and the console's /console/* sign-in routes) to API_URL
 * (default http://127.0.0.1:4000). The component tests (vitest) are configured here too.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:4000';

/** The libraries every page needs, in the long-cached `vendor` chunk. */
const CORE_LIBRARIES = /node_modules\/(react|react-dom|scheduler|react-router|urql|@urql\/[^/]+|wonka|graphql|graphql-ws)\//;

const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/**
 * Brotli (quality 11) and gzip (level 9) copies beside every text file of the build larger than
 * 1 KiB, made once here so the server only picks one (src/server/console-routes.ts negotiates
 * Accept-Encoding) instead of compressing on every request.
 */
function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) precompress(path);
    else if (/\.(js|mjs|css|html|svg|json)$/.test(name) && name !== 'index.html' && statSync(path).size > 1024) {
      const bytes = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    }
  }
}

/**
 * After the console, the standalone offline verifier (dist/web/verify.html, one file:
 * web/vite.verify.config.ts), then the compressed copies of everything.
 */
const offlineVerifierThenCompress = (): Plugin => ({
  name: 'interview-ledger:offline-verifier',
  apply: 'build',
  async closeBundle() {
    await build({ configFile: fileURLToPath(new URL('./vite.verify.config.ts', import.meta.url)), logLevel: 'warn' });
    precompress(outDir);
  },
});

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), offlineVerifierThenCompress()],
  build: {
    // verify.html is not an entry of the console: the plugin above builds it as one self-contained file.
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    // The pages are loaded on first use (web/src/shell/pages.ts) and Rollup puts each library
    // with the pages that use it, so the first load carries only what the shell, the sign-in
    // page and 我的待办 need. ECharts (dashboards only) and the core libraries every page uses
    // (React, the router, the GraphQL client) get chunks of their own, so an app change does not
    // re-download them.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: (id) => {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (CORE_LIBRARIES.test(id)) return 'vendor';
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
