import { describe, expect, it } from 'vitest'
import type { UpdateStatus } from '../../../shared/protocol'
import { updateMenuItem } from './menu-item'

const status = (over: Partial<UpdateStatus>): UpdateStatus => ({
  state: 'idle',
  current: '0.1.0',
  channel: 'stable',
  version: null,
  downloadUrl: null,
  message: null,
  checkedAt: null,
  ...over,
})

describe('the tray update item', () => {
  it('offers the restart, the download and a retry of a failed version; says nothing otherwise', () => {
    expect(updateMenuItem(status({ state: 'ready', version: '0.2.0' }))).toEqual({
      label: 'Restart to update to 0.2.0',
      enabled: true,
    })
    expect(updateMenuItem(status({ state: 'available', version: '0.2.0' }))?.label).toBe('Download Chat Tray 0.2.0…')
    expect(updateMenuItem(status({ state: 'downloading', version: '0.2.0' }))?.enabled).toBe(false)
    expect(updateMenuItem(status({ state: 'failed', version: '0.2.0' }))?.label).toBe('Update failed — check again')
    // An offline laptop's failed check is not news in the menu (Check my setup and the log still say it).
    expect(updateMenuItem(status({ state: 'failed', message: 'could not reach the update server' }))).toBeNull()
    for (const state of ['idle', 'checking', 'off', 'unsupported'] as const)
      expect(updateMenuItem(status({ state }))).toBeNull()
  })
})
