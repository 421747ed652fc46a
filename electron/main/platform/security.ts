/** Locks a webContents down: no new windows, no navigation away, no permissions (DESIGN.md §9). */
import type { WebContents } from 'electron'

/** Applies the guards to the panel's webContents; `pageUrl` is the only page it may show. */
export function hardenContents(contents: WebContents, pageUrl: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (url !== pageUrl) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
}
