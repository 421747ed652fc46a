import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const person = (name: string) => ({ name, email: null, company: null, phone: null })

async function renderApp() {
  const bridge = installFakeBridge(snapshot({ chats: [makeChat({ sourceId: 'old', customer: person('Olga') })] }))
  render(<App />)
  await screen.findByText('Olga')
  return { bridge, user: userEvent.setup() }
}

describe('new waiting chat announcer', () => {
  beforeEach(resetStores)

  it('announces a new waiting chat while Settings is open (one region for the whole app)', async () => {
    const { bridge, user } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    await screen.findByRole('form', { name: 'Settings' })
    expect(screen.queryByText('Olga')).toBeNull()
    const regions = screen.getAllByTestId('new-chat-announcer')
    expect(regions).toHaveLength(1)
    const region = regions[0] as HTMLElement
    expect(region.getAttribute('aria-live')).toBe('polite')
    expect(region.textContent).toBe('')
    bridge.push({ type: 'chat.added', chat: makeChat({ sourceId: 'n', customer: person('Nina') }) })
    expect(region.textContent).toBe('New waiting chat: Nina, DeskDirector')
  })

  it('announces in the Alerts view too, from the same region the list had', async () => {
    const { bridge, user } = await renderApp()
    const region = screen.getByTestId('new-chat-announcer')
    await user.click(screen.getByRole('button', { name: /^Alerts/ }))
    bridge.push({ type: 'chat.added', chat: makeChat({ sourceId: 'p', customer: person('Pia') }) })
    expect(region.textContent).toBe('New waiting chat: Pia, DeskDirector')
    await user.click(screen.getByRole('button', { name: /^Chats/ }))
    expect(screen.getByTestId('new-chat-announcer')).toBe(region)
  })
})
