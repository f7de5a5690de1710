/**
 * The standalone offline verifier: web/verify.html built as ONE self-contained file,
 * dist/web/verify.html, that works saved to disk and opened from file:// (Chromium refuses
 * module scripts loaded from file:// URLs, so nothing may be a separate file). Rollup makes one
 * chunk (inlineDynamicImports); the `inlineIntoHtml` plugin below puts that chunk and the CSS
 * into the HTML and drops the files. The page gets a CSP in a <meta> that allows only that
 * inline script (by its SHA-256) and no connection at all (connect-src 'none'), so even a bug
 * could not send the bundle anywhere. The main build (vite.config.ts) runs this one after
 * itself; `vite build --config web/vite.verify.config.ts` runs it alone.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The CSP of the standalone page; `scriptHash` is the base64 SHA-256 of its one inline script. */
export const offlineVerifierCsp = (scriptHash: string) =>
  [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "connect-src 'none'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

// In a <script> element only `</script` (any case) and `<!--` can end or confuse it; escaping
// their `<` keeps the code's meaning inside strings, regexes, templates and comments.
const safeScript = (code: string) => code.replace(/<(\/script|!--)/gi, '\\x3C$1');
const safeStyle = (css: string) => css.replace(/<\/style/gi, '\\3C/style');

/** Inlines the built JS and CSS into the HTML pages of the bundle and removes them as files. */
export function inlineIntoHtml(): Plugin {
  return {
    name: 'interview-ledger:inline-into-html',
    enforce: 'post',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const html of Object.values(bundle)) {
        if (html.type !== 'asset' || !html.fileName.endsWith('.html')) continue;
        let page = String(html.source);
        let scriptHash = '';
        for (const [name, item] of Object.entries(bundle)) {
          const base = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          if (item.type === 'chunk') {
            const tag = new RegExp(`<script type="module"[^>]*src="[^"]*${base}"[^>]*></script>`);
            if (!tag.test(page)) continue;
            const code = safeScript(item.code);
            scriptHash = createHash('sha256').update(code, 'utf8').digest('base64');
            page = page.replace(tag, () => `<script type="module">${code}</script>`);
            delete bundle[name];
          } else if (name.endsWith('.css')) {
            const tag = new RegExp(`<link rel="stylesheet"[^>]*href="[^"]*${base}"[^>]*>`);
            if (!tag.test(page)) continue;
            page = page.replace(tag, () => `<style>${safeStyle(String(item.source))}</style>`);
            delete bundle[name];
          }
        }
        if (/<script[^>]+src=|<link[^>]+(stylesheet|modulepreload)/.test(page))
          this.error(`${html.fileName}: a script or stylesheet is still a separate file`);
        if (!scriptHash) this.error(`${html.fileName}: no script was inlined`);
        const csp = `<meta http-equiv="Content-Security-Policy" content="${offlineVerifierCsp(scriptHash)}" />`;
        html.source = page.replace(/<head>/, () => `<head>\n    ${csp}`);
      }
    },
  };
}

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  plugins: [react(), inlineIntoHtml()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: false,
    modulePreload: false,
    cssCodeSplit: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { verify: fileURLToPath(new URL('./verify.html', import.meta.url)) },
      output: { inlineDynamicImports: true },
    },
  },
});
