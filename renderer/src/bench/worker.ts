/**
 * Renderer benchmark worker (run by benchmarks/renderer.bench.ts under tsx with tsconfig.web.json):
 * installs a happy-dom window as the global DOM, then runs the measurements and prints them as JSON.
 */
import { Window } from 'happy-dom'

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

const { measure } = await import('./measure')
// The parent benchmark reads this one line from stdout.
process.stdout.write(`${JSON.stringify(await measure())}\n`)
await win.happyDOM.close()
