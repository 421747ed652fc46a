/** A polite live region that tells screen-reader users when a new chat starts waiting. */
import { useEffect, useRef, useState } from 'react'
import { isSnoozed } from '../../../shared/chat'
import { usePanelStore } from '../stores/panel-store'
import { customerName } from './ChatRow'

/** The region (always in the page, so announcements are not lost to a late mount). */
export function NewChatAnnouncer() {
  const chats = usePanelStore((s) => s.chats)
  const loaded = usePanelStore((s) => s.loaded)
  const privacy = usePanelStore((s) => s.settings?.alerts.privacy ?? false)
  const known = useRef<Set<string> | null>(null)
  const [message, setMessage] = useState('')
  useEffect(() => {
    if (!loaded) {
      known.current = null
      return
    }
    const now = Date.now()
    const waiting = Object.values(chats).filter((c) => c.state === 'waiting' && !isSnoozed(c, now))
    const before = known.current
    known.current = new Set(waiting.map((c) => c.key))
    if (!before) return
    const fresh = waiting.filter((c) => !before.has(c.key))
    if (fresh.length === 1 && fresh[0]) {
      const who = privacy ? 'Customer' : customerName(fresh[0])
      const source = usePanelStore.getState().sourceInfo[fresh[0].source]?.label ?? fresh[0].source
      setMessage(`New waiting chat: ${who}, ${source}`)
    } else if (fresh.length > 1) setMessage(`${fresh.length} new waiting chats`)
  }, [chats, loaded, privacy])
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="new-chat-announcer">
      {message}
    </div>
  )
}
