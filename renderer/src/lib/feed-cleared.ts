/** When the agent last cleared the alerts feed (renderer-only, like the filters); alerts before it are hidden. */

const KEY = 'chat-tray.alerts-cleared-at'

/** The last clear, epoch ms (0 = never). */
export function loadClearedAt(): number {
  try {
    const value = Number(globalThis.localStorage?.getItem(KEY) ?? 0)
    return Number.isFinite(value) && value > 0 ? value : 0
  } catch {
    return 0
  }
}

/** Remembers a clear at `at`. */
export function saveClearedAt(at: number): void {
  try {
    globalThis.localStorage?.setItem(KEY, String(at))
  } catch {
    // Not remembered across restarts; the feed is still cleared now.
  }
}
