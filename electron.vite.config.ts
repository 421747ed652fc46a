import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { devCspPlugin } from './electron/dev/dev-csp'

const r = (p: string) => resolve(import.meta.dirname, p)

export default defineConfig({
  main: { build: { lib: { entry: r('electron/main/index.ts') } } },
  preload: {
    build: {
      // Sandboxed preloads must be CommonJS and cannot require() node_modules (TOOLCHAIN.md §6.4–6.5).
      lib: { entry: r('electron/preload/index.ts'), formats: ['cjs'] },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: r('renderer'),
    build: { rollupOptions: { input: r('renderer/index.html') } },
    // The dev server's styles, HMR socket and React preamble need a looser CSP; builds keep the strict one.
    plugins: [react(), devCspPlugin()],
  },
})
