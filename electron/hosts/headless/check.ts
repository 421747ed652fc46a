/**
 * `npm run headless -- --check`: builds the runtime from the same flags, binds the listener (sources are
 * not started, so nothing polls), runs every diagnostic, prints one line per check with its fix, and
 * returns the exit code: 0 when no check failed, 1 otherwise. With `--record DIR`, the answers the checks get
 * are written to DIR with personal values replaced (`record.ts`).
 */
import type { Writable } from 'node:stream'
import type { Logger } from '../../core/engine/log'
import { allPassed, formatCheck } from '../../core/runtime/diagnostics/check'
import { checkHub } from '../../hub/client/check'
import { buildRuntime } from './host'
import type { HeadlessOptions } from './options'
import { recordingFetch } from './record'

/** Runs the diagnostics and prints them to `out`; resolves with the exit code. */
export async function runCheckCommand(
  options: HeadlessOptions,
  out: Writable,
  log: Logger,
  version: string,
): Promise<number> {
  if (options.hubClient) {
    // A desktop following a hub polls and listens for nothing: the hub connection is the whole setup.
    const check = await checkHub({ ...options.hubClient, fetch: globalThis.fetch })
    out.write(`${formatCheck(check)}\n${check.status === 'fail' ? 'some checks failed' : 'all checks passed'}\n`)
    return check.status === 'fail' ? 1 : 0
  }
  const recorded: string[] = []
  const record = options.record
  const fetchImpl = record ? recordingFetch(globalThis.fetch, record, (file) => recorded.push(file)) : undefined
  const { runtime, dispose } = await buildRuntime(options, log, version, fetchImpl)
  let listen: string
  try {
    listen = (await runtime.listener.start()).url
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const busy = code === 'EADDRINUSE' ? ' (is Chat Tray already running?)' : ''
    out.write(
      `${formatCheck({ id: 'listener.reachable', status: 'fail', message: `cannot listen on ${options.listenHost}:${options.listenPort}: ${code ?? (error as Error).message}${busy}`, fix: 'stop the other process, or pass --listen 127.0.0.1:0' })}\n`,
    )
    await dispose?.()
    return 1
  }
  try {
    const checks = await runtime.checks(listen)
    for (const check of checks) out.write(`${formatCheck(check)}\n`)
    if (record)
      out.write(`recorded ${recorded.length} answers in ${record} (names, emails and message texts replaced)\n`)
    const ok = allPassed(checks)
    out.write(ok ? 'all checks passed\n' : 'some checks failed\n')
    return ok ? 0 : 1
  } finally {
    await runtime.listener.stop()
    await dispose?.()
  }
}
