import { afterEach, describe, expect, it } from 'vitest'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'
import { writePolicyFile } from '../helpers/policy'

let host: HeadlessProcess | undefined
afterEach(() => {
  host?.child.kill('SIGKILL')
  host = undefined
})

describe('the machine policy in the headless host (NDJSON)', () => {
  it('refuses settings.update of a locked key with locked_by_policy; other keys still change', async () => {
    const file = writePolicyFile(JSON.stringify({ locked: ['listener.*'], settings: { 'alerts.privacy': true } }))
    host = startHeadless(['--listen', '127.0.0.1:0'], { CHAT_TRAY_POLICY_FILE: file })
    await host.waitFor((e) => e.type === 'ready')
    const refused = await host.command('settings.update', { patch: { listener: { allowRemote: true } } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked_by_policy' } })
    expect(refused.error?.message).toContain(file)
    expect(await host.command('settings.update', { patch: { alerts: { scope: 'mine' } } })).toMatchObject({
      ok: true,
      result: { settings: { alerts: { scope: 'mine', privacy: true } } },
    })
    expect(await host.command('settings.get')).toMatchObject({
      result: { policy: { file, locked: ['alerts.privacy', 'listener.*'], problems: [] } },
    })
  })

  it('a corrupt policy file: safest reading (hub, listener, privacy locked), said on stderr', async () => {
    const file = writePolicyFile('{ "locked": ["hub.url"')
    host = startHeadless(['--listen', '127.0.0.1:0'], { CHAT_TRAY_POLICY_FILE: file })
    await host.waitFor((e) => e.type === 'ready')
    const refused = await host.command('settings.update', { patch: { hub: { url: 'https://hub.example.com' } } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked_by_policy' } })
    const snapshot = await host.command('snapshot.get')
    expect(snapshot.result).toMatchObject({
      policy: { updates: 'off', problems: [expect.stringMatching(/not valid JSON/)] },
    })
    expect(host.stderr()).toMatch(/machine policy.*not valid JSON/)
  })
})
