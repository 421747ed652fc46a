import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { useUi } from '../stores/ui-store'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'

const person = (name: string) => ({ name, email: null, company: null, phone: null })
const waiting = (n: number) =>
  Array.from({ length: n }, (_, i) => makeChat({ sourceId: `w${i}`, createdAt: i, customer: person(`Wai ${i}`) }))
const missed = makeChat({ sourceId: 'm', state: 'missed', createdAt: 0, customer: person('Mona') })
const callback = makeChat({ sourceId: 'c', state: 'callback', customer: person('Cal') })

describe('missed and callbacks above the fold', () => {
  beforeEach(resetStores)

  it('names the missed chats and callbacks below a long Waiting group and jumps to them, unfolding', async () => {
    installFakeBridge(snapshot({ chats: [...waiting(5), missed, callback] }))
    useUi.getState().toggleGroup('missed', true)
    render(<App />)
    const bar = await screen.findByText('1 missed · 1 callback below')
    expect(screen.queryByText('Mona')).toBeNull()
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show' }))
    expect(bar).toBeTruthy()
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Mona'))
    expect(useUi.getState().selectedKey).toBe(missed.key)
  })

  it('is not shown when Waiting is short (the group is in sight anyway)', async () => {
    installFakeBridge(snapshot({ chats: [...waiting(2), missed] }))
    render(<App />)
    await screen.findByText('Mona')
    expect(screen.queryByText(/below$/)).toBeNull()
  })
})
