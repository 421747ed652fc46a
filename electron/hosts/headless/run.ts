/**
 * The headless host's process lifecycle, shared by the two entries `electron/hosts/headless.ts` (`npm run
 * headless`) and `electron/hosts/hub.ts` (`npm run hub`). Exit codes: 0 clean stop (SIGINT/SIGTERM), 1 runtime
 * failure (e.g. the listen address is taken), 2 invalid options, 3 a hub's shared Redis unreachable at start.
 */
import { version as VERSION } from '../../../package.json'
import { jsonLogger, lineLogger } from '../../core/engine/log'
import { EXIT_REDIS_UNREACHABLE, RedisUnreachableError } from '../../hub/server/redis-client'
import { runCheckCommand } from './check'
import { runHeadless, STOP_DEADLINE_MS } from './host'
import { OptionsError, parseOptions, USAGE } from './options'

/** After this long a stop gives up waiting (the command drain has its own, shorter deadline). */
const HARD_STOP_MS = STOP_DEADLINE_MS + 5_000
/** At exit, stdout is waited for while its reader takes something in each such period (ms). */
const FLUSH_WAIT_MS = 1_000

/** How an entry runs the host: as a plain headless host, or serving as the team hub. */
export interface RunOptions {
  serveHub: boolean
}

async function main({ serveHub }: RunOptions): Promise<number> {
  let options: ReturnType<typeof parseOptions>
  try {
    options = parseOptions(process.argv.slice(2), process.env, serveHub)
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error
    process.stderr.write(`chat-tray: ${error.message}\n\n${USAGE}\n`)
    return 2
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const format = process.env.CHAT_TRAY_LOG_FORMAT || 'text'
  if (format !== 'text' && format !== 'json') {
    process.stderr.write(`chat-tray: CHAT_TRAY_LOG_FORMAT: expected "text" or "json", got "${format}"\n`)
    return 2
  }
  // JSON lines for log collectors (the shipped hub deployments set it); text for people at a terminal.
  const log = (format === 'json' ? jsonLogger : lineLogger)(
    (line) => process.stderr.write(line),
    process.env.CHAT_TRAY_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  )
  if (options.check) return runCheckCommand(options, process.stdout, log, VERSION)
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { reason: String(reason) }))
  let host: Awaited<ReturnType<typeof runHeadless>>
  try {
    const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, log }
    host = await runHeadless(options, io, VERSION)
  } catch (error) {
    if (error instanceof RedisUnreachableError) {
      log.error('could not start: the shared Redis is unreachable', { error: error.message })
      return EXIT_REDIS_UNREACHABLE
    }
    log.error('could not start', { error: (error as Error).message })
    return 1
  }
  log.info('headless host ready', { listen: host.listen })
  return new Promise<number>((resolve) => {
    let stopping = false
    const stop = (signal: string) => {
      if (stopping) {
        log.warn('second signal while stopping: exiting now', { signal })
        resolve(1)
        return
      }
      stopping = true
      log.info('stopping', { signal, deadlineMs: STOP_DEADLINE_MS })
      // The drain has its deadline; this one catches whatever else could hang (a source that will not stop).
      const hard = setTimeout(() => {
        log.error('stop did not finish in time: exiting without a clean stop', { afterMs: HARD_STOP_MS })
        resolve(1)
      }, HARD_STOP_MS)
      hard.unref()
      host.stop().then(
        () => {
          clearTimeout(hard)
          resolve(0)
        },
        (error) => {
          clearTimeout(hard)
          log.error('stop failed', { error: (error as Error).message })
          resolve(1)
        },
      )
    }
    process.on('SIGINT', () => stop('SIGINT'))
    process.on('SIGTERM', () => stop('SIGTERM'))
  })
}

/** Runs the host in this process until SIGINT/SIGTERM, then exits with its code. */
export function run(options: RunOptions): void {
  main(options).then(
    (code) => {
      // Let stdout drain before leaving so the last events are not lost — while its reader keeps reading; a
      // reader that took nothing for a second is not waited for.
      process.stdout.write('', () => process.exit(code))
      let waiting = process.stdout.writableLength
      setInterval(() => {
        if (process.stdout.writableLength >= waiting) process.exit(code)
        waiting = process.stdout.writableLength
      }, FLUSH_WAIT_MS).unref()
    },
    (error) => {
      process.stderr.write(`chat-tray: fatal: ${(error as Error).stack ?? error}\n`)
      process.exit(1)
    },
  )
}
