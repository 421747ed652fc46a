import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'

let host: HeadlessProcess | undefined
let dir: string | undefined
afterEach(() => {
  host?.child.kill('SIGKILL')
  host = undefined
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('headless host state directory (as a process)', () => {
  it('keeps do-not-disturb across a SIGKILL and answers the alert commands', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-state-'))
    host = startHeadless(['--listen', '127.0.0.1:0', '--state-dir', dir])
    await host.waitFor((e) => e.type === 'ready')
    const until = Date.now() + 3_600_000
    expect(await host.command('dnd.set', { until })).toMatchObject({ ok: true, result: { until } })
    expect(await host.command('alerts.list')).toMatchObject({ ok: true, result: { alerts: [], unseen: 0 } })
    expect(existsSync(join(dir, 'alerted.ndjson'))).toBe(true)
    host.child.kill('SIGKILL')
    await host.exited

    host = startHeadless(['--listen', '127.0.0.1:0', '--state-dir', dir])
    await host.waitFor((e) => e.type === 'ready')
    expect(await host.command('snapshot.get')).toMatchObject({ ok: true, result: { dndUntil: until } })
    expect(await host.command('alerts.seen')).toMatchObject({ ok: true, result: { unseen: 0 } })
  })
})
