/**
 * A full disk, then a crash (issue 24, item 6), as a process on a real 64 KiB tmpfs: deliveries answered 200
 * while the disk is full, a snooze made then, and a delivery after space came back all survive a SIGKILL —
 * and while they wait to be written, the status and /health say so. Mounting needs root (Linux); the test is
 * skipped, saying why, where it cannot mount.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Chat } from '../../shared/chat'
import type { SourceStatus } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'
import { DD_SECRET, ddChat, deliverDd } from '../helpers/hub'
import { mountTmpfs, type SmallDisk, tmpfsUnavailable } from '../helpers/tmpfs'

let disk: SmallDisk | null = null
let cannotMount: string | null = null
let host: HeadlessProcess | undefined

beforeAll(() => {
  cannotMount = tmpfsUnavailable()
  if (cannotMount === null) disk = mountTmpfs(64)
})
afterEach(() => {
  host?.child.kill('SIGKILL')
  host = undefined
})
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 200)) // the killed host has let go of its files
  disk?.unmount()
})

/** A session big enough (a long customer name) that its kept record cannot fit in a page's leftover space. */
const session = (id: string) => ({
  ...ddChat(id, 'created', new Date().toISOString()),
  creator: { entityId: 1, name: `Customer ${id} ${'n'.repeat(6_000)}`, userId: 'x~c~1' },
})

async function boot(stateDir: string) {
  host = startHeadless(['--listen', '127.0.0.1:0', '--state-dir', stateDir, '--deskdirector-secret', DD_SECRET])
  const ready = (await host.waitFor((e) => e.type === 'ready')) as { listen: string }
  return { host, listen: ready.listen }
}

async function health(listen: string) {
  return (await (await fetch(`${listen}/health`)).json()) as {
    sources: SourceStatus[]
    state: { unsaved: Record<string, number>; writeFailures: number; savedLater: number; badLines: object }
  }
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('a full disk, then a crash', () => {
  it('loses nothing that was answered 200, nor a snooze made while the disk was full', async (context) => {
    if (!disk) return context.skip(cannotMount ?? 'no tmpfs')
    const stateDir = join(disk.dir, 'state')
    mkdirSync(stateDir)
    const first = await boot(stateDir)
    expect((await deliverDd(first.listen, [session('A')])).status).toBe(200)

    disk.fill()
    for (const id of ['B', 'C']) expect((await deliverDd(first.listen, [session(id)])).status).toBe(200)
    const snoozeUntil = Date.now() + 3_600_000
    const snoozed = await first.host.command('chat.snooze', { key: 'deskdirector:A', until: snoozeUntil })
    expect(snoozed).toMatchObject({ ok: true })

    const whileFull = await health(first.listen)
    expect(whileFull.state.unsaved['kept-chats.ndjson']).toBeGreaterThanOrEqual(2)
    expect(whileFull.state.unsaved['overlays.json']).toBe(1)
    const dd = whileFull.sources.find((s) => s.source === 'deskdirector')
    expect(dd?.notices).toContainEqual({ code: 'state-unsaved', message: expect.stringContaining('the disk is full') })

    disk.free()
    expect((await deliverDd(first.listen, [session('D')])).status).toBe(200)
    await until(async () => Object.keys((await health(first.listen)).state.unsaved).length === 0)
    const after = await health(first.listen)
    expect(after.sources.find((s) => s.source === 'deskdirector')?.notices ?? []).toEqual([])

    first.host.child.kill('SIGKILL')
    await first.host.exited

    const second = await boot(stateDir)
    const snapshot = await second.host.command('snapshot.get')
    const chats = (snapshot.result as { chats: Chat[] }).chats
    expect(chats.map((c) => c.key).sort()).toEqual(['A', 'B', 'C', 'D'].map((id) => `deskdirector:${id}`))
    expect(chats.find((c) => c.key === 'deskdirector:A')?.snoozedUntil).toBe(snoozeUntil)
    expect((await health(second.listen)).state.badLines).toEqual({})
  }, 60_000)
})
