/**
 * A full disk, then a crash (issue 24, item 6), as a process on a real 64 KiB tmpfs: deliveries answered 200
 * while the disk is full, a snooze made then, and a delivery after space came back all survive a SIGKILL —
 * and while they wait to be written, the status and /health say so. Mounting needs root (Linux); the test is
 * skipped, saying why, where it cannot mount.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Chat } from '../../shared/chat'
import type { SourceStatus } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'
import { DD_SECRET, ddChat, deliverDd } from '../helpers/hub'

let mountPoint: string | null = null
let cannotMount = ''
let host: HeadlessProcess | undefined

beforeAll(() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    cannotMount = 'needs root on Linux to mount a 64 KiB tmpfs'
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-full-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], { stdio: 'pipe' })
    mountPoint = dir
  } catch (error) {
    cannotMount = `mount -t tmpfs failed: ${(error as Error).message.split('\n')[0]}`
    rmSync(dir, { recursive: true, force: true })
  }
})
afterEach(() => {
  host?.child.kill('SIGKILL')
  host = undefined
})
afterAll(async () => {
  if (!mountPoint) return
  await new Promise((resolve) => setTimeout(resolve, 200)) // the killed host has let go of its files
  execFileSync('umount', [mountPoint])
  rmSync(mountPoint, { recursive: true, force: true })
})

/** Fills the file system holding `dir` to the last byte; returns the filler's path. */
function fill(dir: string): string {
  const path = join(dir, 'filler')
  const fd = openSync(path, 'w')
  const block = Buffer.alloc(1024, 1)
  try {
    for (;;) writeSync(fd, block)
  } catch {
    for (let n = 512; n >= 1; n >>= 1) {
      try {
        for (;;) writeSync(fd, block, 0, n)
      } catch {}
    }
  } finally {
    closeSync(fd)
  }
  return path
}

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
    if (!mountPoint) return context.skip(cannotMount)
    const stateDir = join(mountPoint, 'state')
    mkdirSync(stateDir)
    const first = await boot(stateDir)
    expect((await deliverDd(first.listen, [session('A')])).status).toBe(200)

    const filler = fill(mountPoint)
    for (const id of ['B', 'C']) expect((await deliverDd(first.listen, [session(id)])).status).toBe(200)
    const snoozeUntil = Date.now() + 3_600_000
    const snoozed = await first.host.command('chat.snooze', { key: 'deskdirector:A', until: snoozeUntil })
    expect(snoozed).toMatchObject({ ok: true })

    const whileFull = await health(first.listen)
    expect(whileFull.state.unsaved['kept-chats.ndjson']).toBeGreaterThanOrEqual(2)
    expect(whileFull.state.unsaved['overlays.json']).toBe(1)
    const dd = whileFull.sources.find((s) => s.source === 'deskdirector')
    expect(dd?.notices).toContainEqual({ code: 'state-unsaved', message: expect.stringContaining('the disk is full') })

    rmSync(filler)
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
