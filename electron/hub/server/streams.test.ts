import { createServer, type IncomingMessage, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { makeChat } from '../../../tests/helpers/chats'
import { silentLogger } from '../../core/engine/log'
import type { RouteContext } from '../../core/http/server'
import { type HubAuth, unauthorized } from './auth'
import { createLocalFeed } from './local-feed'
import { createSnapshotFrames } from './snapshot-frame'
import { createStreamHub, type StreamHub, type StreamLimits } from './streams'

const LIMITS: StreamLimits = {
  heartbeatMs: 60_000,
  maxBufferBytes: 1024 * 1024,
  maxStreams: 100,
  streamsPerToken: 4,
  catchUpMs: 60_000,
}
/** Tokens are `tok-<name>`; the caller's key is the name. */
const auth: HubAuth = (req, res) => {
  const match = /^Bearer tok-(\w+)$/.exec(req.headers.authorization ?? '')
  if (!match) {
    unauthorized(res)
    return null
  }
  const name = match[1] as string
  return { agent: { name, me: {} }, token: `tok-${name}`, key: name }
}

let server: Server | undefined
let hub: StreamHub | undefined
afterEach(async () => {
  hub?.close()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = undefined
})

async function serve(limits: Partial<StreamLimits> = {}, chats = 3) {
  const feed = createLocalFeed({ stateDir: null, maxEntries: 100, log: silentLogger })
  const state = {
    chats: Array.from({ length: chats }, (_, i) =>
      makeChat({ sourceId: `c${i}`, key: `deskdirector:c${i}`, title: 'x'.repeat(5_000) }),
    ),
    sources: [],
  }
  let built = 0
  const snapshots = createSnapshotFrames({
    cursor: () => feed.lastId(),
    state: () => {
      built++
      return state
    },
    now: () => 42,
  })
  hub = createStreamHub({ auth, feed, snapshots, limits: { ...LIMITS, ...limits }, log: silentLogger })
  const streams = hub
  server = createServer((req, res) => streams.handler(req, res, {} as RouteContext))
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return { feed, streams, port, built: () => built }
}

/** Opens a stream; `read: false` leaves its bytes unread (a reader that stopped). */
function open(port: number, name: string, read = true) {
  return new Promise<{ res: IncomingMessage; text: () => string; closed: Promise<void> }>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/v1/stream',
      headers: { authorization: `Bearer tok-${name}` },
    })
    req.on('error', () => {})
    req.on('response', (res) => {
      let text = ''
      const closed = new Promise<void>((done) => {
        res.on('close', () => done())
        res.socket.on('close', () => done())
      })
      res.on('error', () => {})
      if (read) res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      else res.pause()
      resolve({ res, text: () => text, closed })
    })
    req.on('error', reject)
    req.end()
  })
}
const until = (test: () => boolean) => expect.poll(test, { timeout: 5_000, interval: 10 }).toBe(true)

describe('hub streams', () => {
  it("serialises the team's snapshot once per change, however many streams start from it", async () => {
    const { feed, port, built } = await serve()
    const streams = await Promise.all(['mia', 'leo', 'ana', 'mia', 'leo'].map((name) => open(port, name)))
    await until(() => streams.every((s) => s.text().includes('"now":42}\n\n')))
    expect(built()).toBe(1)
    // Each stream still gets its own agent, in one well-formed JSON event.
    const first = streams[1]?.text() ?? ''
    const data = JSON.parse(/^data: (.*)$/m.exec(first)?.[1] ?? 'null')
    expect(data).toMatchObject({ agent: { name: 'leo' }, now: 42, sources: [] })
    expect(data.chats).toHaveLength(3)
    feed.publish('chat.removed', { key: 'deskdirector:c0', reason: 'deleted' })
    await open(port, 'ana')
    expect(built()).toBe(2)
  })

  it("caps one token's streams: a new one closes its oldest, other tokens keep theirs", async () => {
    const { streams, port } = await serve({ streamsPerToken: 2 })
    const leo = await open(port, 'leo')
    const hog = [await open(port, 'hog'), await open(port, 'hog')]
    const more = await open(port, 'hog')
    await hog[0]?.closed
    expect(streams.count()).toBe(3)
    expect(streams.health()).toMatchObject({ open: 3, dropped: { evicted: 1 } })
    expect(leo.res.socket.destroyed).toBe(false)
    expect(more.res.statusCode).toBe(200)
  })

  it('leaves the last slots to others: a token with no stream gets 503 with Retry-After once all are taken', async () => {
    const { streams, port } = await serve({ maxStreams: 2 })
    await open(port, 'mia')
    await open(port, 'leo')
    const refused = await open(port, 'ana')
    expect(refused.res.statusCode).toBe(503)
    expect(refused.res.headers['retry-after']).toBe('5')
    // A token that already holds a stream may replace it (its old connection may have died unnoticed).
    expect((await open(port, 'leo')).res.statusCode).toBe(200)
    expect(streams.health()).toMatchObject({ open: 2, refused: { full: 1 }, dropped: { evicted: 1 } })
  })

  it('drops a stream that has not caught up by the deadline (a reader that never reads), and frees it', async () => {
    // Enough chats that the snapshot cannot fit in the sockets' buffers.
    const { streams, port } = await serve({ catchUpMs: 4_000 }, 1_500)
    await open(port, 'mia', false)
    const reading = await open(port, 'leo')
    await until(() => reading.text().includes('"now":42}\n\n'))
    // The paused client cannot see its reset until it reads again; the hub's side shows it.
    await until(() => streams.count() === 1)
    expect(streams.health()).toMatchObject({ open: 1, dropped: { catchUp: 1 } })
  })
})
