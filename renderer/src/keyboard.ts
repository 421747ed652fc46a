/**
 * Panel keys: j/k and the arrows move, Enter/o open, t take, a assign (confirming a takeover), u unassign,
 * s snooze, m mark read, c copy a callback number, z undo, `.`/Shift+F10/context-menu key the row's menu,
 * r refresh, / search, ? help. The row actions come from the one table (`lib/row-actions.ts`).
 * Ignored while typing and inside popups (they handle their own keys).
 */
import { useEffect } from 'react'
import { customerName } from './components/ChatRow'
import { command } from './lib/bridge'
import { contextOf, runByKey } from './lib/row-actions'
import { undoLast } from './lib/snooze-flow'
import { usePanelStore } from './stores/panel-store'
import { useUi } from './stores/ui-store'

/** Keys a row action may be bound to (the table says which action; `o` is another Open). */
const ROW_KEYS = new Set(['o', 'Enter', 't', 'a', 'u', 's', 'm', 'c'])

/** Handles one key press given the visible chat keys; returns true when handled. */
export function handleKey(key: string, visible: readonly string[], shift = false): boolean {
  const ui = useUi.getState()
  const index = ui.selectedKey ? visible.indexOf(ui.selectedKey) : -1
  const selected = index >= 0 ? visible[index] : undefined
  const goTo = (next: string | undefined) => {
    if (!next) return
    ui.select(next)
    const row = document.querySelector<HTMLElement>(`.chat-row[data-key="${CSS.escape(next)}"]`)
    row?.focus()
    row?.scrollIntoView?.({ block: 'nearest' })
  }
  const move = (delta: number) => goTo(visible[Math.min(visible.length - 1, Math.max(0, index + delta))])
  const chat = selected ? usePanelStore.getState().chats[selected] : undefined
  if ((key === 'F10' && shift) || key === 'ContextMenu' || key === '.') {
    if (chat) ui.openRowMenu(chat.key)
    return !!chat
  }
  if (ROW_KEYS.has(key)) {
    if (!chat) return false
    runByKey(key === 'o' ? 'Enter' : key, contextOf(chat, Date.now(), customerName(chat)))
    return true
  }
  switch (key) {
    case 'j':
    case 'ArrowDown':
      move(index < 0 ? 0 : 1)
      return true
    case 'k':
    case 'ArrowUp':
      move(index < 0 ? 0 : -1)
      return true
    case 'Home':
      goTo(visible[0])
      return true
    case 'End':
      goTo(visible.at(-1))
      return true
    case 'z':
      void undoLast()
      return true
    case 'r':
      void command('sources.refresh', {})
      return true
    case '/':
      document.getElementById('chat-search')?.focus()
      return true
    case '?':
      ui.showHelp(true)
      return true
    default:
      return false
  }
}

/** Keys that only apply while a row has focus (elsewhere they keep their usual meaning). */
const ROW_ONLY = new Set(['Enter', 'ArrowDown', 'ArrowUp', 'Home', 'End', 'ContextMenu', 'F10'])

/** Installs the key handler while the chat view is shown. */
export function useKeyboard(visible: readonly string[], enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [role="menu"], [role="dialog"], [role="alertdialog"]')) {
        if (e.key === 'Escape' && target.closest('input, textarea, select')) target.blur()
        return
      }
      const onRow = !!target?.classList?.contains('chat-row')
      if (ROW_ONLY.has(e.key) && !onRow) return
      if (handleKey(e.key, visible, e.shiftKey)) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [visible, enabled])
}
