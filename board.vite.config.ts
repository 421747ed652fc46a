/**
 * The supervisor board (`renderer/board/`, served by the hub at `/board`): a second page built with the panel's
 * toolchain (Vite, React) into `out/board`, which the hub reads from disk next to its bundle (docs/hub.md, "The
 * supervisor board"). Written by `npm run build`; the hub's container builds it too (deploy/Dockerfile).
 */
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const r = (path: string) => resolve(import.meta.dirname, path)

export default defineConfig({
  root: r('renderer/board'),
  // Served under /board: the page names its assets /board/assets/<file>.
  base: '/board/',
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: r('out/board'),
    emptyOutDir: true,
    reportCompressedSize: false,
    // One script and one style sheet, no inline module-preload helper: the page's CSP allows no inline code.
    modulePreload: false,
    assetsInlineLimit: 0,
  },
})
