import { afterEach, describe, expect, it } from 'vitest'
import type { ProtocolEvent } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'

let host: HeadlessProcess | undefined
afterEach(() => {
  host?.child.kill('SIGKILL')
  host = undefined
})

const alertOf = (kind: string) => (e: ProtocolEvent) => e.type === 'alert' && e.alert.kind === kind

describe('demo mode (headless, as a process)', () => {
  // About 21 s on an idle machine; the waits are generous because timing is not what this test asserts.
  it('prints ready, then new, missed, callback and still-waiting alerts, all from demo chats', async () => {
    host = startHeadless(['--demo', '--listen', '127.0.0.1:0'])
    const ready = await host.waitFor((e) => e.type === 'ready')
    expect(ready).toMatchObject({ demo: true, sources: ['helpcrunch', 'deskdirector'] })
    for (const kind of ['new', 'missed', 'callback', 'still-waiting']) await host.waitFor(alertOf(kind), 60_000)

    const callback = host.events.find(alertOf('callback'))
    expect(callback?.type === 'alert' && callback.alert.callback).toMatchObject({
      phone: expect.stringMatching(/^\+1 555/),
    })
    const chats = host.events.flatMap((e) => (e.type === 'chat.added' ? [e.chat] : []))
    expect(new Set(chats.map((c) => c.source))).toEqual(new Set(['helpcrunch', 'deskdirector']))
    expect(chats.every((c) => c.demo === true)).toBe(true)
  }, 90_000)
})
