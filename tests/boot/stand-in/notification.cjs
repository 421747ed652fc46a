/**
 * Notification: toasts are recorded; action buttons exist on macOS and Windows only (Linux drops them, as
 * libnotify does through Electron); the test clicks, presses an action, closes or fails a toast.
 */
const { Emitter, record, requireReady, platform, newId } = require('./state.cjs')

const ACTION_PLATFORMS = new Set(['darwin', 'win32'])
const live = new Map()

class Notification extends Emitter {
  static isSupported() {
    return true
  }
  constructor(options = {}) {
    super()
    this.id = newId()
    this.options = options
  }
  show() {
    requireReady('Notification.show')
    // The OS refuses every toast (STAND_IN_TOAST_ERROR: e.g. Windows without the app's Start-menu shortcut).
    if (process.env.STAND_IN_TOAST_ERROR) {
      record.refusedToasts = (record.refusedToasts ?? 0) + 1
      setImmediate(() => this.emit('failed', {}, process.env.STAND_IN_TOAST_ERROR))
      return
    }
    const actions = ACTION_PLATFORMS.has(platform) ? (this.options.actions ?? []).map((a) => a.text) : []
    record.toasts.push({
      id: this.id,
      title: this.options.title ?? '',
      body: this.options.body ?? '',
      silent: Boolean(this.options.silent),
      urgency: this.options.urgency ?? null,
      actions,
      listeners: this.eventNames().map(String),
    })
    live.set(this.id, this)
    this.emit('show', {})
  }
  close() {
    live.delete(this.id)
    this.emit('close', {})
  }
}

/** The toast `id`, still on screen. */
function toast(id) {
  const found = live.get(id)
  if (!found) throw new Error(`no toast ${id} on screen`)
  return found
}

/** What the user (or the OS) can do to a toast. */
const toastControls = {
  click(id) {
    const found = toast(id)
    found.emit('click', {})
    found.close()
  },
  action(id, index) {
    const found = toast(id)
    if (!ACTION_PLATFORMS.has(platform)) throw new Error(`toasts have no action buttons on ${platform}`)
    // The positional index is deprecated in Electron 45; the stand-in treats it as removed (README).
    found.emit('action', { actionIndex: index, preventDefault() {} }, undefined)
    found.close()
  },
  close(id) {
    toast(id).close()
  },
  fail(id, error) {
    const found = toast(id)
    live.delete(id)
    found.emit('failed', {}, error)
  },
}

module.exports = { Notification, toastControls }
