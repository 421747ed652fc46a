/** Panel keys: j/k move, o open, s snooze, a assign, r refresh, / search (ignored while typing). */
import { useEffect } from 'react'
import { assignChat, openChat } from './lib/actions'
import { command } from './lib/bridge'
import { canAssign } from './lib/capabilities'
import { usePanelStore } from './stores/panel-store'
import { useUi } from './stores/ui-store'

/** Handles one key press given the visible chat keys; returns true when handled. */
export function handleKey(key: string, visible: readonly string[]): boolean {
  const ui = useUi.getState()
  const index = ui.selectedKey ? visible.indexOf(ui.selectedKey) : -1
  const selected = index >= 0 ? visible[index] : undefined
  const move = (delta: number) => {
    const next = visible[Math.min(visible.length - 1, Math.max(0, index + delta))]
    if (!next) return
    ui.select(next)
    document.querySelector<HTMLElement>(`[data-key="${CSS.escape(next)}"]`)?.focus()
  }
  switch (key) {
    case 'j':
      move(1)
      return true
    case 'k':
      move(index < 0 ? 1 : -1)
      return true
    case 'o':
      if (selected) void openChat(selected)
      return !!selected
    case 's':
      if (selected) ui.openSnoozeMenu(selected)
      return !!selected
    case 'a': {
      const chat = selected ? usePanelStore.getState().chats[selected] : undefined
      if (chat && canAssign(chat.source)) void assignChat(chat.key)
      return !!chat
    }
    case 'r':
      void command('sources.refresh', {})
      return true
    case '/':
      document.getElementById('chat-search')?.focus()
      return true
    default:
      return false
  }
}

/** Installs the key handler while the chat view is shown. */
export function useKeyboard(visible: readonly string[], enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [role="menu"]')) {
        if (e.key === 'Escape') (target as HTMLElement).blur()
        return
      }
      if (handleKey(e.key, visible)) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [visible, enabled])
}
