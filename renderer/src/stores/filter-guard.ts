/**
 * Filters never hide a newcomer: a customer who starts waiting (or missed a chat, or asks for a callback) while
 * the filters would hide them clears the filters, and so does one who arrived while the panel was closed with
 * filters remembered. The list says why (HiddenBar).
 */
import { useEffect } from 'react'
import type { Chat } from '../../../shared/chat'
import { isSnoozed, needsAttention } from '../../../shared/chat'
import { filtersActive, matches } from '../lib/grouping'
import { arrivedAfter, loadFilters } from '../lib/remembered-filters'
import { mesOf } from './list-store'
import { usePanelStore } from './panel-store'
import { useUi } from './ui-store'

const urgent = (chat: Chat | undefined, now: number) => !!chat && needsAttention(chat) && !isSnoozed(chat, now)

function hiddenByFilters(chat: Chat): boolean {
  const { filters } = useUi.getState()
  if (!filtersActive(filters)) return false
  const { sources, settings } = usePanelStore.getState()
  const me = mesOf(sources)
  return !matches(chat, filters, null, { privacy: settings?.alerts.privacy ?? false, meOf: (s) => me[s] ?? null })
}

/** Clears the filters when they hide `chats`' first newcomer, naming them. */
function resetFor(chats: readonly Chat[], why: (chat: Chat) => string): void {
  const hidden = chats.find(hiddenByFilters)
  if (hidden) useUi.getState().resetFilters(why(hidden))
}

const who = (chat: Chat) =>
  usePanelStore.getState().settings?.alerts.privacy ? 'a customer' : (chat.customer.name ?? chat.title)

/** Watches the chats while the panel runs (installed once by the app). */
export function useFilterGuard(): void {
  useEffect(() => {
    // Remembered filters are as old as the moment they were set: a newcomer since then resets them on load.
    const rememberedAt = loadFilters().at
    return usePanelStore.subscribe((s, p) => {
      const now = Date.now()
      if (s.loaded && !p.loaded) {
        if (rememberedAt > 0)
          resetFor(
            Object.values(s.chats).filter((c) => urgent(c, now) && arrivedAfter(c, rememberedAt)),
            (c) => `${who(c)} started waiting while the panel was closed`,
          )
        return
      }
      if (!s.loaded || s.chats === p.chats) return
      const fresh: Chat[] = []
      for (const [key, chat] of Object.entries(s.chats))
        if (chat !== p.chats[key] && urgent(chat, now) && !urgent(p.chats[key], now)) fresh.push(chat)
      resetFor(fresh, (c) => `${who(c)} is waiting`)
    })
  }, [])
}

/** The panel was opened from an alert about `keys`: clear the filters if they hide any of them. */
export function revealChats(keys: readonly string[]): void {
  const { chats } = usePanelStore.getState()
  resetFor(
    keys.map((k) => chats[k]).filter((c): c is Chat => !!c),
    (c) => `opened from the alert about ${who(c)}`,
  )
}
