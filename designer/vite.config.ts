import { defineConfig } from 'vite'

// The folder of this file (Node 22 / Vite's config loader provide import.meta.dirname); plain
// string paths, since designer/ code may not import node:* (DESIGN.md §1).
const here = import.meta.dirname

/**
 * Two pages: index.html is the app the runtime serves at `/`; sandbox.html mounts a single
 * component from a template given in the page (end-to-end tests and template previews).
 * `base: './'` keeps asset URLs relative so the bundle works wherever it is mounted.
 */
export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: `${here}/dist`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: { index: `${here}/index.html`, sandbox: `${here}/sandbox.html` },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  preview: { proxy: { '/api': 'http://127.0.0.1:3000' } },
})
