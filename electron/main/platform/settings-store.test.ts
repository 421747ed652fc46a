import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { silentLogger } from '../../core/engine/log'

vi.mock('electron', () => {
  const e = {}
  return { ...e, default: e }
})

import { createSettingsStore } from './settings-store'

const open = (cwd: string) => createSettingsStore({ cwd, version: '0.1.0', log: silentLogger, now: () => 42 })
const fresh = () => mkdtempSync(join(tmpdir(), 'chat-tray-settings-'))

describe('settings store (real electron-store)', () => {
  it('starts with defaults and persists updates to disk', () => {
    const cwd = fresh()
    const store = open(cwd)
    expect(store.get()).toEqual(defaultSettings())
    store.update({ app: { theme: 'dark' }, helpcrunch: { pollSeconds: 30 } })
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8'))
    expect(onDisk.app.theme).toBe('dark')
    expect(open(cwd).get().helpcrunch.pollSeconds).toBe(30)
    // Owner-readable only: the file names the help-desk account.
    expect(statSync(store.path).mode & 0o777).toBe(0o600)
  })

  it('rejects an invalid update naming the field, and keeps the old value', () => {
    const store = open(fresh())
    expect(() => store.update({ helpcrunch: { pollSeconds: 1 } })).toThrow(/helpcrunch.pollSeconds/)
    expect(store.get().helpcrunch.pollSeconds).toBe(15)
  })

  it('moves a corrupt file aside and starts with defaults', () => {
    const cwd = fresh()
    writeFileSync(join(cwd, 'settings.json'), '{not json')
    expect(open(cwd).get()).toEqual(defaultSettings())
    expect(readdirSync(cwd)).toContain('settings.json.corrupt-42')
  })

  it('keeps the valid fields of a half-broken file', () => {
    const cwd = fresh()
    writeFileSync(
      join(cwd, 'settings.json'),
      JSON.stringify({ app: { theme: 'light', launchAtLogin: 'yes' }, helpcrunch: { pollSeconds: -5, agentId: '7' } }),
    )
    const settings = open(cwd).get()
    expect(settings.app.theme).toBe('light')
    expect(settings.app.launchAtLogin).toBe(true)
    expect(settings.helpcrunch.agentId).toBe('7')
    expect(settings.helpcrunch.pollSeconds).toBe(15)
  })

  it('migrates the 0.0.x `alerts.quiet` flag to privacy mode', () => {
    const cwd = fresh()
    writeFileSync(join(cwd, 'settings.json'), JSON.stringify({ alerts: { quiet: true } }))
    expect(open(cwd).get().alerts.privacy).toBe(true)
    expect(JSON.parse(readFileSync(join(cwd, 'settings.json'), 'utf8')).alerts.quiet).toBeUndefined()
  })
})
