/**
 * The one path from `chat.open` to the browser, shared by the panel, the toasts and the tray: the sandboxed
 * panel cannot open links itself, so main opens the URL the command returned (through the allowlist).
 */
import type { DispatchOutcome } from '../../core/engine/dispatcher'

/** A `chat.open` result, checked at run time (an outcome from the untrusted IPC edge is not typed). */
function openedUrl(outcome: DispatchOutcome): string | null {
  if (!outcome.ok || typeof outcome.result !== 'object' || outcome.result === null) return null
  const url: unknown = (outcome.result as { url?: unknown }).url
  return typeof url === 'string' ? url : null
}

/** Opens the chat URL of a successful `chat.open` outcome; returns whether a URL was handed on. */
export function followChatOpen(outcome: DispatchOutcome, openUrl: (url: string) => void): boolean {
  const url = openedUrl(outcome)
  if (url === null) return false
  openUrl(url)
  return true
}
