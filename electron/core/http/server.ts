/**
 * The app's HTTP server, "the listener" of the settings (docs/architecture.md): a `node:http` server on
 * loopback by default. Routes are registered by the sources that take webhook deliveries and, on the team
 * hub, by the hub (its event stream and commands); `/health` reports listener and source health.
 * Over 200 lines on purpose: the request path (Host/Origin checks, routing, health, limits) is one ordered
 * sequence that reads best top to bottom; body reading and delivery handling already live in their own files.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostOfHeader, isLoopbackHost } from '../../../shared/loopback'
import type { Logger } from '../engine/log'
import { type BodyLimits, ByteBudget, readRawBody } from './body'

/** Why requests were refused before reaching a source, as counted in `/health` (not shown as warnings). */
export type RefusalReason = 'host' | 'origin' | 'signature' | 'unconfigured'

/** What the listener gives every route: its body limits, the log, and the refusal counter. */
export interface RouteContext {
  limits: BodyLimits
  log: Logger
  /** Counts a refused request. Unsigned traffic is anyone's to send, so it is counted, never a warning. */
  refused(reason: RefusalReason): void
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
  /** Open connections at most; Node closes any beyond at once. Default 256. */
  maxConnections: number
  /** Bytes all bodies being read may hold together → 503 with `Retry-After`. Default 16 MiB. */
  maxInFlightBodyBytes: number
}

/** The default limits. */
export const DEFAULT_LIMITS: ListenerLimits = {
  maxBodyBytes: 1024 * 1024,
  bodyTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 256,
  maxInFlightBodyBytes: 16 * 1024 * 1024,
}

/** Seconds a client is asked to wait (`Retry-After`) when the in-flight body budget is spent. */
export const BUSY_RETRY_AFTER_SECONDS = 1

/** Options of the HTTP server. */
export interface HttpServerOptions {
  host: string
  port: number
  log: Logger
  /** The runtime's part of the `/health` body (no secrets); the server adds its own `listener` field. */
  health: () => Record<string, unknown>
  /** Overrides of `DEFAULT_LIMITS` (tests use short timeouts). */
  limits?: Partial<ListenerLimits>
  /** Host names requests may be addressed to besides loopback and the bound address (read per request). */
  publicHosts?: () => readonly string[]
}

/** A request that reached a registered route, once answered (what the hub's metrics count). */
export interface RouteAnswer {
  path: string
  method: string
  status: number
}

/** The app's HTTP server: routes registered by sources and the hub, plus `/health`. */
export interface HttpServer {
  /**
   * Registers `POST <path>` (or `GET <path>`, e.g. the hub's event stream). A route `forPages` takes requests
   * from web pages (with an `Origin` header) and checks their origin itself (the hub's board); others refuse them.
   */
  route(path: string, handler: RouteHandler, method?: 'POST' | 'GET', options?: { forPages?: boolean }): void
  /** Adds a section to the `/health` body (e.g. the hub's counters), built per request. */
  addHealth(section: string, provide: () => unknown): void
  /** Tells `listener` about every answered request to a registered route (refusals included). */
  observeAnswers(listener: (answer: RouteAnswer) => void): void
  /** Binds; resolves with the real address (port 0 = any free port). */
  start(): Promise<{ host: string; port: number; url: string }>
  /** Stops accepting and closes idle connections. */
  stop(): Promise<void>
  readonly server: Server
}

/** Creates the HTTP server (not yet bound). */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const routes = new Map<string, { handler: RouteHandler; method: 'POST' | 'GET'; forPages: boolean }>()
  const healthSections = new Map<string, () => unknown>()
  const answerListeners: ((answer: RouteAnswer) => void)[] = []
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const refusals: Record<RefusalReason, number> = { host: 0, origin: 0, signature: 0, unconfigured: 0 }
  const context: RouteContext = {
    refused: (reason) => {
      refusals[reason]++
    },
    limits: {
      maxBytes: limits.maxBodyBytes,
      timeoutMs: limits.bodyTimeoutMs,
      budget: new ByteBudget(limits.maxInFlightBodyBytes),
    },
    log: options.log,
  }
  // Node only enforces headers/request timeouts when it sweeps connections; the default sweep is every 30 s.
  const sweepMs = Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2)))
  const server = createServer({ connectionsCheckingInterval: sweepMs }, guarded)

  async function guarded(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await handle(req, res)
    } catch (error) {
      options.log.error('route handler failed', { error })
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
      else res.destroy()
    }
  }
  server.maxConnections = limits.maxConnections
  server.headersTimeout = limits.headersTimeoutMs
  server.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs)

  /** The last Host header found to name loopback (that answer depends on the header alone). */
  let lastLoopbackHeader: string | null = null
  /** DNS rebinding: a page on another site may reach loopback under its own name; only names we serve pass. */
  function hostAllowed(header: string | undefined): boolean {
    // Every delivery of a tunnel or local sender carries the same Host: whether it is loopback is remembered.
    if (header !== undefined && header === lastLoopbackHeader) return true
    const host = header === undefined ? null : hostOfHeader(header)
    if (host === null) return false
    if (isLoopbackHost(host)) {
      lastLoopbackHeader = header as string
      return true
    }
    const bound = (server.address() as AddressInfo | null)?.address
    if (bound !== undefined && host.replace(/^\[(.*)\]$/, '$1') === bound.toLowerCase()) return true
    return (options.publicHosts?.() ?? []).some((name) => name.toLowerCase() === host)
  }

  async function refuseDrained(req: IncomingMessage, res: ServerResponse, status: number, error: string) {
    const read = await readRawBody(req, context.limits)
    if (!read.ok) return refuseAndClose(req, res, read.status, read.error)
    sendJson(res, status, { error })
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) {
      refusals.host++
      return refuseDrained(req, res, 421, 'this listener does not serve that Host (add it to listener.publicHosts)')
    }
    const url = req.url ?? '/'
    const query = url.indexOf('?')
    const path = query === -1 ? url : url.slice(0, query)
    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET')
      const listening = server.address() as AddressInfo | null
      const listener = {
        host: listening?.address ?? null,
        port: listening?.port ?? null,
        routes: [...routes.keys()],
        refused: { ...refusals },
      }
      const extra = Object.fromEntries([...healthSections].map(([section, provide]) => [section, provide()]))
      return sendJson(res, 200, { listener, ...options.health(), ...extra })
    }
    const route = routes.get(path)
    if (route && answerListeners.length > 0) {
      const method = req.method ?? ''
      res.once('finish', () => {
        for (const listener of answerListeners) listener({ path, method, status: res.statusCode })
      })
    }
    if (route && !route.forPages && req.headers.origin !== undefined) {
      // Help desks post server to server; a request with an Origin comes from a browser page.
      refusals.origin++
      return refuseDrained(req, res, 403, 'requests from web pages (with an Origin header) are refused')
    }
    if (route && req.method === route.method) return route.handler(req, res, context)
    // Read (and drop) any body first: answering with it unread makes Node close a keep-alive connection
    // the client believes it may reuse. The same size, time and budget limits apply as on a route.
    const read = await readRawBody(req, context.limits)
    if (!read.ok) return refuseAndClose(req, res, read.status, read.error)
    if (!route) return sendJson(res, 404, { error: `no route ${path}` })
    methodNotAllowed(res, route.method)
  }

  // Bound again after losing its port (core/runtime/wake.ts), it takes the same port, even when 0 chose it.
  let boundPort: number | null = null
  return {
    server,
    route(path, handler, method = 'POST', routeOptions = {}) {
      routes.set(path, { handler, method, forPages: routeOptions.forPages === true })
    },
    addHealth(section, provide) {
      healthSections.set(section, provide)
    },
    observeAnswers(listener) {
      answerListeners.push(listener)
    },
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(boundPort ?? options.port, options.host, () => {
          server.off('error', reject)
          const address = server.address() as AddressInfo
          boundPort = address.port
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

/**
 * Answers a body that was cut off (too large, too slow, over the budget) and closes the connection. A body that
 * was too slow or over the budget has its socket destroyed once the answer is out: its sender holds a connection
 * and memory for nothing. A too-large body is drained briefly instead (closing with unread bytes makes the kernel
 * reset the connection, and an honest client would lose the 413).
 */
export function refuseAndClose(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  res.setHeader('connection', 'close')
  if (status === 503) res.setHeader('retry-after', String(BUSY_RETRY_AFTER_SECONDS))
  req.on('error', () => {})
  if (status === 408 || status === 503) {
    res.on('finish', () => req.socket.destroy())
    sendJson(res, status, { error })
    return
  }
  sendJson(res, status, { error })
  // Drained, not buffered: resume() discards the bytes as they come.
  req.resume()
  setTimeout(() => req.socket.destroy(), 1000).unref()
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow)
  sendJson(res, 405, { error: `method not allowed; use ${allow}` })
}
