/** A running runtime with its webhook listener on a free port, plus signing and posting helpers for tests. */
import { createHmac } from 'node:crypto'
import { type Agent, request } from 'node:http'
import { type Logger, silentLogger } from '../../electron/core/engine/log'
import type { ListenerLimits } from '../../electron/core/http/server'
import { memorySecrets, memorySettings } from '../../electron/core/runtime/ports'
import { createRuntime, type Runtime } from '../../electron/core/runtime/runtime'
import { registerSources } from '../../electron/core/sources/registry'
import type { Chat } from '../../shared/chat'
import type { ChatChange } from '../../shared/protocol'
import { defaultSettings, type SecretName } from '../../shared/settings'

/** A started runtime and what tests look at. */
export interface TestListener {
  runtime: Runtime
  url: string
  changes: ChatChange[]
  chats(): Chat[]
  stop(): Promise<void>
}

/** Starts a runtime on 127.0.0.1:0 with the given secrets and unsigned-delivery settings. */
export async function startTestListener(
  options: {
    secrets?: Partial<Record<SecretName, string>>
    allowUnsigned?: { deskdirector?: boolean; helpcrunch?: boolean }
    baseUrl?: string
    limits?: Partial<ListenerLimits>
    log?: Logger
  } = {},
): Promise<TestListener> {
  const settings = defaultSettings()
  settings.listener.port = 0
  settings.listener.allowUnsigned = { deskdirector: false, helpcrunch: false, ...options.allowUnsigned }
  settings.deskdirector.baseUrl = options.baseUrl ?? null
  const runtime = createRuntime({
    settings: memorySettings(settings),
    secrets: memorySecrets(options.secrets),
    log: options.log ?? silentLogger,
    version: 'test',
    stateDir: null,
    demo: false,
    listenerLimits: options.limits,
  })
  registerSources(runtime)
  const changes: ChatChange[] = []
  runtime.engine.bus.subscribe((event) => {
    if (event.type === 'chat.added' || event.type === 'chat.changed' || event.type === 'chat.removed')
      changes.push(event)
  })
  const { listen } = await runtime.start()
  return { runtime, url: listen, changes, chats: () => runtime.engine.store.all(), stop: () => runtime.stop() }
}

/** `sha256=<HMAC-SHA256>` as DeskDirector sends it, in the chosen digest encoding. */
export function ddSignature(body: string | Buffer, secret: string, encoding: 'hex' | 'HEX' | 'base64' = 'hex'): string {
  const digest = createHmac('sha256', secret).update(body)
  const text = encoding === 'base64' ? digest.digest('base64') : digest.digest('hex')
  return `sha256=${encoding === 'HEX' ? text.toUpperCase() : text}`
}

/** Hex HMAC-SHA1 as HelpCrunch sends it in `X-HelpCrunch-Signature`. */
export function hcSignature(body: string | Buffer, key: string): string {
  return createHmac('sha1', key).update(body).digest('hex')
}

/** An HTTP answer with its JSON body parsed (null when not JSON). */
export interface Answer {
  status: number
  json: unknown
  headers: Record<string, string | string[] | undefined>
}

/** Sends one request with an exact raw body over node:http (keep-alive when `agent` is given). */
export function send(
  url: string,
  options: { method?: string; path: string; body?: string | Buffer; headers?: Record<string, string>; agent?: Agent },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers }
    // Node frames bodies of GET/DELETE/OPTIONS only when told the length; send every body framed.
    if (options.body !== undefined && !headers['transfer-encoding'])
      headers['content-length'] = String(Buffer.byteLength(options.body))
    const req = request(
      `${url}${options.path}`,
      { method: options.method ?? 'POST', headers, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown = null
          try {
            json = text ? JSON.parse(text) : null
          } catch {}
          resolve({ status: res.statusCode ?? 0, json, headers: res.headers })
        })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** A DeskDirector ChatSession with the fields the transform needs; override any. */
export function ddSession(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '1700000000-ABCD',
    name: 'Chat Request from Ana at Acme',
    type: 'request',
    status: 'created',
    creator: { entityId: 1, name: 'Ana', userId: 'x~c~1', company: { name: 'Acme' } },
    users: [],
    createdDateTime: '2023-11-14T22:13:20.0000000Z',
    lastModifiedDateTime: '2023-11-14T22:13:20.0000000Z',
    ...overrides,
  }
}
