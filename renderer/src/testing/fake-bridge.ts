/** A fake `window.chatTray` for component tests: scripted command answers, recorded calls, pushed events. */
import { act } from '@testing-library/react'
import type { ChatTrayBridge, CommandName, ProtocolEvent, Snapshot, SourceInfo } from '../../../shared/protocol'
import { defaultSettings } from '../../../shared/settings'

type Answer = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }
/** A scripted answer: a value, or a function of the params (may return a promise that never settles). */
export type Handler = (params: Record<string, unknown>) => Answer | Promise<Answer>

/** The fake and its controls. */
export interface FakeBridge {
  calls: { name: CommandName; params: Record<string, unknown> }[]
  handlers: Partial<Record<CommandName, Handler>>
  push(event: ProtocolEvent): void
}

const shipped = (id: string, label: string, api: boolean): SourceInfo => ({
  id,
  label,
  capabilities: { serverSnooze: api, assign: api, setStatus: api, markRead: api },
})

/** The shipped sources as main names them (label, capabilities), in the registry's order. */
export const TEST_SOURCES: Record<string, SourceInfo> = {
  helpcrunch: shipped('helpcrunch', 'HelpCrunch', true),
  deskdirector: shipped('deskdirector', 'DeskDirector', false),
}

/** A snapshot with defaults; override any part. */
export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  const settings = defaultSettings()
  settings.app.onboarded = true
  return { chats: [], sources: [], settings, alerts: [], dndUntil: null, now: Date.now(), ...over }
}

/** Installs the fake as `window.chatTray`. */
export function installFakeBridge(initial: Snapshot = snapshot()): FakeBridge {
  const listeners = new Set<(e: ProtocolEvent) => void>()
  const fake: FakeBridge = {
    calls: [],
    handlers: {
      'snapshot.get': () => ({ ok: true, result: initial }),
      'alerts.list': () => ({ ok: true, result: { alerts: initial.alerts, unseen: 0 } }),
      'alerts.seen': () => ({ ok: true, result: { unseen: 0 } }),
      'secrets.status': () => ({
        ok: true,
        result: {
          configured: { 'helpcrunch.apiKey': false, 'helpcrunch.signingKey': false, 'deskdirector.secrets': false },
        },
      }),
    },
    push: (event) =>
      act(() => {
        for (const listener of listeners) listener(event)
      }),
  }
  const bridge: ChatTrayBridge = {
    platform: 'linux',
    command: (async (name: CommandName, params: Record<string, unknown>) => {
      fake.calls.push({ name, params })
      const handler = fake.handlers[name]
      return handler ? handler(params) : { ok: true, result: {} }
    }) as ChatTrayBridge['command'],
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  window.chatTray = bridge
  return fake
}
