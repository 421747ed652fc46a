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
  it('prints ready, then new, missed, callback and still-waiting alerts within 30 s, all from demo chats', async () => {
    host = startHeadless(['--demo', '--listen', '127.0.0.1:0'])
    const ready = await host.waitFor((e) => e.type === 'ready')
    expect(ready).toMatchObject({ demo: true, sources: ['helpcrunch', 'deskdirector'] })
    const started = Date.now()
    const budget = () => Math.max(1, 30_000 - (Date.now() - started))
    for (const kind of ['new', 'missed', 'callback', 'still-waiting']) await host.waitFor(alertOf(kind), budget())

    const callback = host.events.find(alertOf('callback'))
    expect(callback?.type === 'alert' && callback.alert.callback).toMatchObject({
      phone: expect.stringMatching(/^\+1 555/),
    })
    const chats = host.events.flatMap((e) => (e.type === 'chat.added' ? [e.chat] : []))
    expect(new Set(chats.map((c) => c.source))).toEqual(new Set(['helpcrunch', 'deskdirector']))
    expect(chats.every((c) => c.demo === true)).toBe(true)
  }, 45_000)
})
