import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../shared/alert'
import type { ProtocolEvent } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'
import { DD_SECRET, ddChat, deliverDd } from '../helpers/hub'

let host: HeadlessProcess | undefined
let dir: string | undefined
afterEach(() => {
  host?.child.kill('SIGKILL')
  host = undefined
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const T0 = Date.now()
/** ISO time `seconds` after the test started (chats are fresh, so no still-waiting reminder is due). */
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString()

/** A DeskDirector ChatSession created when the test started. */
const session = (id: string, status: string, modified: string) => ddChat(id, status, modified, at(0))

async function deliver(listen: string, sessions: Record<string, unknown>[]): Promise<void> {
  expect((await deliverDd(listen, sessions)).status).toBe(200)
}

const alertsOf = (h: HeadlessProcess) =>
  h.events.filter((e): e is Extract<ProtocolEvent, { type: 'alert' }> => e.type === 'alert').map((e) => e.alert)
const alertFor = (key: string, kind: Alert['kind']) => (e: ProtocolEvent) =>
  e.type === 'alert' && e.alert.kind === kind && e.alert.chatKeys.includes(key)
const count = (alerts: Alert[], key: string) => alerts.filter((a) => a.chatKeys.includes(key)).length

async function boot(stateDir: string): Promise<{ h: HeadlessProcess; listen: string }> {
  const h = startHeadless(['--listen', '127.0.0.1:0', '--state-dir', stateDir, '--deskdirector-secret', DD_SECRET])
  const ready = (await h.waitFor((e) => e.type === 'ready')) as { listen: string }
  // No batching, so every alert leaves as itself and in order.
  expect(await h.command('settings.update', { patch: { alerts: { batchWindowMs: 0 } } })).toMatchObject({ ok: true })
  return { h, listen: ready.listen }
}

describe('headless host alerts across a SIGKILL (as a process)', () => {
  it('alerts each transition once, snooze-ended after a snooze, and repeats nothing after a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-alerts-proc-'))
    const first = await boot(dir)
    host = first.h
    const a = session('A-1', 'created', at(0))
    const b = session('B-2', 'created', at(1))
    await deliver(first.listen, [a, b])
    await host.waitFor(alertFor('deskdirector:B-2', 'new'))
    await deliver(first.listen, [a, b]) // the same delivery again
    const aMissed = session('A-1', 'missed', at(5))
    await deliver(first.listen, [aMissed])
    await host.waitFor(alertFor('deskdirector:A-1', 'missed'))
    const snoozed = await host.command('chat.snooze', { key: 'deskdirector:B-2', until: Date.now() + 1500 })
    expect(snoozed).toMatchObject({ ok: true })
    await host.waitFor(alertFor('deskdirector:B-2', 'snooze-ended'))
    expect(alertsOf(host).map((x) => [x.kind, x.chatKeys])).toEqual([
      ['new', ['deskdirector:A-1']],
      ['new', ['deskdirector:B-2']],
      ['missed', ['deskdirector:A-1']],
      ['snooze-ended', ['deskdirector:B-2']],
    ])
    host.child.kill('SIGKILL')
    await host.exited

    const second = await boot(dir)
    host = second.h
    await deliver(second.listen, [aMissed, b])
    const c = session('C-3', 'created', at(6))
    const d = session('D-4', 'callback', at(7))
    await deliver(second.listen, [c, d])
    await host.waitFor(alertFor('deskdirector:D-4', 'callback'))
    const after = alertsOf(host)
    expect(count(after, 'deskdirector:A-1')).toBe(0)
    expect(count(after, 'deskdirector:B-2')).toBe(0)
    expect(count(after, 'deskdirector:C-3')).toBe(1)
    expect(count(after, 'deskdirector:D-4')).toBe(1)
  })
})
