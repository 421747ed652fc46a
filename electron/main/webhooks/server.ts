/**
 * The local webhook listener (DESIGN.md section 6): a `node:http` server on loopback by default.
 * Routes are registered by the sources that take deliveries; `/health` reports listener and source health.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../engine/log'
import { type BodyLimits, readRawBody } from './body'

/** What the listener gives every route: its body limits and the log. */
export interface RouteContext {
  limits: BodyLimits
  log: Logger
}

/** A route handler: gets the request and answers it. It must never throw (the server guards anyway). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, context: RouteContext) => void | Promise<void>

/** Time and size limits of the listener; the defaults suit a loopback listener behind a tunnel. */
export interface ListenerLimits {
  /** Largest body (bytes) → 413. Default 1 MiB. */
  maxBodyBytes: number
  /** Time for a whole body to arrive after its headers (ms) → 408. Default 10 s. */
  bodyTimeoutMs: number
  /** Time for the request headers (ms); Node answers 408 and closes. Default 10 s. */
  headersTimeoutMs: number
  /** Time for the whole request (ms), a backstop behind `bodyTimeoutMs`. Default 30 s. */
  requestTimeoutMs: number
}

/** The default limits. */
export const DEFAULT_LIMITS: ListenerLimits = {
  maxBodyBytes: 1024 * 1024,
  bodyTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
}

/** Options of the listener. */
export interface ListenerOptions {
  host: string
  port: number
  log: Logger
  /** Builds the `/health` body (no secrets). */
  health: () => unknown
  /** Overrides of `DEFAULT_LIMITS` (tests use short timeouts). */
  limits?: Partial<ListenerLimits>
}

/** The running listener. */
export interface WebhookListener {
  /** Registers `POST <path>` (or `GET <path>`, e.g. the hub's event stream). */
  route(path: string, handler: RouteHandler, method?: 'POST' | 'GET'): void
  /** Binds; resolves with the real address (port 0 = any free port). */
  start(): Promise<{ host: string; port: number; url: string }>
  /** Stops accepting and closes idle connections. */
  stop(): Promise<void>
  readonly server: Server
}

/** Creates the listener (not yet bound). */
export function createWebhookListener(options: ListenerOptions): WebhookListener {
  const routes = new Map<string, RouteHandler>()
  const methods = new Map<string, 'POST' | 'GET'>()
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const context: RouteContext = {
    limits: { maxBytes: limits.maxBodyBytes, timeoutMs: limits.bodyTimeoutMs },
    log: options.log,
  }
  // Node only enforces headers/request timeouts when it sweeps connections; the default sweep is every 30 s.
  const sweepMs = Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2)))
  const server = createServer({ connectionsCheckingInterval: sweepMs }, guarded)

  async function guarded(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await handle(req, res)
    } catch (error) {
      options.log.error('webhook handler failed', { error })
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
      else res.destroy()
    }
  }
  server.headersTimeout = limits.headersTimeoutMs
  server.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET')
      const listening = server.address() as AddressInfo | null
      const listener = { host: listening?.address ?? null, port: listening?.port ?? null, routes: [...routes.keys()] }
      return sendJson(res, 200, { listener, ...(options.health() as object) })
    }
    const handler = routes.get(path)
    const method = methods.get(path) ?? 'POST'
    if (handler && req.method === method) return handler(req, res, context)
    // Read (and drop) any body first: answering with it unread makes Node close a keep-alive connection
    // the client believes it may reuse.
    await readRawBody(req, context.limits)
    if (!handler) return sendJson(res, 404, { error: `no route ${path}` })
    methodNotAllowed(res, method)
  }

  return {
    server,
    route(path, handler, method = 'POST') {
      routes.set(path, handler)
      methods.set(path, method)
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
