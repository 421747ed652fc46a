/**
 * The preload: a narrow, typed bridge (docs/architecture.md, "Security defaults"). It exposes `window.chatTray` with one
 * command method and one event subscription — no generic ipcRenderer, no Node.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron'
import { type ChatTrayBridge, IPC_CHANNELS } from '../../shared/protocol/bridge'
import type { ProtocolEvent } from '../../shared/protocol/events'

const bridge: ChatTrayBridge = {
  command: (name, params) => ipcRenderer.invoke(IPC_CHANNELS.command, name, params),
  onEvent(listener) {
    const wrapped = (_event: IpcRendererEvent, payload: ProtocolEvent) => listener(payload)
    ipcRenderer.on(IPC_CHANNELS.event, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, wrapped)
    }
  },
  platform: process.platform,
}

contextBridge.exposeInMainWorld('chatTray', bridge)
