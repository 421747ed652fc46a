/**
 * Electron objects backed by native ones (BrowserWindow, WebContents, Tray) throw on any member access once
 * destroyed, except `isDestroyed`. `destroyable(target)` returns the proxy the app sees.
 */

const ALWAYS_ALLOWED = new Set(['isDestroyed', 'constructor'])

/** Wraps `target`; after `target.markDestroyed()` every member but `isDestroyed` throws. */
function destroyable(target) {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (object.destroyed && typeof property === 'string' && !ALWAYS_ALLOWED.has(property)) {
        throw new TypeError('Object has been destroyed')
      }
      const value = Reflect.get(object, property, receiver)
      return typeof value === 'function' ? value.bind(object) : value
    },
    set(object, property, value) {
      if (object.destroyed) throw new TypeError('Object has been destroyed')
      return Reflect.set(object, property, value)
    },
  })
}

module.exports = { destroyable }
