/**
 * The one IPC command handler: checks the sender and the request shape, then hands the command to the
 * dispatcher (which validates params per command). Errors come back typed, never as rejections.
 */
import { ipcMain, type WebContents } from 'electron'
import { IPC_CHANNELS, type ProtocolEvent } from '../../../shared/protocol'
import type { DispatchOutcome } from '../../core/engine/dispatcher'
import type { Logger } from '../../core/engine/log'
import { checkRequest, checkSender } from './ipc-guard'

/** The page allowed to send commands. */
export interface IpcPeer {
  /** The panel's live webContents id, or null while no panel window exists. */
  contentsId(): number | null
  pageUrl: string
}

/** Registers the command handler; returns a function that removes it. */
export function registerCommandIpc(
  peer: IpcPeer,
  dispatch: (name: string, params: unknown) => Promise<DispatchOutcome>,
  log: Logger,
): () => void {
  ipcMain.handle(IPC_CHANNELS.command, async (event, ...args: unknown[]) => {
    const senderError = checkSender(
      { senderId: event.sender.id, frameUrl: event.senderFrame?.url ?? null },
      { webContentsId: peer.contentsId() ?? -1, url: peer.pageUrl },
    )
    if (senderError) {
      log.warn('IPC command refused', { reason: senderError.message })
      return { ok: false, error: senderError }
    }
    const request = checkRequest(args)
    if (!request.ok) return { ok: false, error: request.error }
    return dispatch(request.name, request.params)
  })
  return () => ipcMain.removeHandler(IPC_CHANNELS.command)
}

/** Sends an event to the panel (dropped while no page exists: a new page asks for a snapshot when it loads). */
export function sendEvent(contents: WebContents | null, event: ProtocolEvent): void {
  if (contents && !contents.isDestroyed()) contents.send(IPC_CHANNELS.event, event)
}
