/** The machine policy in the desktop app, booted: IT's values applied at start, locked keys refused over IPC. */
import { describe, expect, it } from 'vitest'
import { IPC_CHANNELS } from '../../shared/protocol'
import { writePolicyFile } from '../helpers/policy'
import { bootedAppPerTest } from './boot-helpers'

const { boot } = bootedAppPerTest()

describe('the machine policy over IPC (linux)', () => {
  it("sets IT's values, refuses a locked key with locked_by_policy, and lets the rest change", async () => {
    const file = writePolicyFile(JSON.stringify({ settings: { 'alerts.privacy': true }, locked: ['hub.url'] }))
    const { app } = await boot('linux', { env: { CHAT_TRAY_POLICY_FILE: file } })
    const invoke = (name: string, params: unknown) =>
      app.op<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>(
        'invoke',
        IPC_CHANNELS.command,
        [name, params],
      )
    const refused = await invoke('settings.update', { patch: { alerts: { privacy: false } } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked_by_policy' } })
    expect(refused.error?.message).toContain(file)
    expect(await invoke('settings.update', { patch: { hub: { url: 'https://hub.example.com' } } })).toMatchObject({
      ok: false,
      error: { code: 'locked_by_policy' },
    })
    expect(await invoke('settings.update', { patch: { alerts: { scope: 'mine' } } })).toMatchObject({ ok: true })
    expect(await invoke('settings.get', {})).toMatchObject({
      ok: true,
      result: {
        settings: { alerts: { privacy: true, scope: 'mine' } },
        policy: { file, locked: ['alerts.privacy', 'hub.url'] },
      },
    })
  })

  it('a corrupt policy file: updates off, the safest keys locked, and the problem in Check my setup', async () => {
    const file = writePolicyFile('{"updates": "on", "locked": [')
    const { app } = await boot('linux', { env: { CHAT_TRAY_POLICY_FILE: file } })
    const invoke = (name: string, params: unknown) =>
      app.op<{
        ok: boolean
        result?: { checks?: { id: string; status: string; message: string }[] }
        error?: { code: string }
      }>('invoke', IPC_CHANNELS.command, [name, params])
    expect(await invoke('settings.update', { patch: { listener: { port: 5999 } } })).toMatchObject({
      ok: false,
      error: { code: 'locked_by_policy' },
    })
    expect(await invoke('desktop.status', {})).toMatchObject({ result: { update: { state: 'off' } } })
    const check = await invoke('setup.check', {})
    expect(check.result?.checks?.find((c) => c.id === 'desktop.policy')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/not valid JSON; updates are off/),
    })
  })
})
