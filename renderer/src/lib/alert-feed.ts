/**
 * The alerts feed as the agent reads it: one entry per chat carrying its latest alert (and how many came
 * before), summaries on their own, newest first; and whether the chat has been handled since. Pure.
 */
import type { Alert } from '../../../shared/alert'
import { type Chat, isOpen, isSnoozed } from '../../../shared/chat'
import { assigneeLabel } from './row-actions'

/** One feed entry. */
export interface FeedEntry {
  alert: Alert
  /** The chat this entry is about (null for summaries). */
  chatKey: string | null
  /** Alerts about the same chat folded into this entry (1 = just this one). */
  count: number
  /** Any of them not yet seen. */
  unread: boolean
}

/** Folds `alerts` (oldest first) into entries, newest first; alerts before `clearedAt` are gone. */
export function feedEntries(alerts: readonly Alert[], unseen: Record<string, true>, clearedAt = 0): FeedEntry[] {
  const byChat = new Map<string, FeedEntry>()
  const entries: FeedEntry[] = []
  for (const alert of alerts) {
    if (alert.at < clearedAt) continue
    const chatKey = alert.kind === 'summary' ? null : (alert.chatKeys[0] ?? null)
    const unread = !!unseen[alert.id]
    const earlier = chatKey ? byChat.get(chatKey) : undefined
    if (chatKey && earlier) {
      byChat.set(chatKey, { alert, chatKey, count: earlier.count + 1, unread: earlier.unread || unread })
      continue
    }
    const entry = { alert, chatKey, count: 1, unread }
    if (chatKey) byChat.set(chatKey, entry)
    else entries.push(entry)
  }
  return [...entries, ...byChat.values()].sort((a, b) => b.alert.at - a.alert.at)
}

/** Why an alert needs nothing more, or null while it still does. */
export function handledBy(alert: Alert, chat: Chat | undefined, me: string | null, now: number): string | null {
  if (alert.kind === 'summary') return null
  if (!chat || !isOpen(chat)) return 'Closed'
  if (isSnoozed(chat, now)) return 'Snoozed'
  if (alert.kind !== 'assigned-to-me' && chat.assignee)
    return `Taken by ${assigneeLabel(chat, me).replace(/^You$/, 'you')}`
  return null
}

/** A short, stable id to tell privacy-mode entries apart: the last 4 characters of the source id. */
export function shortId(chatKey: string): string {
  const id = chatKey.slice(chatKey.indexOf(':') + 1)
  return `#${id.slice(-4)}`
}
