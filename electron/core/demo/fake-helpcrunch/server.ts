/**
 * A faithful fake HelpCrunch API (tests, benchmarks, demo mode): the documented endpoints and quirks,
 * a sliding 120/minute limit answering 429, bearer-key auth, injectable faults, and a request log.
 * Serves in process as a `fetch` function (deterministic under fake timers) or over node:http.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FakeDatabase } from './database'
import { FaultInjector, seededRandom } from './faults'
import { SlidingWindowLimiter } from './limiter'
import { errorBody, INVALID_JSON, route } from './routes'

/** One logged request. `status` 0 = never answered (injected timeout). */
export interface FakeRequestLogEntry {
  method: string
  path: string
  at: number
  status: number
}

/** Options of the fake server. */
export interface FakeHelpCrunchOptions {
  apiKey: string
  /** Requests per sliding minute before 429 (HelpCrunch: 120). */
  limitPerMinute?: number
  now?: () => number
  seed?: number
}

/** A raw answer before it becomes a `Response` or an HTTP reply. */
interface RawAnswer {
  status: number
  headers: Record<string, string>
  text: string
}

/** The fake server. */
export interface FakeHelpCrunch {
  db: FakeDatabase
  faults: FaultInjector
  log: FakeRequestLogEntry[]
  /** Serves requests in process, like `fetch` (honours `init.signal`). */
  fetch: typeof fetch
  /** Starts an HTTP server; resolves with its base URL (e.g. `http://127.0.0.1:PORT/v1`). */
  listen(port?: number, host?: string): Promise<string>
  /** Stops the HTTP server and drops hung connections. */
  close(): Promise<void>
  /** CPU time (µs) the fake spent computing answers — benchmarks subtract it from the client's share. */
  cpuMicros(): number
  /** The largest number of requests the log holds in any window of `windowMs` (default one minute). */
  maxRequestsInWindow(windowMs?: number): number
}

/** Builds a fake server with an empty organisation (two agents, domain `acme`). */
export function createFakeHelpCrunch(options: FakeHelpCrunchOptions): FakeHelpCrunch {
  const now = options.now ?? (() => Date.now())
  const db = new FakeDatabase(now)
  const faults = new FaultInjector(seededRandom(options.seed ?? 1))
  const limiter = new SlidingWindowLimiter(options.limitPerMinute ?? 120)
  const log: FakeRequestLogEntry[] = []
  let server: Server | null = null
  let routeCpu = 0

  async function handle(method: string, url: URL, auth: string | null, text: string, signal?: AbortSignal) {
    const entry: FakeRequestLogEntry = { method, path: url.pathname.replace(/^\/v1/, ''), at: now(), status: 0 }
    log.push(entry)
    const answer = await answerFor(entry, url, auth, text, signal)
    entry.status = answer.status
    return answer
  }

  async function answerFor(
    entry: FakeRequestLogEntry,
    url: URL,
    auth: string | null,
    text: string,
    signal?: AbortSignal,
  ): Promise<RawAnswer> {
    if (!limiter.tryAcquire(entry.at)) return json(429, errorBody('too_many_requests', 'Too many requests'))
    if (auth !== `Bearer ${options.apiKey}`) return json(401, errorBody('invalid_token', 'Invalid token'))
    const fault = faults.next()
    if (fault === 'timeout') return hang(signal)
    if (fault === 'slow') await delay(faults.config.slowMs)
    if (fault === 'server-error') return json(503, errorBody('internal_error', 'Service unavailable'))
    if (fault === 'rate-limit') {
      const headers: Record<string, string> = {}
      if (faults.config.retryAfterSeconds !== null) headers['retry-after'] = String(faults.config.retryAfterSeconds)
      return { ...json(429, errorBody('too_many_requests', 'You have exceeded your requests limit')), headers }
    }
    const body = parseBody(text)
    const cpuBefore = process.cpuUsage()
    const answer = route(db, { method: entry.method, path: entry.path, query: url.searchParams, body })
    const out = json(answer.status, answer.body)
    const cpuSpent = process.cpuUsage(cpuBefore)
    routeCpu += cpuSpent.user + cpuSpent.system
    return fault === 'malformed' ? { ...out, text: out.text.slice(0, Math.max(1, out.text.length >> 1)) } : out
  }

  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init)
    const text = request.body ? await request.text() : ''
    const answer = await handle(
      request.method,
      new URL(request.url),
      request.headers.get('authorization'),
      text,
      init?.signal ?? undefined,
    )
    return new Response(answer.text, {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    })
  }) as typeof fetch

  return {
    db,
    faults,
    log,
    fetch: fakeFetch,
    listen(port = 0, host = '127.0.0.1') {
      const http = createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (chunk: Buffer) => chunks.push(chunk))
        req.on('end', () => {
          const aborter = new AbortController()
          res.on('close', () => aborter.abort())
          const url = new URL(req.url ?? '/', 'http://fake.local')
          handle(
            req.method ?? 'GET',
            url,
            req.headers.authorization ?? null,
            Buffer.concat(chunks).toString('utf8'),
            aborter.signal,
          )
            .then((answer) => {
              res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
              res.end(answer.text)
            })
            .catch(() => res.destroy())
        })
      })
      server = http
      return new Promise((resolve, reject) => {
        http.once('error', reject)
        http.listen(port, host, () => {
          const address = http.address() as AddressInfo
          resolve(`http://${host}:${address.port}/v1`)
        })
      })
    },
    close() {
      const http = server
      server = null
      if (!http) return Promise.resolve()
      http.closeAllConnections()
      return new Promise((resolve) => http.close(() => resolve()))
    },
    cpuMicros: () => routeCpu,
    maxRequestsInWindow(windowMs = 60_000) {
      let max = 0
      let start = 0
      for (let end = 0; end < log.length; end++) {
        while ((log[start] as FakeRequestLogEntry).at <= (log[end] as FakeRequestLogEntry).at - windowMs) start++
        max = Math.max(max, end - start + 1)
      }
      return max
    },
  }
}

function json(status: number, body: unknown): RawAnswer {
  return { status, headers: {}, text: JSON.stringify(body) }
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return INVALID_JSON
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Never answers; rejects only when the caller gives up (its abort signal fires). */
function hang(signal?: AbortSignal): Promise<RawAnswer> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason ?? new Error('aborted')), { once: true })
  })
}
