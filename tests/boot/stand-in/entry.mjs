// The boot entry: evaluates the app's main module (STAND_IN_MAIN), then emits `ready`, as Electron does
// after the main script has run. Run as `node --import ./register.mjs ./entry.mjs`.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const main = process.env.STAND_IN_MAIN
if (!main) throw new Error('STAND_IN_MAIN is not set')
const require = createRequire(import.meta.url)
const { record } = require('./state.cjs')
try {
  await import(pathToFileURL(main).href)
} catch (error) {
  record.errors.push({ kind: 'main-failed', message: String(error?.stack ?? error) })
}
require('./app.cjs').app.emitReady()
