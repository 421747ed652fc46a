/** Small rules around updates: which download links may open in the browser, and the check interval's override. */
import { apiUrlProblem } from '../../../shared/api-url'
import { CHECK_EVERY_MS } from './updater'

/** The href to open for a `.deb` download link: https (or loopback http) without credentials; else null. */
export function updateDownloadHref(url: string): string | null {
  if (apiUrlProblem(url) !== null) return null
  return new URL(url).href
}

/** Shortest interval `CHAT_TRAY_UPDATE_CHECK_MS` may set (the boot test uses a short one). */
const MIN_CHECK_MS = 1_000

/** The check interval: `CHAT_TRAY_UPDATE_CHECK_MS` when it is a number ≥ 1000, else every 4 hours. */
export function checkEveryFromEnv(env: NodeJS.ProcessEnv): number {
  const value = Number(env.CHAT_TRAY_UPDATE_CHECK_MS)
  return Number.isInteger(value) && value >= MIN_CHECK_MS ? value : CHECK_EVERY_MS
}
