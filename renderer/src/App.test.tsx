import { act, render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ChatTrayBridge, ProtocolEvent } from '../../shared/protocol'
import { defaultSettings } from '../../shared/settings'
import { makeChat } from '../../tests/helpers/chats'
import { App } from './App'
import { usePanelStore } from './store'

function installBridge() {
  let listener: ((e: ProtocolEvent) => void) | undefined
  const bridge: ChatTrayBridge = {
    platform: 'linux',
    command: (async () => ({
      ok: true,
      result: { chats: [], sources: [], settings: defaultSettings(), alerts: [], dndUntil: null, now: 0 },
    })) as ChatTrayBridge['command'],
    onEvent(l) {
      listener = l
      return () => {
        listener = undefined
      }
    },
  }
  window.chatTray = bridge
  return { push: (e: ProtocolEvent) => act(() => listener?.(e)) }
}

describe('App', () => {
  beforeEach(() => usePanelStore.setState({ chats: {}, loaded: false }))

  it('shows the empty state after the snapshot, then a chat pushed by main', async () => {
    const bridge = installBridge()
    render(<App />)
    expect(await screen.findByText('No chats waiting.')).toBeTruthy()
    bridge.push({ type: 'chat.added', chat: makeChat({ title: 'Printer on fire' }) })
    expect(screen.getByText(/Printer on fire/)).toBeTruthy()
  })
})
