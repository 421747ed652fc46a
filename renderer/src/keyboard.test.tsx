import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../tests/helpers/chats'
import { App } from './App'
import { useUi } from './stores/ui-store'
import { installFakeBridge, snapshot } from './testing/fake-bridge'
import { resetStores } from './testing/reset'

const first = makeChat({ source: 'helpcrunch', sourceId: '1', createdAt: 1 })
const second = makeChat({ sourceId: '2', createdAt: 2 })

describe('keyboard', () => {
  beforeEach(resetStores)

  it('j/k move, o opens, a assigns, s opens the snooze menu, r refreshes, / focuses search', async () => {
    const bridge = installFakeBridge(snapshot({ chats: [second, first] }))
    render(<App />)
    await screen.findAllByRole('listitem')
    const user = userEvent.setup()
    await user.keyboard('j')
    expect(useUi.getState().selectedKey).toBe(first.key)
    expect(document.activeElement?.getAttribute('data-key')).toBe(first.key)
    await user.keyboard('j')
    expect(useUi.getState().selectedKey).toBe(second.key)
    await user.keyboard('k')
    expect(useUi.getState().selectedKey).toBe(first.key)
    await user.keyboard('o')
    await user.keyboard('a')
    expect(bridge.calls.filter((c) => c.name === 'chat.open' || c.name === 'chat.assign')).toEqual([
      { name: 'chat.open', params: { key: first.key } },
      { name: 'chat.assign', params: { key: first.key } },
    ])
    await user.keyboard('s')
    expect(screen.getByRole('dialog', { name: /Snooze/ })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await user.keyboard('r')
    expect(bridge.calls.at(-1)?.name).toBe('sources.refresh')
    await user.keyboard('/')
    expect(document.activeElement?.id).toBe('chat-search')
    await user.keyboard('jk')
    expect((document.activeElement as HTMLInputElement).value).toBe('jk')
  })

  it('? shows the shortcuts and Esc closes them', async () => {
    installFakeBridge(snapshot({ chats: [first] }))
    render(<App />)
    await screen.findAllByRole('listitem')
    const user = userEvent.setup()
    await user.keyboard('?')
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(help.textContent).toContain('Take (assign to me and open)')
    // The card lists every key the list answers to (the keys table of docs/desktop-app.md says the same).
    expect(help.textContent).toContain('Home / EndFirst / last chat')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
