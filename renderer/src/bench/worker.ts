/**
 * Renderer benchmark worker (run by benchmarks/renderer.bench.ts): installs a happy-dom window as the global DOM,
 * then loads the measurements through Vite in `bench` mode — the only build in which rows count their renders
 * (`import.meta.env.MODE === 'bench'`; production builds drop the counter) — and prints them as JSON.
 */
import { join } from 'node:path'
import react from '@vitejs/plugin-react'
import { Window } from 'happy-dom'
import { createServer } from 'vite'

const win = new Window({ url: 'http://127.0.0.1/', width: 420, height: 640 })
const g = globalThis as Record<string, unknown>
for (const name of [
  'window',
  'document',
  'navigator',
  'location',
  'HTMLElement',
  'Node',
  'Event',
  'KeyboardEvent',
  'MouseEvent',
  'CSS',
]) {
  Object.defineProperty(g, name, {
    value: (win as unknown as Record<string, unknown>)[name],
    configurable: true,
    writable: true,
  })
}
g.IS_REACT_ACT_ENVIRONMENT = false

const vite = await createServer({
  root: join(import.meta.dirname, '..', '..', '..'),
  configFile: false,
  mode: 'bench',
  logLevel: 'error',
  plugins: [react()],
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
})
const { measure } = (await vite.ssrLoadModule('/renderer/src/bench/measure.tsx')) as typeof import('./measure')
// The parent benchmark reads this one line from stdout.
process.stdout.write(`${JSON.stringify(await measure())}\n`)
await vite.close()
await win.happyDOM.close()
