/**
 * "Breaches today" for the supervisor board, kept by the hub all day (a board opened at noon still knows the
 * morning): every chat whose customer waited past its source's first-response target (`replyClock`, the panel's
 * countdown) is remembered once, under the calendar day its target passed in the hub's time zone (`TZ`, as the
 * tokens file's shifts). Checked every few seconds, and on every change with the version it replaced (a chat
 * answered or closed between two checks still counts); yesterday's are forgotten.
 */
import type { Chat } from '../../../shared/chat'
import { replyClock } from '../../../shared/reply'

/** How often the chats are checked (ms): a breach is counted within this long. */
export const BREACH_CHECK_MS = 5_000

/** The breach record. */
export interface BoardBreaches {
  /** Keys of the chats that breached today (the hub's day), oldest first. */
  today(): string[]
  /** Checks the chats now (also runs on its timer). */
  check(): void
  /** Checks one version of a chat now (each change, and the version it replaced: a chat answered between two checks). */
  note(chat: Chat): void
  close(): void
}

/** The calendar day of `at` in the hub's time zone, `YYYY-MM-DD` (no locale involved). */
export function hubDay(at: number): string {
  const d = new Date(at)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Starts keeping breaches of the chats `chats()` returns, against `targetMs(source)`. */
export function trackBreaches(deps: {
  chats: () => Iterable<Chat>
  targetMs: (source: string) => number
  now: () => number
  dayOf?: (at: number) => string
}): BoardBreaches {
  const dayOf = deps.dayOf ?? hubDay
  const breached = new Map<string, string>()
  const note = (chat: Chat, now = deps.now(), today = dayOf(now)) => {
    if (breached.has(chat.key)) return
    const clock = replyClock(chat)
    const due = clock?.owed ? clock.since + deps.targetMs(chat.source) : null
    if (due !== null && now >= due && dayOf(due) === today) breached.set(chat.key, today)
  }
  const check = () => {
    const now = deps.now()
    const today = dayOf(now)
    for (const [key, day] of breached) if (day !== today) breached.delete(key)
    for (const chat of deps.chats()) note(chat, now, today)
  }
  const timer = setInterval(check, BREACH_CHECK_MS)
  timer.unref()
  return {
    today: () => {
      check()
      return [...breached.keys()]
    },
    check,
    note: (chat) => note(chat),
    close: () => clearInterval(timer),
  }
}
