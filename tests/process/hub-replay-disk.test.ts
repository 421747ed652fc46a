/**
 * The hub's replay log on a full disk (issue 24, item 5), on a real small tmpfs: the change is still streamed,
 * and after a crash no desktop is handed a resume that skips what the log lost, nor an id issued twice.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  AGENTS,
  ddChat,
  deliverDd,
  openStream,
  processesPerTest,
  readyUrl,
  startHub,
  writeTokens,
} from '../helpers/hub'
import { mountTmpfs, tmpfsUnavailable } from '../helpers/tmpfs'

const scope = processesPerTest()
const [MIA, LEO] = AGENTS as [(typeof AGENTS)[0], (typeof AGENTS)[1]]
const unavailable = tmpfsUnavailable()
const big = (id: string) => ({ ...ddChat(id), name: `${id} ${'x'.repeat(8_000)}` })
const keyOf = (data: unknown) => (data as { chat?: { key: string } }).chat?.key
const keysIn = (snapshot: unknown) => (snapshot as { chats: { key: string }[] }).chats.map((c) => c.key)

describe('hub replay log on a full disk', () => {
  it.skipIf(unavailable !== null)(
    `streams every change, and after a crash resumes no one past what it lost${unavailable ? ` (skipped: ${unavailable})` : ''}`,
    async () => {
      const disk = mountTmpfs(4096)
      scope.onCleanup(() => disk.unmount())
      const tokens = writeTokens(join(scope.dir('hub-disk'), 'tokens.json'))
      const stateDir = join(disk.dir, 'hub')
      const first = scope.track(startHub({ tokens, stateDir }))
      const url = await readyUrl(first)

      // Mia sees D1 (logged), then goes away.
      const mia = await openStream(url, MIA.token)
      await deliverDd(url, [ddChat('D1')])
      const miaLast = (await mia.waitFor((m) => keyOf(m.data) === 'deskdirector:D1')).id as string
      mia.close()
      const leo = await openStream(url, LEO.token)
      await leo.waitFor((m) => m.event === 'snapshot')

      disk.fill()
      for (const id of ['D2', 'D3']) expect((await deliverDd(url, [big(id)])).status).toBe(200)
      // The disk took neither: Leo still gets both, live.
      const leoLast = (await leo.waitFor((m) => keyOf(m.data) === 'deskdirector:D3')).id as string
      const health = (await (await fetch(`${url}/health`)).json()) as { hub: { replayLog: Record<string, unknown> } }
      expect(health.hub.replayLog).toMatchObject({ intact: false })
      expect(health.hub.replayLog.appendFailures).toBeGreaterThan(0)
      leo.close()

      // The hub crashes while the disk is full; space comes back; it restarts on the same state.
      first.child.kill('SIGKILL')
      await first.exited
      disk.free()
      const second = scope.track(startHub({ tokens, stateDir, listen: `127.0.0.1:${new URL(url).port}` }))
      await readyUrl(second)
      await deliverDd(url, [ddChat('D4')])

      // Mia resumes from D1: the log cannot replay D2 and D3, so she gets a snapshot (the hub's whole state),
      // never a replay of D4 alone as if nothing had happened in between. (Whether the hub itself kept D2 and
      // D3 through the crash is the state files' business, not the replay log's.)
      const miaAgain = await openStream(url, MIA.token, miaLast)
      const miaFirst = await miaAgain.waitFor(() => true)
      expect(miaFirst.event).toBe('snapshot')
      expect(keysIn(miaFirst.data)).toEqual(expect.arrayContaining(['deskdirector:D1', 'deskdirector:D4']))
      // Leo's resume point was never logged: a snapshot too, and ids go on above every id streamed before.
      const leoAgain = await openStream(url, LEO.token, leoLast)
      const leoFirst = await leoAgain.waitFor(() => true)
      expect(leoFirst.event).toBe('snapshot')
      expect(Number(leoFirst.id)).toBeGreaterThan(Number(leoLast))
      // Said at start: a torn last line or the guard's "not whole" (whichever the disk left) stops resumes.
      expect(second.stderr()).toMatch(/hub replay log: (unreadable lines skipped|the last run may have streamed)/)
      miaAgain.close()
      leoAgain.close()
    },
    60_000,
  )
})
