/** Spawns the headless host as a real child process and reads its NDJSON stdout. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ProtocolEvent } from '../../shared/protocol'

const root = join(import.meta.dirname, '..', '..')

/** A running host with helpers to wait for events and send commands. */
export interface HeadlessProcess {
  child: ChildProcessWithoutNullStreams
  events: ProtocolEvent[]
  stderr: () => string
  /** Resolves with the first event (already seen or future) matching `predicate`. */
  waitFor<T extends ProtocolEvent = ProtocolEvent>(
    predicate: (e: ProtocolEvent) => boolean,
    timeoutMs?: number,
  ): Promise<T>
  /** Sends a command line and resolves with its `command.result`. */
  command(
    command: string,
    params?: Record<string, unknown>,
  ): Promise<Extract<ProtocolEvent, { type: 'command.result' }>>
  /** Resolves with the exit code. */
  exited: Promise<number | null>
}

let nextId = 0

/** Starts `electron/hosts/headless.ts` (or another entry, e.g. `hub.ts`) with the given flags and environment. */
export function startHeadless(
  args: string[],
  env: Record<string, string> = {},
  entry = 'electron/hosts/headless.ts',
): HeadlessProcess {
  // Node itself with tsx's loader, not the `tsx` wrapper: a signal must reach the host, and a SIGKILL of a
  // wrapper would leave the host running (an orphan that keeps its port and state directory).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, entry), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  })
  return watchHost(child)
}

/** Follows a host however it was started (TypeScript through tsx, the built bundle, `npm run`): every stdout line must be an event. */
export function watchHost(child: ChildProcessWithoutNullStreams): HeadlessProcess {
  const events: ProtocolEvent[] = []
  const waiters: { predicate: (e: ProtocolEvent) => boolean; resolve: (e: ProtocolEvent) => void }[] = []
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as ProtocolEvent
    events.push(event)
    for (const waiter of [...waiters]) {
      if (waiter.predicate(event)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(event)
      }
    }
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = <T extends ProtocolEvent>(predicate: (e: ProtocolEvent) => boolean, timeoutMs = 15_000) =>
    new Promise<T>((resolve, reject) => {
      const seen = events.find(predicate)
      if (seen) return resolve(seen as T)
      const timer = setTimeout(() => reject(new Error(`timed out waiting for event; stderr:\n${stderr}`)), timeoutMs)
      waiters.push({
        predicate,
        resolve: (e) => {
          clearTimeout(timer)
          resolve(e as T)
        },
      })
    })
  return {
    child,
    events,
    stderr: () => stderr,
    waitFor,
    exited,
    command(command, params = {}) {
      const id = `t${++nextId}`
      child.stdin.write(`${JSON.stringify({ id, command, ...params })}\n`)
      return waitFor((e) => e.type === 'command.result' && e.id === id)
    },
  }
}
