// Loaded with `node --import`: emulates the platform, makes `electron` resolve to the stand-in for both
// require() and import, records uncaught errors, and opens the control channel. See README.md.
import Module, { register } from 'node:module'
import { fileURLToPath } from 'node:url'

const platform = process.env.STAND_IN_PLATFORM
if (platform) Object.defineProperty(process, 'platform', { value: platform, enumerable: true })
process.type = 'browser'
process.versions.electron = process.env.STAND_IN_ELECTRON_VERSION || '45.4.1'
if (process.env.STAND_IN_RESOURCES) process.resourcesPath = process.env.STAND_IN_RESOURCES

const standIn = fileURLToPath(new URL('./electron.cjs', import.meta.url))
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? standIn : resolveFilename.call(this, request, ...rest)
}
register('./hooks.mjs', import.meta.url)

const { createRequire } = Module
const require = createRequire(import.meta.url)
const { record } = require('./state.cjs')
process.on('uncaughtException', (error) => {
  record.errors.push({ kind: 'uncaughtException', message: String(error?.stack ?? error) })
})
process.on('unhandledRejection', (reason) => {
  record.errors.push({ kind: 'unhandledRejection', message: String(reason?.stack ?? reason) })
})
// Every server the app binds, so a test can take its port away as an OS would (control op `losePorts`).
const { servers } = require('./state.cjs')
const netModule = require('node:net')
const listen = netModule.Server.prototype.listen
netModule.Server.prototype.listen = function (...args) {
  servers.add(this)
  return listen.apply(this, args)
}
require('./control.cjs').start()
