/**
 * The direction of dependencies in src, checked by `npm run deps` and, in `npm test`, by
 * test/architecture/dependencies.test.ts. Dependencies point inwards:
 *
 *   domain (+ pure crypto)  ←  application  ←  graphql / http  ←  server
 *
 * src/server is the composition root: it wires the stores, the ledger, the services and the
 * transports together, and nothing in src imports it (scripts/ and test/ are composition
 * roots of their own and may). Rules are not loosened to make the tree pass: fix the import.
 */

/** node: modules that do I/O or reach the process; node:crypto (hashing, Ed25519) and node:buffer are computation. */
const NODE_IO =
  '^(node:)?(fs|fs/promises|path|os|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|readline|process|stream|zlib|vm|v8|inspector|module|perf_hooks|async_hooks|timers|events|url)$';
const ATTACHMENT_ROUTES = '^src/attachments/attachment-routes\\.ts$';
/** Every node: builtin (with or without the prefix), as dependency-cruiser names core modules. */
const NODE_BUILTINS = `^(node:)?(${require('node:module')
  .builtinModules.map((m) => m.replace(/[/.]/g, '\\$&'))
  .join('|')})$`;
/**
 * The portable evidence verifier: its entry points for the browser, and the port contract. What
 * they reach must run in a browser saved to disk: only these modules (Uint8Array,
 * TextEncoder/TextDecoder, the portable crypto; no node: builtin, no Buffer) and the pure-JS
 * packages tweetnacl and canonicalize.
 */
const PORTABLE_VERIFIER = '^src/evidence/verify-bundle-(core|browser)\\.ts$';
const NOT_PORTABLE =
  '^(src/(?!crypto/portable/|domain/|ledger/(event-body|event-checks|verify-event-core)\\.ts$|evidence/(bundle-format|bundle-semantics|bundle-checkpoint|render-html|verify-bundle-core)\\.ts$)|node_modules/(?!(tweetnacl|canonicalize)/))';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain imports nothing but the domain and src/crypto: no adapter, no application code, no npm package, no node: module.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/(domain|crypto)/' },
    },
    {
      name: 'domain-crypto-does-no-io',
      comment: 'The crypto the domain uses is pure: nothing the domain reaches through src/crypto reads files, the network or the process.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: NODE_IO, reachable: true },
    },
    {
      name: 'portable-verifier-is-portable',
      comment:
        'The browser evidence verifier (src/evidence/verify-bundle-core.ts and -browser.ts) reaches no node: builtin and no module that needs one or Buffer: only src/crypto/portable, src/domain, the portable ledger and evidence checks, tweetnacl and canonicalize.',
      severity: 'error',
      from: { path: PORTABLE_VERIFIER },
      to: { path: [NODE_BUILTINS, NOT_PORTABLE], reachable: true },
    },
    {
      name: 'application-is-below-the-adapters',
      comment:
        'Use cases (src/application) know the App they are given (src/application/services.ts), not the server, GraphQL or HTTP that call them.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { path: ['^src/(server|graphql|http)/', ATTACHMENT_ROUTES] },
    },
    {
      name: 'server-is-the-composition-root',
      comment: 'src/server composes everything and is imported by nothing in src (scripts/ and test/ compose too, and may).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'http-is-below-graphql',
      comment: 'src/http (token, client IP, request metadata) serves GraphQL and the HTTP routes alike, so it imports neither.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: ['^src/(graphql|server)/', ATTACHMENT_ROUTES] },
    },
    {
      name: 'graphql-and-routes-apart',
      comment:
        'GraphQL and the attachment routes are two transports over the same services: neither imports the other (both use src/http).',
      severity: 'error',
      from: { path: '^src/graphql/' },
      to: { path: ATTACHMENT_ROUTES },
    },
    {
      name: 'routes-and-graphql-apart',
      comment:
        'GraphQL and the attachment routes are two transports over the same services: neither imports the other (both use src/http).',
      severity: 'error',
      from: { path: '^src/attachments/' },
      to: { path: '^src/graphql/' },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles anywhere in src, type-only imports included: a cycle is two modules that cannot be understood (or split) apart.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules/' },
    // Type-only imports are dependencies too: `import type { App } from '../server/app'` ties the layers as much as a value does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
