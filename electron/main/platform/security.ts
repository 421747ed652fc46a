/** Locks a webContents down: no new windows, no navigation away, no permissions but clipboard writes (docs/architecture.md, "Security defaults"). */
import type { WebContents } from 'electron'

/** The one permission the panel gets: writing text to the clipboard ("Copy" a callback's phone number). */
const ALLOWED_PERMISSIONS = new Set<string>(['clipboard-sanitized-write'])

/** Applies the guards to the panel's webContents; `pageUrl` is the only page it may show. */
export function hardenContents(contents: WebContents, pageUrl: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (url !== pageUrl) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  )
}
