import { defineConfig } from 'vite';

// The page is a static site (relative base) whose worker uses top-level await,
// served cross-origin isolated so SharedArrayBuffer and Atomics are available.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: false,
  worker: { format: 'es' },
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  server: { headers: isolation },
  preview: { headers: isolation },
});
