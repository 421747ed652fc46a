import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { mergeSettings, type Settings, type SettingsPatch, type Shift } from '../../../../shared/settings'
import { App } from '../../App'
import { useUi } from '../../stores/ui-store'
import { installFakeBridge, snapshot } from '../../testing/fake-bridge'
import { resetStores } from '../../testing/reset'

function open(shifts: Shift[] = [], refuse: string | null = null) {
  const s = snapshot()
  s.settings.alerts.shifts = shifts
  const bridge = installFakeBridge(s)
  let current: Settings = s.settings
  const patches: SettingsPatch[] = []
  bridge.handlers['settings.update'] = (p) => {
    const patch = p.patch as SettingsPatch
    patches.push(patch)
    if (refuse) return { ok: false, error: { code: 'invalid_params', message: refuse } }
    current = mergeSettings(current, patch) as Settings
    return { ok: true, result: { settings: current } }
  }
  useUi.setState({ view: 'settings' })
  render(<App />)
  return { patches, current: () => current, user: userEvent.setup() }
}

const MON = { day: 1, start: '09:00', end: '17:00' }

// Five shifts of quarter-hour pickers are a few thousand options in happy-dom: slow on a loaded machine.
describe('shift schedule editor', { timeout: 20_000 }, () => {
  beforeEach(resetStores)

  it('starts empty and adds a Monday–Friday schedule in one click', async () => {
    const { patches, current, user } = open()
    expect(await screen.findByText(/No shifts yet/)).toBeTruthy()
    expect(screen.queryByLabelText('Do not disturb outside my shifts')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Add Monday–Friday 09:00–17:00' }))
    expect(patches.at(-1)?.alerts?.shifts).toHaveLength(5)
    expect(current().alerts.shifts[4]).toEqual({ day: 5, start: '09:00', end: '17:00' })
    expect(within(screen.getByRole('list', { name: 'Shifts' })).getAllByRole('listitem')).toHaveLength(5)
    expect(within(screen.getByRole('group', { name: 'Shift schedule' })).getByRole('status').textContent).toBe('Saved')
  })

  it('adds the next day, edits day and times, and saves the whole list', async () => {
    const { current, user } = open([MON])
    await user.click(await screen.findByRole('button', { name: 'Add shift' }))
    expect(current().alerts.shifts).toEqual([MON, { day: 2, start: '09:00', end: '17:00' }])
    await user.selectOptions(screen.getByLabelText('Shift 2 day'), 'Sat')
    expect(current().alerts.shifts[1]?.day).toBe(6)
    await user.selectOptions(screen.getByLabelText('Shift 2 ends'), '02:30')
    expect(current().alerts.shifts[1]).toEqual({ day: 6, start: '09:00', end: '02:30' })
    await user.selectOptions(screen.getByLabelText('Shift 2 starts'), 'Midnight')
    expect(current().alerts.shifts[1]?.start).toBe('24:00')
  })

  it('shows every time in the one locale-aware format, and keeps a saved time off the quarter-hour grid', async () => {
    const { user } = open([{ day: 3, start: '08:10', end: '16:45' }])
    const start = (await screen.findByLabelText('Shift 1 starts')) as HTMLSelectElement
    expect(start.selectedOptions[0]?.textContent).toBe('08:10')
    expect(within(start).getByText('13:15')).toBeTruthy()
    expect((screen.getByLabelText('Shift 1 day') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Wed')
    await user.selectOptions(start, '08:15')
    expect(start.value).toBe('08:15')
  })

  it('turns schedule DND on, and off again with the last shift removed', async () => {
    const { current, user } = open([MON])
    await user.click(await screen.findByLabelText('Do not disturb outside my shifts'))
    expect(current().alerts.scheduleDnd).toBe(true)
    await user.click(screen.getByRole('button', { name: 'Remove shift 1 (Monday)' }))
    expect(current().alerts).toMatchObject({ shifts: [], scheduleDnd: false })
    expect(screen.getByText(/No shifts yet/)).toBeTruthy()
  })

  it('shows a refused save and returns to the saved schedule', async () => {
    const { user } = open([MON], 'settings: "alerts.shifts.0.end": expected "HH:MM" (00:00-24:00)')
    await user.click(await screen.findByRole('button', { name: 'Remove shift 1 (Monday)' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Shift 1 end must be a time from 00:00 to 24:00.')
    expect(within(screen.getByRole('list', { name: 'Shifts' })).getAllByRole('listitem')).toHaveLength(1)
  })
})
