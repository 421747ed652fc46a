/** A team hub and its headless clients as real processes, plus the tokens file and signed DeskDirector deliveries. */
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Alert } from '../../shared/alert'
import type { ProtocolEvent } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from './headless'

/** DeskDirector webhook secret of the hub in tests. */
export const DD_SECRET = 'hub-test-secret-0123456789abcdef'
/** HelpCrunch API key the fake accepts in hub tests. */
export const HC_KEY = 'hc_hub_test_key_0123'

/** Three agents with tokens, as in a tokens file: "me" per source, Leo's in the older form (`helpcrunchAgentId`). */
export const AGENTS = [
  { token: 'tok-mia-0123456789abcdef', agent: 'Mia Novak', me: { helpcrunch: '4188', deskdirector: 'acme~m~7' } },
  { token: 'tok-leo-0123456789abcdef', agent: 'Leo Brandt', helpcrunchAgentId: '4200' },
  { token: 'tok-ana-0123456789abcdef', agent: 'Ana Ruiz', me: { helpcrunch: null } },
]

/** A temp directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `chat-tray-${prefix}-`))
}

/** What one test started: its processes, its temp directory and other things to close. */
export interface ProcessScope {
  /** Keeps `process` to be killed after the test; returns it. */
  track<T extends HeadlessProcess>(process: T): T
  /** The tracked processes of the running test, in start order. */
  readonly processes: readonly HeadlessProcess[]
  /** The test's temp directory (made on the first call), removed after it. */
  dir(prefix: string): string
  /** Runs `cleanup` after the test, once its processes are killed. */
  onCleanup(cleanup: () => unknown): void
}

/** For a test file: after each test, kills what it tracked, runs its clean-ups, then removes its temp directory. */
export function processesPerTest(): ProcessScope {
  let processes: HeadlessProcess[] = []
  let cleanups: (() => unknown)[] = []
  let dir: string | undefined
  afterEach(async () => {
    for (const p of processes) p.child.kill('SIGKILL')
    processes = []
    for (const cleanup of cleanups.splice(0)) await cleanup()
    cleanups = []
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })
  return {
    track(process) {
      processes.push(process)
      return process
    },
    get processes() {
      return processes
    },
    dir(prefix) {
      dir ??= tempDir(prefix)
      return dir
    },
    onCleanup(cleanup) {
      cleanups.push(cleanup)
    },
  }
}

/** Writes a tokens file and returns its path. */
export function writeTokens(path: string, entries: readonly unknown[] = AGENTS): string {
  writeFileSync(path, JSON.stringify(entries))
  return path
}

/** Short intervals for tests (documented tuning variables). */
export const FAST_HUB_ENV = { CHAT_TRAY_HUB_HEARTBEAT_MS: '500' }
/** Short client intervals. */
export const FAST_CLIENT_ENV = { CHAT_TRAY_HUB_RETRY_MS: '100', CHAT_TRAY_HUB_MAX_RETRY_MS: '500' }

/** Starts `npm run hub`'s entry on a free loopback port. */
export function startHub(options: {
  tokens: string
  stateDir: string
  helpcrunchUrl?: string
  pollSeconds?: number
  listen?: string
  env?: Record<string, string>
}): HeadlessProcess {
  const args = [
    '--listen',
    options.listen ?? '127.0.0.1:0',
    '--hub-tokens',
    options.tokens,
    '--state-dir',
    options.stateDir,
  ]
  args.push('--deskdirector-secret', DD_SECRET)
  if (options.helpcrunchUrl)
    args.push(
      '--helpcrunch-url',
      options.helpcrunchUrl,
      '--helpcrunch-key',
      HC_KEY,
      '--poll-seconds',
      String(options.pollSeconds ?? 5),
    )
  return startHeadless(args, { ...FAST_HUB_ENV, ...options.env }, 'electron/hosts/hub.ts')
}

/** Starts a headless client of the hub. */
export function startClient(hubUrl: string, token: string, stateDir: string, env: Record<string, string> = {}) {
  return startHeadless(['--hub', hubUrl, '--hub-token', token, '--state-dir', stateDir], { ...FAST_CLIENT_ENV, ...env })
}

/** The listen URL from a host's `ready`. */
export async function readyUrl(host: HeadlessProcess): Promise<string> {
  const ready = await host.waitFor<Extract<ProtocolEvent, { type: 'ready' }>>((e) => e.type === 'ready')
  return ready.listen as string
}

/** A DeskDirector ChatSession as delivered (created at `modified` unless `created` is given). */
export function ddChat(
  id: string,
  status = 'created',
  modified = new Date().toISOString(),
  created = modified,
): Record<string, unknown> {
  return {
    id,
    name: `Chat Request from Customer ${id} at Acme`,
    type: 'request',
    status,
    creator: { entityId: 1, name: `Customer ${id}`, userId: 'x~c~1', company: { name: 'Acme' } },
    users: [],
    createdDateTime: created,
    lastModifiedDateTime: modified,
  }
}

/** Posts a signed DeskDirector delivery to `base` (the hub or a proxy in front of it). */
export async function deliverDd(base: string, sessions: Record<string, unknown>[]): Promise<Response> {
  const body = JSON.stringify(sessions)
  const signature = `sha256=${createHmac('sha256', DD_SECRET).update(body).digest('hex')}`
  return fetch(`${base}/webhooks/deskdirector`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dd-signature': signature },
    body,
  })
}

/** The alerts a host raised. */
export function alertsOf(host: HeadlessProcess): Alert[] {
  return host.events
    .filter((e): e is Extract<ProtocolEvent, { type: 'alert' }> => e.type === 'alert')
    .map((e) => e.alert)
}

/** How many times `key` was alerted as `kind`: an alert of that kind, or an item of a summary (burst, start-up backlog). */
export function alertsFor(host: HeadlessProcess, kind: Alert['kind'], key: string): number {
  return alertsOf(host).filter(
    (a) =>
      (a.kind === kind && a.chatKeys.includes(key)) ||
      (a.kind === 'summary' && (a.items ?? []).some((i) => i.kind === kind && i.chatKey === key)),
  ).length
}

/** How many times `key` was announced as new (`alertsFor` with kind `new`). */
export function newAlertsFor(host: HeadlessProcess, key: string): number {
  return alertsFor(host, 'new', key)
}

/** Resolves once `host` holds chat `key` (an added or changed event), optionally matching `also`. */
export function waitForChat(
  host: HeadlessProcess,
  key: string,
  also: (chat: Record<string, unknown>) => boolean = () => true,
) {
  return host.waitFor(
    (e) => (e.type === 'chat.added' || e.type === 'chat.changed') && e.chat.key === key && also(e.chat as never),
    20_000,
  )
}

/** One SSE message as a test reads it. */
export interface StreamMessage {
  id: string | undefined
  event: string | undefined
  data: unknown
}

/** Opens `GET /v1/stream` with fetch and collects its messages (raw, as any SSE client would). */
export async function openStream(base: string, token: string | null, lastEventId?: string) {
  const { createParser } = await import('eventsource-parser')
  const headers: Record<string, string> = {}
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (lastEventId) headers['last-event-id'] = lastEventId
  const abort = new AbortController()
  // One retry: a pooled keep-alive connection may have been closed by the server just as it is reused.
  const open = () => fetch(`${base}/v1/stream`, { headers, signal: abort.signal })
  const response = await open().catch(open)
  const messages: StreamMessage[] = []
  const waiters: { test: (m: StreamMessage) => boolean; resolve: (m: StreamMessage) => void }[] = []
  let closed = false
  const done = (async () => {
    if (response.status !== 200 || !response.body) return
    const parser = createParser({
      onEvent(event) {
        const message = { id: event.id, event: event.event, data: JSON.parse(event.data) }
        messages.push(message)
        for (const w of [...waiters]) if (w.test(message)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(message)
      },
    })
    const decoder = new TextDecoder()
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
        parser.feed(decoder.decode(chunk, { stream: true }))
    } catch {}
    closed = true
  })()
  return {
    response,
    messages,
    done,
    closed: () => closed,
    close: () => abort.abort(),
    waitFor(test: (m: StreamMessage) => boolean, timeoutMs = 15_000): Promise<StreamMessage> {
      const seen = messages.find(test)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a stream message')), timeoutMs)
        waiters.push({
          test,
          resolve: (m) => {
            clearTimeout(timer)
            resolve(m)
          },
        })
      })
    },
  }
}

/** Posts one command to the hub. */
export async function postCommand(
  base: string,
  token: string | null,
  body: string,
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== null) headers.authorization = `Bearer ${token}`
  const response = await fetch(`${base}/v1/commands`, { method: 'POST', headers, body })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : null }
}
