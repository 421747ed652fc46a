/**
 * The headless host's process lifecycle, shared by the two entries `electron/hosts/headless.ts` (`npm run
 * headless`) and `electron/hosts/hub.ts` (`npm run hub`). Exit codes: 0 clean stop (SIGINT/SIGTERM), 1 runtime
 * failure (e.g. the listen address is taken), 2 invalid options.
 */
import { version as VERSION } from '../../../package.json'
import { lineLogger } from '../../core/engine/log'
import { runCheckCommand } from './check'
import { runHeadless } from './host'
import { OptionsError, parseOptions, USAGE } from './options'

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
  const log = lineLogger(
    (line) => process.stderr.write(line),
    process.env.CHAT_TRAY_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  )
  if (options.check) return runCheckCommand(options, process.stdout, log, VERSION)
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { reason: String(reason) }))
  let host: Awaited<ReturnType<typeof runHeadless>>
  try {
    host = await runHeadless(options, { stdin: process.stdin, stdout: process.stdout, log }, VERSION)
  } catch (error) {
    log.error('could not start', { error: (error as Error).message })
    return 1
  }
  log.info('headless host ready', { listen: host.listen })
  return new Promise<number>((resolve) => {
    let stopping = false
    const stop = (signal: string) => {
      if (stopping) return
      stopping = true
      log.info('stopping', { signal })
      host.stop().then(
        () => resolve(0),
        (error) => {
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
      // Let stdout drain before leaving so the last events are not lost.
      process.stdout.write('', () => process.exit(code))
    },
    (error) => {
      process.stderr.write(`chat-tray: fatal: ${(error as Error).stack ?? error}\n`)
      process.exit(1)
    },
  )
}
