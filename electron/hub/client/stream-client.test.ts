import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../core/engine/log'
import { createHubStream, type HubConnectionState, type HubStream } from './stream-client'

/** A fake hub: each fetch gets the next scripted answer; bodies are streams the test writes to. */
function fakeHub() {
  const requests: Record<string, string>[] = []
  const bodies: ReadableStreamDefaultController<Uint8Array>[] = []
  const statuses: (number | { status: number; headers: Record<string, string> })[] = []
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    requests.push({ ...(init.headers as Record<string, string>) })
    const next = statuses.shift() ?? 200
    const { status, headers } = typeof next === 'number' ? { status: next, headers: {} } : next
    let controller!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c
      },
    })
    init.signal?.addEventListener('abort', () =>
      controller.error(Object.assign(new Error('aborted'), { name: 'AbortError' })),
    )
    bodies.push(controller)
    return new Response(body, { status, headers })
  }) as unknown as typeof fetch
  const send = (text: string) => bodies.at(-1)?.enqueue(new TextEncoder().encode(text))
  return { requests, bodies, statuses, fetch: fetchImpl, send }
}

let stream: HubStream | undefined
afterEach(() => stream?.stop())
const until = (test: () => boolean) => expect.poll(test, { timeout: 3000, interval: 5 }).toBe(true)

function start(hub: ReturnType<typeof fakeHub>, idleMs = 60_000, network = () => 'wifi') {
  const states: HubConnectionState[] = []
  const details: string[] = []
  const events: string[] = []
  stream = createHubStream({
    url: 'http://hub.test',
    token: 'tok-0123456789abcdef',
    fetch: hub.fetch,
    log: silentLogger,
    retryMs: 10,
    maxRetryMs: 20,
    idleMs,
    onEvent: (m) => {
      if (m.data === 'boom') throw new Error('bad event')
      events.push(`${m.event}:${m.id}`)
    },
    onState: (s, detail) => {
      states.push(s)
      details.push(detail)
    },
    networkFingerprint: network,
  })
  stream.start()
  return { states, events, details }
}

describe('hub stream client', () => {
  it('sends the token, goes ok on the first event, resumes from the last handled id after a drop', async () => {
    const hub = fakeHub()
    const { states, events } = start(hub)
    await until(() => hub.requests.length === 1)
    expect(hub.requests[0]).toMatchObject({ authorization: 'Bearer tok-0123456789abcdef' })
    expect(hub.requests[0]?.['last-event-id']).toBeUndefined()
    hub.send('id: 7\nevent: snapshot\ndata: {}\n\nid: 8\nevent: chat.added\nda')
    await until(() => events.length === 1)
    expect(states).toEqual(['connecting', 'ok'])
    hub.bodies.at(-1)?.close() // cut in the middle of event 8
    await until(() => hub.requests.length === 2)
    expect(hub.requests[1]?.['last-event-id']).toBe('7')
    expect(states).toContain('offline')
    hub.send('id: 8\nevent: chat.added\ndata: {}\n\n')
    await until(() => events.length === 2)
    expect(events).toEqual(['snapshot:7', 'chat.added:8'])
  })

  it('keeps ids opaque: a Redis stream id, then a provisional one, are sent back exactly as received', async () => {
    const hub = fakeHub()
    const { events } = start(hub)
    await until(() => hub.requests.length === 1)
    hub.send('id: 1700000000000-0\nevent: snapshot\ndata: {}\n\nid: 1700000000000-12\nevent: chat.added\ndata: {}\n\n')
    await until(() => events.length === 2)
    hub.bodies.at(-1)?.close()
    await until(() => hub.requests.length === 2)
    // Another hub of the same cluster takes the reconnect: the same id resumes there.
    expect(hub.requests[1]?.['last-event-id']).toBe('1700000000000-12')
    hub.send('id: local-hub-b-4\nevent: chat.changed\ndata: {}\n\n')
    await until(() => events.length === 3)
    hub.bodies.at(-1)?.close()
    await until(() => hub.requests.length === 3)
    expect(hub.requests[2]?.['last-event-id']).toBe('local-hub-b-4')
  })

  it('an event it cannot apply is not acknowledged: it reconnects and gets it again', async () => {
    const hub = fakeHub()
    const { events } = start(hub)
    await until(() => hub.requests.length === 1)
    hub.send('id: 1\nevent: snapshot\ndata: {}\n\nid: 2\nevent: chat.added\ndata: boom\n\n')
    await until(() => hub.requests.length === 2)
    expect(hub.requests[1]?.['last-event-id']).toBe('1')
    expect(events).toEqual(['snapshot:1'])
  })

  it('an event refused twice makes it ask for a snapshot instead of resuming before it again', async () => {
    const hub = fakeHub()
    const { events } = start(hub)
    await until(() => hub.requests.length === 1)
    hub.send('id: 1700000000000-0\nevent: snapshot\ndata: {}\n\nid: 1700000000000-1\nevent: chat.added\ndata: boom\n\n')
    await until(() => hub.requests.length === 2)
    // Ids are opaque: sent back exactly as they came.
    expect(hub.requests[1]?.['last-event-id']).toBe('1700000000000-0')
    hub.send('id: 1700000000000-1\nevent: chat.added\ndata: boom\n\n')
    await until(() => hub.requests.length === 3)
    expect(hub.requests[2]?.['last-event-id']).toBeUndefined()
    hub.send('id: 1700000000000-2\nevent: snapshot\ndata: {}\n\n')
    await until(() => events.length === 2)
    expect(events).toEqual(['snapshot:1700000000000-0', 'snapshot:1700000000000-2'])
  })

  it("waits as long as the hub's Retry-After says when it is busy (429, 503)", async () => {
    const hub = fakeHub()
    hub.statuses.push({ status: 503, headers: { 'retry-after': '1' } })
    const { details } = start(hub)
    await until(() => details.includes('the team hub answered 503; retrying in 1 s'))
    await until(() => hub.requests.length === 2)
  })

  it('reports auth-failed on 401 and a silent stream as dead', async () => {
    const hub = fakeHub()
    hub.statuses.push(401)
    const { states } = start(hub)
    await until(() => states.includes('auth-failed'))
    stream?.reconnectNow('test') // e.g. the tokens file was fixed and the user pressed refresh
    await until(() => hub.requests.length === 2)
    hub.send('id: 1\nevent: snapshot\ndata: {}\n\n')
    await until(() => states.at(-1) === 'ok')

    const quiet = fakeHub()
    stream?.stop()
    start(quiet, 150)
    await until(() => quiet.requests.length === 1)
    quiet.send('id: 1\nevent: snapshot\ndata: {}\n\n')
    // No byte, not even a heartbeat, for longer than idleMs: it reconnects by itself.
    await until(() => quiet.requests.length >= 2)
    expect(quiet.requests[1]?.['last-event-id']).toBe('1')
  })

  it('reconnects at once when the network changes, even while waiting out a long backoff', async () => {
    const hub = fakeHub()
    hub.statuses.push(401) // auth-failed waits 30 s before retrying
    let network = 'wifi'
    const { states } = start(hub, 100, () => network)
    await until(() => states.includes('auth-failed'))
    network = 'ethernet'
    await until(() => hub.requests.length === 2)
  })
})
