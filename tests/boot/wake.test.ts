/**
 * Healing after sleep, booted: the real runtime polls a fake HelpCrunch (once an hour, so only a wake can find a
 * new chat early) and listens for DeskDirector. The machine suspends, a customer writes in, the OS takes the
 * listener's port; on resume the listener is bound again, HelpCrunch is polled at once, DeskDirector retries its
 * delivery (twice) — and each chat is alerted exactly once.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeHelpCrunch, type FakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import type { Alert } from '../../shared/alert'
import { IPC_CHANNELS, type ProtocolEvent } from '../../shared/protocol'
import { bootToTray, failures } from './boot-helpers'
import { type BootedApp, devLayout } from './driver'
import { DESKDIRECTOR_SITE, deliverChat, freePort, listenerHealth } from './settings-file'

/** Waits for `check` to pass; the bound only ends a hang (2 cores shared by many sessions). */
const eventually = (check: () => unknown) => vi.waitFor(check, { timeout: 15_000, interval: 50 })

const KEY = 'hc-wake-test-key-0123456789'
let app: BootedApp | null = null
let fake: FakeHelpCrunch | null = null
afterEach(async () => {
  await app?.kill()
  await fake?.close()
  app = null
  fake = null
})

/** Every alert the panel was sent so far (a summary names all its chats in `chatKeys`). */
async function alertsSent(booted: BootedApp, into: Alert[]): Promise<Alert[]> {
  const sent = await booted.op<{ args: [ProtocolEvent] }[]>('drainSent')
  for (const { args } of sent) if (args[0].type === 'alert') into.push(args[0].alert)
  return into
}

describe('after a suspend (linux)', () => {
  it('rebinds the lost port, polls at once, and alerts the chat that arrived and the retried delivery once each', async () => {
    fake = createFakeHelpCrunch({ apiKey: KEY })
    const apiUrl = await fake.listen()
    const userData = mkdtempSync(join(tmpdir(), 'chat-tray-wake-'))
    const port = await freePort()
    mkdirSync(userData, { recursive: true })
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({
        listener: { port, allowUnsigned: { deskdirector: true, helpcrunch: false } },
        deskdirector: { baseUrl: DESKDIRECTOR_SITE },
        helpcrunch: { apiUrl, pollSeconds: 3600 },
        alerts: { batchWindowMs: 0, startupWindowSeconds: 0 },
      }),
    )
    app = await bootToTray({ layout: devLayout(), platform: 'linux', userData })
    const booted = app
    await booted.op('invoke', IPC_CHANNELS.command, ['secrets.set', { name: 'helpcrunch.apiKey', value: KEY }])
    await eventually(async () => {
      const snapshot = await booted.op<{ result: { sources: { source: string; state: string }[] } }>(
        'invoke',
        IPC_CHANNELS.command,
        ['snapshot.get', {}],
      )
      expect(snapshot.result.sources.find((s) => s.source === 'helpcrunch')?.state).toBe('ok')
    })

    await booted.op('power', 'suspend')
    const arrived = fake.db.addChat({ status: 'new' })
    expect(await booted.op<(number | null)[]>('losePorts')).toEqual([port])
    expect(await listenerHealth(port)).toBeNull()
    await booted.op('power', 'resume')

    await eventually(async () => expect(await listenerHealth(port)).toBe(200))
    // DeskDirector could not deliver while the machine slept; it retries now, and once more (its answer was lost).
    expect(await deliverChat(port, '1700000100-WAKE', 'Wanda')).toBe(200)
    expect(await deliverChat(port, '1700000100-WAKE', 'Wanda')).toBe(200)

    const alerts: Alert[] = []
    const about = (suffix: string) => alerts.filter((a) => a.chatKeys.some((key) => key.endsWith(suffix)))
    await eventually(async () => {
      await alertsSent(booted, alerts)
      expect(about(`:${arrived.id}`)).toHaveLength(1)
      expect(about(':1700000100-WAKE')).toHaveLength(1)
    })
    // Nothing more comes for them (the retry and later polls are the same versions), not even after another wake.
    const log = () => readFileSync(join(userData, 'logs', 'main.log'), 'utf8')
    expect(log()).toMatch(/woke up \{\s+reason: 'resume',\s+listener: 'rebound'/)
    await booted.op('power', 'unlock-screen')
    await vi.waitFor(() => expect(log()).toMatch(/woke up \{\s+reason: 'unlock-screen',\s+listener: 'answering'/), {
      timeout: 30_000,
    })
    await alertsSent(booted, alerts)
    expect(about(`:${arrived.id}`)).toHaveLength(1)
    expect(about(':1700000100-WAKE')).toHaveLength(1)
    expect(failures(await booted.state())).toEqual([])
  }, 120_000)
})
