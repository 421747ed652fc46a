/**
 * Whether accepted deliveries were applied. An item counts as applied when the host showed its chat at that
 * version or newer (in any run); it is lost when the newest version the host ever showed is open but the final
 * chats lack it (a restart forgot it) or hold an older version (a stale copy won after a restart). Closed
 * chats may be gone after a restart: nobody needs them.
 */
import { type Chat, isOpen } from '../../shared/chat'
import type { DeliveryRecord } from './sender'
import type { HostLine } from './supervisor'

/** The newest version of every chat the host ever showed, across runs. */
export function newestShown(lines: readonly HostLine[], finalChats: readonly Chat[]): Map<string, Chat> {
  const newest = new Map<string, Chat>()
  const see = (chat: Chat) => {
    const held = newest.get(chat.key)
    if (!held || held.updatedAt <= chat.updatedAt) newest.set(chat.key, chat)
  }
  for (const { event } of lines) if (event.type === 'chat.added' || event.type === 'chat.changed') see(event.chat)
  for (const chat of finalChats) see(chat)
  return newest
}

/** Accepted items that were never shown, or whose open chat the final state lost or rolled back. */
export function unappliedItems(
  deliveries: readonly DeliveryRecord[],
  newest: ReadonlyMap<string, Chat>,
  finalChats: readonly Chat[],
): string[] {
  const final = new Map(finalChats.map((c) => [c.key, c]))
  const out: string[] = []
  const iso = (ms: number) => new Date(ms).toISOString()
  for (const d of deliveries) {
    if (d.status === null || d.status < 200 || d.status > 299) continue
    for (const item of d.items) {
      const shown = newest.get(item.key)
      if (!shown || shown.updatedAt < item.version) {
        out.push(`${item.key}@${iso(item.version)} never shown`)
        continue
      }
      const have = final.get(item.key)
      if (isOpen(shown) && !have) out.push(`${item.key} (open @${iso(shown.updatedAt)}) missing at the end`)
      else if (have && have.updatedAt < shown.updatedAt)
        out.push(
          `${item.key} rolled back to ${have.state}@${iso(have.updatedAt)} from ${shown.state}@${iso(shown.updatedAt)}`,
        )
    }
  }
  return [...new Set(out)]
}
