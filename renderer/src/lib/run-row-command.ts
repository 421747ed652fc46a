/** Runs one row action by id: the shared path of hover buttons, the row menu and the shortcuts. */
import type { Chat } from '../../../shared/chat'
import { usePanelStore } from '../stores/panel-store'
import { useUi } from '../stores/ui-store'
import { useUndo } from '../stores/undo-store'
import { assignChat, markChatRead, openChat, takeChat, unassignChat, unsnoozeChat } from './actions'
import type { RowCommandId } from './row-commands'

/** Runs `id` on `chat`; a takeover only asks for confirmation, Snooze only opens its popover. */
export function runRowCommand(id: RowCommandId, chat: Chat): void {
  const ui = useUi.getState()
  switch (id) {
    case 'take':
      void takeChat(chat.key)
      return
    case 'open':
      void openChat(chat.key)
      return
    case 'assign':
      void assignChat(chat.key)
      return
    case 'takeover':
      ui.askTakeover(chat.key)
      return
    case 'unassign':
      void unassignChat(chat.key)
      return
    case 'snooze':
      ui.openSnoozeMenu(chat.key)
      return
    case 'unsnooze':
      void unsnoozeChat(chat.key)
      return
    case 'read':
      void markChatRead(chat.key)
      return
    case 'copy-phone':
      void copyPhone(chat.callback?.phone ?? '')
      return
  }
}

/** My agent id from settings. */
export function myAgentId(): string | null {
  return usePanelStore.getState().settings?.helpcrunch.agentId ?? null
}

/** Copies a callback number and says whether it worked (the panel cannot dial). */
export async function copyPhone(phone: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(phone)
    useUndo.getState().notify(`Copied ${phone}`)
  } catch {
    useUndo.getState().notify('Copy failed: select the number on the row')
  }
}
