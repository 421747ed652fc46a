/// <reference types="vite/client" />
import type { ChatTrayBridge } from '../../shared/protocol'

declare global {
  interface Window {
    /** The typed bridge exposed by the preload (or by the e2e harness). */
    chatTray: ChatTrayBridge
  }
}
