/** The built app follows a team hub once Settings → Team hub has an address and a token, and goes back without. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS } from '../../shared/protocol'
import { makeChat } from '../helpers/chats'
import { startTinyHub, type TinyHub } from '../helpers/tiny-hub'
import { bootToTray, failures } from './boot-helpers'
import { type BootedApp, devLayout } from './driver'
import { freePort, listenerHealth, writeListenerSettings } from './settings-file'

const TOKEN = 'tok-boot-0123456789abcdef'
const HUB_CHATS = [makeChat({ source: 'helpcrunch', sourceId: '501' }), makeChat({ sourceId: 'dd-501' })]

let app: BootedApp | null = null
let hub: TinyHub | null = null
afterEach(async () => {
  await app?.kill()
  await hub?.close()
  app = hub = null
})

const until = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 15_000, interval: 100 })

describe('the desktop app and a team hub', () => {
  it('follows the hub saved in Settings without a listener, and stops following when the token is removed', async () => {
    hub = await startTinyHub(TOKEN, HUB_CHATS)
    const userData = mkdtempSync(join(tmpdir(), 'chat-tray-boot-hub-'))
    const port = await freePort()
    writeListenerSettings(userData, port)
    const booted = await bootToTray({ layout: devLayout(), platform: 'linux', userData })
    app = booted
    await until(async () => expect(await listenerHealth(port)).toBe(200))
    const command = <T>(name: string, params: unknown) =>
      booted.op<{ ok: boolean; result?: T }>('invoke', IPC_CHANNELS.command, [name, params])

    expect((await command('settings.update', { patch: { hub: { url: hub.url } } })).ok).toBe(true)
    // An address alone is not enough: still the help desks and the listener.
    expect(hub.requests).toEqual([])
    expect(await listenerHealth(port)).toBe(200)

    expect((await command('secrets.set', { name: 'hub.token', value: TOKEN })).ok).toBe(true)
    await until(() => expect(hub?.requests[0]).toEqual({ path: '/v1/stream', authorization: `Bearer ${TOKEN}` }))
    expect(await listenerHealth(port)).toBeNull()
    await until(async () => {
      const snapshot = await command<{ chats: { key: string }[] }>('snapshot.get', {})
      expect(snapshot.result?.chats.map((c) => c.key).sort()).toEqual(HUB_CHATS.map((c) => c.key).sort())
    })

    expect((await command('secrets.set', { name: 'hub.token', value: null })).ok).toBe(true)
    await until(async () => expect(await listenerHealth(port)).toBe(200))
    await until(() => expect(hub?.streams.size).toBe(0))
    expect(failures(await booted.state())).toEqual([])
  })
})
