/**
 * The plain-Node hosts built to JavaScript: `out/hosts/headless.js` (`npm run headless`) and `out/hosts/hub.js`
 * (`npm run hub`, the hub's container and systemd unit). ES modules for Node 20; packages stay imports, resolved
 * from `node_modules` at run time, so a hub needs only the production dependencies (docs/hub.md). Written by
 * `npm run build`, and rebuilt by `npm run headless` / `npm run hub` before they start (scripts/run-host.mjs).
 */
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import packageJson from './package.json' with { type: 'json' }

const r = (path: string) => resolve(import.meta.dirname, path)
const dependencies = Object.keys(packageJson.dependencies)
/** A bare import the bundle leaves to Node: a built-in module or a production dependency (or a path inside one). */
const external = (id: string) =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  dependencies.some((name) => id === name || id.startsWith(`${name}/`))

export default defineConfig({
  // Not the app's dev server: no public folder, no .env files, no browser polyfills.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20.19',
    outDir: r('out/hosts'),
    emptyOutDir: true,
    // Readable as it is (each module keeps its path in a comment), so stack traces need no source map.
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { headless: r('electron/hosts/headless.ts'), hub: r('electron/hosts/hub.ts') },
      external,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].js' },
    },
  },
  // Everything else (dev dependencies included) is bundled: a dev dependency can never be needed at run time.
  ssr: { noExternal: true, target: 'node' },
})
