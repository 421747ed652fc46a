/**
 * Runs Debian's redis-server (package `redis-server`; `.ci/run` installs it) as a child process for a test: a
 * free loopback port, its own temp directory, AOF on (`--appendonly yes`, fsync on every write so a restart keeps
 * every change), no RDB snapshots, stopped by pid. Restartable on the same port and directory.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createConnection } from 'node:net'
import { freePort } from './nginx'

/** Where Debian installs redis-server. */
export const REDIS_SERVER = '/usr/bin/redis-server'

/** True when redis-server is installed. */
export function redisInstalled(): boolean {
  return existsSync(REDIS_SERVER)
}

/** Skip outside CI when missing, saying which package to install. */
export const REDIS_SKIP_REASON = 'redis-server is not installed (Debian package `redis-server`; .ci/run installs it)'

/** A running redis-server. */
export interface RedisServer {
  url: string
  port: number
  dir: string
  pid: () => number | undefined
  /** Stops it (SIGTERM: AOF flushed) and waits for the exit. */
  stop(): Promise<void>
  /** Starts it again on the same port and directory (the AOF is read back). */
  start(): Promise<void>
  /** Everything it printed. */
  output: () => string
}

/** Starts redis-server in `dir` on a free loopback port; resolves once it accepts connections. */
export async function startRedis(dir: string, port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort())
  let child: ChildProcess | null = null
  let output = ''
  const start = async () => {
    child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(chosen),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--daemonize',
        'no',
      ],
      { stdio: 'pipe' },
    )
    child.stdout?.on('data', (chunk) => {
      output += chunk
    })
    child.stderr?.on('data', (chunk) => {
      output += chunk
    })
    for (let i = 0; i < 100; i++) {
      if ((child as ChildProcess).exitCode !== null) throw new Error(`redis-server exited: ${output}`)
      if (await accepts(chosen)) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`redis-server did not start: ${output}`)
  }
  await start()
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    dir,
    pid: () => child?.pid,
    async stop() {
      const running = child
      if (!running || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGTERM')
      await exited
    },
    start,
    output: () => output,
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
