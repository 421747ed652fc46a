import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Chat } from '../../../shared/chat'
import { makeChat } from '../../../tests/helpers/chats'
import { App } from '../App'
import { installFakeBridge, snapshot } from '../testing/fake-bridge'
import { resetStores } from '../testing/reset'
import { preferredTime } from './CallbackDetails'

const person = (name: string) => ({ name, email: null, company: null, phone: null })
// Times in UTC: the panel's times are pinned to UTC in tests (no test depends on the machine's zone).
const at = (h: number, m = 0) => Date.UTC(2026, 0, 5, h, m)

const callback = makeChat({
  sourceId: 'cb',
  state: 'callback',
  customer: person('Carla'),
  callback: {
    kind: 'phone',
    phone: '+1 555 0142',
    note: 'Please call after 2 pm, about the invoice.',
    preferredTimes: [{ start: Date.UTC(2026, 0, 5, 14, 0), end: Date.UTC(2026, 0, 5, 15, 0) }],
  },
})
const missed = makeChat({ sourceId: 'ms', state: 'missed', customer: person('Mike') })

async function renderWith(chats: Chat[], privacy = false) {
  const s = snapshot({ chats })
  s.settings.alerts.privacy = privacy
  installFakeBridge(s)
  render(<App />)
  await screen.findByText(chats[0]?.customer.name ?? '')
  return (name: string) => within(screen.getByText(name).closest('li') as HTMLElement)
}

describe('row state and callback details', () => {
  beforeEach(() => {
    resetStores()
    // A fixed clock on the callback's day (its preferred time is "today" whenever the suite runs).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 5, 10, 0) })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('labels missed and callback rows in words, and plain waiting rows not at all', async () => {
    const row = await renderWith([callback, missed, makeChat({ sourceId: 'w', customer: person('Wendy') })])
    expect(row('Carla').getByText('Callback')).toBeTruthy()
    expect(row('Mike').getByText('Missed')).toBeTruthy()
    expect(row('Wendy').queryByText(/Missed|Callback/)).toBeNull()
    expect(screen.getByText('Carla').closest('li')?.className).toContain('state-callback')
  })

  it('shows the number, the preferred time and the note of a callback', async () => {
    const row = await renderWith([callback])
    expect(row('Carla').getByText('+1 555 0142')).toBeTruthy()
    expect(row('Carla').getByText(/^Preferred \d\d:\d\d–\d\d:\d\d$/)).toBeTruthy()
    expect(row('Carla').getByText('Please call after 2 pm, about the invoice.')).toBeTruthy()
  })

  it('hides the note in privacy mode but keeps the number', async () => {
    const row = await renderWith([callback], true)
    expect(row('Carla').getByText('+1 555 0142')).toBeTruthy()
    expect(row('Carla').queryByText(/about the invoice/)).toBeNull()
  })

  it('copies the number from the keyboard (c or the row menu); the Copy link is not a tab stop', async () => {
    const row = await renderWith([callback])
    const user = userEvent.setup()
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue()
    expect(row('Carla').getByRole('button', { name: "Copy Carla's number" }).tabIndex).toBe(-1)
    ;(screen.getByText('Carla').closest('li') as HTMLElement).focus()
    await user.keyboard('c')
    expect(writeText).toHaveBeenCalledWith('+1 555 0142')
    expect(await screen.findByText('Copied +1 555 0142')).toBeTruthy()
    await user.keyboard('.')
    expect(screen.getByRole('menuitem', { name: /^Copy number/ })).toBeTruthy()
  })

  it('copies the number, and says so when the clipboard refuses', async () => {
    const row = await renderWith([callback])
    const user = userEvent.setup()
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValueOnce()
    await user.click(row('Carla').getByRole('button', { name: "Copy Carla's number" }))
    expect(writeText).toHaveBeenCalledWith('+1 555 0142')
    expect((await row('Carla').findByRole('status')).textContent).toBe('Copied')
    writeText.mockRejectedValueOnce(new Error('denied'))
    await user.click(row('Carla').getByRole('button', { name: "Copy Carla's number" }))
    expect((await row('Carla').findByText('Copy failed: select the number')).className).toBe('error-text')
  })

  it('says when a callback has no number', async () => {
    const noPhone = makeChat({
      sourceId: 'np',
      state: 'callback',
      customer: person('Nora'),
      callback: { kind: 'chat', phone: null, note: null, preferredTimes: [] },
    })
    const row = await renderWith([noPhone])
    expect(row('Nora').getByText('Asked to be contacted by chat')).toBeTruthy()
  })

  it('formats preferred times: a range, open ends, another day', () => {
    const now = at(10)
    expect(preferredTime({ start: at(14), end: at(15, 30) }, now)).toBe('14:00–15:30')
    expect(preferredTime({ start: at(14), end: null }, now)).toBe('from 14:00')
    expect(preferredTime({ start: null, end: at(16) }, now)).toBe('until 16:00')
    expect(preferredTime({ start: at(14) + 86_400_000, end: null }, now)).toBe('tomorrow from 14:00')
    expect(preferredTime({ start: null, end: null }, now)).toBe('')
  })
})
