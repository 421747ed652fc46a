/** A tiny in-process team hub: `GET /v1/stream` for one token answers a snapshot and keeps the stream open. */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Chat } from '../../shared/chat'
import type { SourceStatus } from '../../shared/protocol'

/** The hub's address, its open streams and every request it got (path and Authorization). */
export interface TinyHub {
  url: string
  streams: Set<ServerResponse>
  requests: { path: string; authorization: string | undefined }[]
  close(): Promise<void>
}

/**
 * Starts the hub on a free loopback port; any other path or token gets `401`. `snapshot` replaces parts of the
 * snapshot it sends (default: no statuses, the agent in the wire's older form). `POST /v1/commands` takes
 * `presence.report` (or refuses it with `internal` when `presence` is `refuse`) and no other command.
 */
export async function startTinyHub(
  token: string,
  chats: readonly Chat[],
  snapshot: { sources?: readonly SourceStatus[]; agent?: Record<string, unknown>; presence?: 'take' | 'refuse' } = {},
): Promise<TinyHub> {
  const streams = new Set<ServerResponse>()
  const requests: TinyHub['requests'] = []
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization })
    if (req.url === '/v1/commands' && req.method === 'POST' && req.headers.authorization === `Bearer ${token}`) {
      let body = ''
      req.on('data', (chunk) => {
        body += chunk
      })
      req.on('end', () => {
        const { id, command } = JSON.parse(body) as { id: string; command: string }
        const answer =
          command !== 'presence.report'
            ? { id, ok: false, error: { code: 'bad_command', message: `unknown command "${command}"` } }
            : snapshot.presence === 'refuse'
              ? { id, ok: false, error: { code: 'internal', message: 'no presence today' } }
              : { id, ok: true, result: { heartbeatMs: 45_000, staleAfterMs: 110_000 } }
        res.writeHead(command === 'presence.report' ? 200 : 400, { 'content-type': 'application/json' })
        res.end(JSON.stringify(answer))
      })
      return
    }
    if (req.url !== '/v1/stream' || req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    // By default the agent in the wire's older form (before `me`), which desktops still read.
    const agent = snapshot.agent ?? { name: 'Mia Novak', helpcrunchAgentId: '4188' }
    const data = { chats, sources: snapshot.sources ?? [], agent, now: Date.now() }
    res.write(`id: 1\nevent: snapshot\ndata: ${JSON.stringify(data)}\n\n`)
    streams.add(res)
    res.on('close', () => streams.delete(res))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    streams,
    requests,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
