import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CommandFailure } from '../../../shared/protocol'
import { memoryRuntime } from '../../../tests/helpers/runtime'
import { silentLogger } from '../engine/log'
import { loadPolicy, parsePolicy, policyPath, SAFEST_LOCKS } from './policy-file'
import { assertUnlocked, withPolicy } from './policy-settings'
import { memorySettings } from './ports'

const FILE = '/etc/chat-tray/policy.json'

describe('the policy file', () => {
  it('lives where IT expects it on each OS, unless CHAT_TRAY_POLICY_FILE says otherwise', () => {
    expect(policyPath('linux', {})).toBe('/etc/chat-tray/policy.json')
    expect(policyPath('darwin', {})).toBe('/Library/Application Support/Chat Tray/policy.json')
    expect(policyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Chat Tray\\policy.json')
    expect(policyPath('linux', { CHAT_TRAY_POLICY_FILE: '/tmp/p.json' })).toBe('/tmp/p.json')
  })

  it('is no policy when the file does not exist', () => {
    const policy = loadPolicy('linux', { CHAT_TRAY_POLICY_FILE: join(tmpdir(), 'no-such-dir', 'policy.json') })
    expect(policy.status).toMatchObject({ file: null, updates: 'on', locked: [], problems: [] })
  })

  it('reads updates, channel, update URL, set and locked settings', () => {
    const { status, values } = parsePolicy(
      FILE,
      JSON.stringify({
        updates: 'on',
        channel: 'beta',
        updateUrl: 'https://updates.example.com/chat-tray',
        settings: { 'hub.url': 'https://hub.example.com', 'alerts.privacy': true },
        locked: ['listener.*'],
      }),
    )
    expect(status).toEqual({
      file: FILE,
      updates: 'on',
      channel: 'beta',
      updateUrl: 'https://updates.example.com/chat-tray',
      locked: ['hub.url', 'alerts.privacy', 'listener.*', 'app.updateChannel'],
      problems: [],
    })
    expect(values).toEqual({
      'hub.url': 'https://hub.example.com',
      'alerts.privacy': true,
      'app.updateChannel': 'beta',
    })
  })

  it.each([
    ['not JSON', '{ "updates": "off", ', /not valid JSON/],
    ['not an object', '["off"]', /not a JSON object/],
    ['a typo in a field name', '{ "update": "off" }', /unknown field "update"/],
    ['a bad value', '{ "updates": "no" }', /"updates"/],
    ['a plain-http update server', '{ "updateUrl": "http://updates.example.com" }', /https/],
    ['a setting that does not exist', '{ "locked": ["hub.adress"] }', /no setting "hub.adress"/],
  ])('a broken file (%s) keeps the safest reading and says so', (_name, text, why) => {
    const { status } = parsePolicy(FILE, text)
    expect(status.updates).toBe('off')
    expect(status.locked).toEqual(expect.arrayContaining([...SAFEST_LOCKS]))
    expect(status.problems).toHaveLength(1)
    expect(status.problems[0]).toMatch(why)
    expect(status.problems[0]).toContain(FILE)
  })

  it('keeps what it could read from a partly broken file', () => {
    const { status } = parsePolicy(FILE, JSON.stringify({ channel: 'beta', locked: ['hub.url', 42] }))
    expect(status.channel).toBe('beta')
    expect(status.locked).toEqual(expect.arrayContaining(['hub.url', 'app.updateChannel', ...SAFEST_LOCKS]))
  })

  it('reads a file on disk, refusing one that is too large to be a policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-tray-policy-'))
    const file = join(dir, 'policy.json')
    writeFileSync(file, `{"updates":"off","locked":[${'"hub.url",'.repeat(8000)}"hub.url"]}`)
    const policy = loadPolicy('linux', { CHAT_TRAY_POLICY_FILE: file })
    expect(policy.status.problems[0]).toMatch(/larger than 64 KiB/)
  })
})

describe('settings under a policy', () => {
  it('get the values IT sets at start; a value the schema refuses is reported and stays locked', () => {
    const { status, values } = parsePolicy(
      FILE,
      JSON.stringify({ settings: { 'alerts.privacy': true, 'helpcrunch.pollSeconds': 1 } }),
    )
    const port = withPolicy(memorySettings(), { status, values }, silentLogger)
    expect(port.get().alerts.privacy).toBe(true)
    expect(port.get().helpcrunch.pollSeconds).toBe(15)
    expect(port.policy?.().problems[0]).toMatch(/helpcrunch.pollSeconds/)
    expect(port.policy?.().locked).toContain('helpcrunch.pollSeconds')
  })

  it('refuse a change to a locked key with locked_by_policy, and let everything else through', () => {
    const { status } = parsePolicy(FILE, JSON.stringify({ locked: ['hub.url', 'listener.*'] }))
    const current = memorySettings().get()
    const refused = (patch: object) => {
      try {
        assertUnlocked(current, patch, status)
        return null
      } catch (error) {
        return error as CommandFailure
      }
    }
    expect(refused({ hub: { url: 'https://other.example.com' } })?.code).toBe('locked_by_policy')
    expect(refused({ listener: { port: 5000 } })?.message).toMatch(/"listener.port" is locked .*policy\.json/)
    // Sending the current value back (a form that saves a whole section) changes nothing and passes.
    expect(refused({ listener: { port: current.listener.port }, alerts: { privacy: true } })).toBeNull()
    expect(refused({ alerts: { scope: 'mine' } })).toBeNull()
  })
})

describe('the settings.update command under a policy (every host)', () => {
  it('answers locked_by_policy for a locked key and changes nothing; settings.get lists the locks', async () => {
    const policy = parsePolicy(FILE, JSON.stringify({ settings: { 'hub.url': 'https://hub.example.com' } }))
    const settings = withPolicy(memorySettings(), policy, silentLogger)
    const { dispatch } = memoryRuntime(undefined, {}, { settings })
    const refused = await dispatch('settings.update', { patch: { hub: { url: 'https://evil.example.com' } } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked_by_policy' } })
    expect(settings.get().hub.url).toBe('https://hub.example.com')
    expect(await dispatch('settings.update', { patch: { alerts: { privacy: true } } })).toMatchObject({ ok: true })
    expect(await dispatch('settings.get', {})).toMatchObject({ ok: true, result: { policy: { locked: ['hub.url'] } } })
  })
})
