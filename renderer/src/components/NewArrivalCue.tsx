/**
 * "1 new above": when a chat starts needing someone while its row is out of sight (scrolled past, or below the
 * fold), a cue at the edge of the list says how many and where, and one click brings the first into view.
 */
import { useEffect, useState } from 'react'
import type { Chat } from '../../../shared/chat'
import { needsAttention } from '../../../shared/chat'
import { focusRow } from '../lib/snooze-flow'
import { usePanelStore } from '../stores/panel-store'

interface Cue {
  above: string[]
  below: string[]
}

/** Where the row of `key` is against the scroll area: above it, below it, or in view (null when not in the page). */
function placeOf(key: string): 'above' | 'below' | 'in-view' | null {
  const row = document.querySelector<HTMLElement>(`.chat-row[data-key="${CSS.escape(key)}"]`)
  const body = row?.closest<HTMLElement>('.panel-body')
  if (!row || !body) return null
  const r = row.getBoundingClientRect()
  const b = body.getBoundingClientRect()
  // The sticky filter bar and group header cover the top of the scroll area.
  if (r.bottom <= b.top + 56) return 'above'
  if (r.top >= b.bottom) return 'below'
  return 'in-view'
}

/** The cue (nothing while no new chat is out of sight). */
export function NewArrivalCue() {
  const [cue, setCue] = useState<Cue>({ above: [], below: [] })
  useEffect(
    () =>
      usePanelStore.subscribe((s, p) => {
        if (!p.loaded || s.chats === p.chats) return
        const fresh = Object.entries(s.chats)
          .filter(([key, chat]) => chat !== p.chats[key] && needsAttention(chat) && !needsAttentionBefore(p.chats[key]))
          .map(([key]) => key)
        if (fresh.length === 0) return
        // After the render that places the new rows.
        setTimeout(() =>
          setCue((c) => ({
            above: [...c.above, ...fresh.filter((k) => placeOf(k) === 'above')],
            below: [...c.below, ...fresh.filter((k) => placeOf(k) === 'below')],
          })),
        )
      }),
    [],
  )
  useEffect(() => {
    if (cue.above.length === 0 && cue.below.length === 0) return
    // Seen once scrolled into view: the cue forgets rows that are now visible.
    const body = document.querySelector('.panel-body')
    const onScroll = () =>
      setCue((c) => ({
        above: c.above.filter((k) => placeOf(k) === 'above'),
        below: c.below.filter((k) => placeOf(k) === 'below'),
      }))
    body?.addEventListener('scroll', onScroll, { passive: true })
    return () => body?.removeEventListener('scroll', onScroll)
  }, [cue])
  const show = (key: string | undefined) => {
    if (!key) return
    document.querySelector(`.chat-row[data-key="${CSS.escape(key)}"]`)?.scrollIntoView?.({ block: 'center' })
    focusRow(key)
    setCue({ above: [], below: [] })
  }
  return (
    <>
      {cue.above.length > 0 ? (
        <button type="button" className="new-cue new-cue-above" onClick={() => show(cue.above[0])}>
          ↑ {cue.above.length} new above
        </button>
      ) : null}
      {cue.below.length > 0 ? (
        <button type="button" className="new-cue new-cue-below" onClick={() => show(cue.below[0])}>
          ↓ {cue.below.length} new below
        </button>
      ) : null}
    </>
  )
}

function needsAttentionBefore(chat: Chat | undefined): boolean {
  return !!chat && needsAttention(chat)
}
