/**
 * The routes whoever runs the hub reads: `GET /ready` (no token: a load balancer's probe, nothing secret in it)
 * and `GET /metrics` (Prometheus text) on the listener behind a hub token, or on a listener of its own
 * (`--metrics-listen`, loopback unless allowed further) without one. docs/hub.md, "Operating the hub".
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../../core/engine/log'
import { type RouteHandler, sendJson } from '../../core/http/server'
import type { HubAuth } from './auth'
import type { HubMetrics } from './metrics'
import type { ReadyBody } from './readiness'

/** The readiness route's path. */
export const HUB_READY_PATH = '/ready'
/** The metrics route's path (on the listener and on the metrics listener). */
export const HUB_METRICS_PATH = '/metrics'

/** `GET /ready`: `200` when ready, `503` otherwise, the body saying why. */
export function readyRoute(read: () => { httpStatus: 200 | 503; body: ReadyBody }): RouteHandler {
  return (_req, res) => {
    const { httpStatus, body } = read()
    res.setHeader('cache-control', 'no-store')
    if (httpStatus === 503) sendJson(res, 503, body)
    else sendJson(res, 200, body)
  }
}

/** `GET /metrics` on the listener: a hub token is needed (the same check, throttle and answers as the stream's). */
export function metricsRoute(auth: HubAuth, metrics: HubMetrics): RouteHandler {
  return async (req, res) => {
    if (!auth(req, res)) return
    await sendMetrics(res, metrics)
  }
}

async function sendMetrics(res: ServerResponse, metrics: HubMetrics): Promise<void> {
  const { contentType, text } = await metrics.render()
  res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** The metrics listener: `GET /metrics` without a token, everything else `404`. */
export interface MetricsListener {
  url: string
  stop(): Promise<void>
}

/** Binds the metrics listener at `host:port` (port 0: any free port). */
export async function startMetricsListener(
  host: string,
  port: number,
  metrics: HubMetrics,
  log: Logger,
): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== HUB_METRICS_PATH) return sendJson(res, 404, { error: `no route ${path}` })
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET')
      return sendJson(res, 405, { error: 'method not allowed; use GET' })
    }
    sendMetrics(res, metrics).catch((error) => {
      log.error('metrics could not be rendered', { error })
      if (!res.headersSent) sendJson(res, 503, { error: 'metrics unavailable' })
      else res.destroy()
    })
  })
  // A scraper holds nothing open for long: a few connections and short timeouts are plenty.
  server.maxConnections = 64
  server.headersTimeout = 10_000
  server.requestTimeout = 10_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shown = address.address.includes(':') ? `[${address.address}]` : address.address
  return {
    url: `http://${shown}:${address.port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
