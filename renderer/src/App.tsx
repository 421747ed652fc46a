/** The chat panel (placeholder list until the panel issue lands). */
import { useEffect } from 'react'
import { usePanelStore } from './store'

/** Root component: loads the snapshot, follows events, lists chats. */
export function App() {
  const chats = usePanelStore((s) => s.chats)
  const loaded = usePanelStore((s) => s.loaded)
  useEffect(() => {
    const { loadSnapshot, applyEvent } = usePanelStore.getState()
    const unsubscribe = window.chatTray.onEvent(applyEvent)
    window.chatTray.command('snapshot.get', {}).then((outcome) => {
      if (outcome.ok) loadSnapshot(outcome.result)
    })
    return unsubscribe
  }, [])
  const list = Object.values(chats)
  return (
    <main>
      <h1>Chat Tray</h1>
      {!loaded ? <p>Loading…</p> : list.length === 0 ? <p>No chats waiting.</p> : null}
      <ul aria-label="Chats">
        {list.map((chat) => (
          <li key={chat.key}>
            {chat.title} — {chat.state}
          </li>
        ))}
      </ul>
    </main>
  )
}
