/** What the hub benchmarks share: launching the hub and its bench clients as processes, signed deliveries. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const root = join(import.meta.dirname, '..')
/** The one token of the bench's tokens file. */
export const TOKEN = 'bench-token-0123456789abcdef'
/** The hub's DeskDirector secret. */
export const SECRET = 'bench-dd-secret-0123456789abcdef'

/** Lines of one output of a child process, and a way to wait for one. */
interface Lines {
  lines: string[]
  next(test: (line: string) => boolean, timeoutMs?: number): Promise<string>
}

/** A child process, its stdout lines (`lines`, `next`) and its stderr lines (`errors.next`). */
export interface Proc extends Lines {
  child: ChildProcessWithoutNullStreams
  errors: Lines
}

function linesOf(input: NodeJS.ReadableStream, what: string): Lines {
  const lines: string[] = []
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = []
  createInterface({ input }).on('line', (line) => {
    lines.push(line)
    for (const w of [...waiters])
      if (w.test(line)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
  })
  return {
    lines,
    next: (test, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bench: timed out (${what})`)), timeoutMs)
        waiters.push({
          test,
          resolve: (l) => {
            clearTimeout(timer)
            resolve(l)
          },
        })
      }),
  }
}

/** Spawns node with `args` in the repository. */
export function launch(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' })
  return { child, ...linesOf(child.stdout, String(args.at(-1))), errors: linesOf(child.stderr, 'stderr') }
}

/** The hub's `host.stats` (heap and RSS). */
export async function hubStats(proc: Proc): Promise<{ heapUsed: number; rss: number }> {
  const id = `stats-${Math.random()}`
  proc.child.stdin.write(`${JSON.stringify({ id, command: 'host.stats' })}\n`)
  const line = await proc.next((l) => l.includes(`"id":"${id}"`))
  return (JSON.parse(line) as { result: { heapUsed: number; rss: number } }).result
}

/** Delivers the signed DeskDirector session `BENCH-<index>`, its title stamped with the send time. */
export function deliver(url: string, index: number): Promise<Response> {
  const at = performance.timeOrigin + performance.now()
  const session = {
    id: `BENCH-${index}`,
    name: `Chat bench-at-${index}-${at.toFixed(3)}`,
    type: 'request',
    status: 'created',
    creator: { entityId: 1, name: 'Bench', userId: 'x~c~1', company: { name: 'Acme' } },
    users: [],
    createdDateTime: new Date().toISOString(),
    lastModifiedDateTime: new Date().toISOString(),
  }
  return deliverSessions(url, [session])
}

/** Delivers DeskDirector sessions, signed with the bench's secret. */
export function deliverSessions(url: string, sessions: unknown[]): Promise<Response> {
  const body = JSON.stringify(sessions)
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`
  return fetch(`${url}/webhooks/deskdirector`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dd-signature': signature },
    body,
  })
}

/** Starts the headless hub on a free loopback port with `tokens` and `args` (`nodeFlags` go to node); waits for ready. */
export async function startHub(
  tokens: string,
  args: string[],
  nodeFlags: string[] = [],
  env: Record<string, string> = {},
): Promise<{ proc: Proc; listen: string }> {
  const proc = launch(
    [
      ...nodeFlags,
      '--import',
      'tsx',
      'electron/hosts/hub.ts',
      '--listen',
      '127.0.0.1:0',
      '--hub-tokens',
      tokens,
      ...args,
    ],
    // Every bench stream shares the one token; a desktop's token holds a few streams (docs/hub.md).
    { CHAT_TRAY_HUB_STREAMS_PER_TOKEN: '1000', ...env },
  )
  const ready = JSON.parse(await proc.next((l) => l.includes('"type":"ready"'))) as { listen: string }
  return { proc, listen: ready.listen }
}
