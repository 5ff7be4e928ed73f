import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The console is plain React compiled by esbuild (no Babel plugin); the hub serves dist/apps/hub-web.
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    alias: {
      '@hub/console-routes': fileURLToPath(new URL('../../libs/console-routes/src/index.ts', import.meta.url)),
      // The pattern parser only (no node:crypto behind it): the share form checks a pattern as it is typed.
      '@hub/stix/pattern': fileURLToPath(new URL('../../libs/stix/src/pattern/index.ts', import.meta.url)),
    },
  },
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/hub-web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The strict CSP has no 'unsafe-inline': nothing may be inlined into the page.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
