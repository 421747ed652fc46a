/**
 * Shared state of the stand-in `electron`: the emulated platform, the `ready` gate, and the record of
 * everything the app did (read by the test through the control channel).
 */
const { EventEmitter } = require('node:events')

const platform = process.env.STAND_IN_PLATFORM || process.platform
const record = {
  platform,
  calls: [],
  errors: [],
  toasts: [],
  images: [],
  loads: [],
  dialogs: [],
  opened: [],
  sent: 0,
  deprecated: [],
}
/** Servers the app bound (node:net), for `losePorts`. */
const servers = new Set()
let ready = false
let nextId = 1

/** Records one API call (name plus JSON-safe arguments). */
function call(name, ...args) {
  record.calls.push({ name, args: safe(args) })
}

/** Throws like Electron when an API that needs `ready` is used before it. */
function requireReady(what) {
  if (!ready) {
    const error = new Error(`${what} cannot be used before the app is ready`)
    record.errors.push({ kind: 'before-ready', message: error.message })
    throw error
  }
}

/** Deprecated APIs behave as if removed, so the app is ready for their removal (see README). */
function deprecated(name, replacement) {
  record.deprecated.push(name)
  throw new Error(`${name} is deprecated in Electron 45 (use ${replacement}); the stand-in treats it as removed`)
}

function markReady() {
  ready = true
}

function isReady() {
  return ready
}

function newId() {
  return nextId++
}

function safe(value) {
  try {
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'function' ? '[function]' : v)))
  } catch {
    return '[unserialisable]'
  }
}

/** Base of every stand-in object with events. */
class Emitter extends EventEmitter {}

module.exports = { servers, platform, record, call, requireReady, deprecated, markReady, isReady, newId, safe, Emitter }
