/**
 * Runs the real headless host as a child process (node + tsx loader, so a SIGKILL hits the host itself and
 * not a wrapper), records every NDJSON line with the time it arrived, and how every child ended.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ProtocolEvent } from '../../shared/protocol'

const root = join(import.meta.dirname, '..', '..')

/** One stdout line of one host run, stamped on arrival. */
export interface HostLine {
  at: number
  run: number
  event: ProtocolEvent
}

/** How one child ended and whether the soak asked for it. */
export interface ExitRecord {
  run: number
  pid: number
  code: number | null
  signal: NodeJS.Signals | null
  asked: 'kill' | 'stop' | null
}

type CommandResult = Extract<ProtocolEvent, { type: 'command.result' }>

/** Starts, kills, restarts and stops the host; all runs share one argument list (same port, same state dir). */
export class HostSupervisor {
  readonly lines: HostLine[] = []
  readonly exits: ExitRecord[] = []
  readonly protocolErrors: string[] = []
  run = 0
  private child: ChildProcessWithoutNullStreams | null = null
  private asked: ExitRecord['asked'] = null
  private exited: Promise<void> = Promise.resolve()
  private stderrTail = ''
  private waiters: { match: (l: HostLine) => boolean; resolve: (l: HostLine) => void }[] = []
  private nextId = 0

  constructor(private readonly args: string[]) {}

  /** Spawns a new run and resolves once it printed `ready`. */
  async start(timeoutMs = 60_000): Promise<void> {
    const run = ++this.run
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'electron/hosts/headless.ts', ...this.args],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: 'pipe',
      },
    )
    this.child = child
    this.asked = null
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-8_000)
    })
    createInterface({ input: child.stdout }).on('line', (text) => this.onLine(run, text))
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.exits.push({ run, pid: child.pid ?? -1, code, signal, asked: this.asked })
        if (this.child === child) this.child = null
        resolve()
      }),
    )
    await this.waitFor((l) => l.run === run && l.event.type === 'ready', timeoutMs)
  }

  /** SIGKILLs the current run and waits until it is gone. */
  async kill(): Promise<void> {
    if (!this.child) return
    this.asked = 'kill'
    this.child.kill('SIGKILL')
    await this.exited
  }

  /** Asks the current run to stop (SIGTERM) and waits; a clean stop exits 0. */
  async stop(): Promise<void> {
    if (!this.child) return
    this.asked = 'stop'
    this.child.kill('SIGTERM')
    await this.exited
  }

  /** True while a run is alive. */
  get alive(): boolean {
    return this.child !== null
  }

  /** The last stderr output (diagnostics for a failed run). */
  stderr(): string {
    return this.stderrTail
  }

  /** Sends a command to the current run and resolves with its result. */
  async command(command: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<CommandResult> {
    const child = this.child
    if (!child) throw new Error(`no host running for ${command}`)
    const id = `soak${++this.nextId}`
    child.stdin.write(`${JSON.stringify({ id, command, ...params })}\n`)
    const line = await this.waitFor((l) => l.event.type === 'command.result' && l.event.id === id, timeoutMs)
    return line.event as CommandResult
  }

  /** Resolves with the first future line matching `match`. */
  waitFor(match: (l: HostLine) => boolean, timeoutMs: number): Promise<HostLine> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        reject(new Error(`host: timed out after ${timeoutMs} ms; stderr tail:\n${this.stderrTail}`))
      }, timeoutMs)
      const waiter = {
        match,
        resolve: (l: HostLine) => {
          clearTimeout(timer)
          resolve(l)
        },
      }
      this.waiters.push(waiter)
    })
  }

  private onLine(run: number, text: string): void {
    let event: ProtocolEvent
    try {
      event = JSON.parse(text) as ProtocolEvent
    } catch {
      this.protocolErrors.push(`run ${run}: stdout line is not JSON: ${text.slice(0, 120)}`)
      return
    }
    const line = { at: Date.now(), run, event }
    // Command results (snapshots can be large) go to their waiter only.
    if (event.type !== 'command.result') this.lines.push(line)
    for (const waiter of [...this.waiters]) {
      if (waiter.match(line)) {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        waiter.resolve(line)
      }
    }
  }
}
