/** A team hub and its headless clients as real processes, plus the tokens file and signed DeskDirector deliveries. */
import { createHmac } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Alert } from '../../shared/alert'
import type { ProtocolEvent } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from './headless'

/** DeskDirector webhook secret of the hub in tests. */
export const DD_SECRET = 'hub-test-secret-0123456789abcdef'
/** HelpCrunch API key the fake accepts in hub tests. */
export const HC_KEY = 'hc_hub_test_key_0123'

/** Three agents with tokens, as in a tokens file. */
export const AGENTS = [
  { token: 'tok-mia-0123456789abcdef', agent: 'Mia Novak', helpcrunchAgentId: '1' },
  { token: 'tok-leo-0123456789abcdef', agent: 'Leo Brandt', helpcrunchAgentId: '2' },
  { token: 'tok-ana-0123456789abcdef', agent: 'Ana Ruiz', helpcrunchAgentId: null },
]

/** A temp directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `chat-tray-${prefix}-`))
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
  return startHeadless(args, { ...FAST_HUB_ENV, ...options.env }, 'electron/headless/hub.ts')
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

/** A DeskDirector ChatSession as delivered. */
export function ddChat(id: string, status = 'created', modified = new Date().toISOString()): Record<string, unknown> {
  return {
    id,
    name: `Chat Request from Customer ${id} at Acme`,
    type: 'request',
    status,
    creator: { entityId: 1, name: `Customer ${id}`, userId: 'x~c~1', company: { name: 'Acme' } },
    users: [],
    createdDateTime: modified,
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

/** How many `new` alerts name `key`. */
export function newAlertsFor(host: HeadlessProcess, key: string): number {
  return alertsOf(host).filter((a) => a.kind === 'new' && a.chatKeys.includes(key)).length
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
