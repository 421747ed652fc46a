/**
 * The local webhook listener (DESIGN.md section 6): a `node:http` server on loopback by default.
 * Routes are registered by the sources that take deliveries; `/health` reports listener and source health.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../engine/log'

/** A route handler: gets the request and answers it. It must never throw (the server guards anyway). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

/** Options of the listener. */
export interface ListenerOptions {
  host: string
  port: number
  log: Logger
  /** Builds the `/health` body (no secrets). */
  health: () => unknown
}

/** The running listener. */
export interface WebhookListener {
  /** Registers `POST <path>`. */
  route(path: string, handler: RouteHandler): void
  /** Binds; resolves with the real address (port 0 = any free port). */
  start(): Promise<{ host: string; port: number; url: string }>
  /** Stops accepting and closes idle connections. */
  stop(): Promise<void>
  readonly server: Server
}

/** Creates the listener (not yet bound). */
export function createWebhookListener(options: ListenerOptions): WebhookListener {
  const routes = new Map<string, RouteHandler>()
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      options.log.error('webhook handler failed', { error })
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET')
      return sendJson(res, 200, options.health())
    }
    const handler = routes.get(path)
    if (!handler) return sendJson(res, 404, { error: `no route ${path}` })
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    await handler(req, res)
  }

  return {
    server,
    route(path, handler) {
      routes.set(path, handler)
    },
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(options.port, options.host, () => {
          server.off('error', reject)
          const address = server.address() as AddressInfo
          const host = address.address
          const shown = host.includes(':') ? `[${host}]` : host
          resolve({ host, port: address.port, url: `http://${shown}:${address.port}` })
        })
      }),
    stop: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve()
        server.close(() => resolve())
        server.closeIdleConnections()
      }),
  }
}

/** Answers with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow)
  sendJson(res, 405, { error: `method not allowed; use ${allow}` })
}
