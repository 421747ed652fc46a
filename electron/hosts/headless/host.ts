/**
 * The headless host: builds the runtime from command-line options and speaks NDJSON over stdio.
 * Same engine, same commands and events as the Electron app, without Electron.
 */
import type { Readable, Writable } from 'node:stream'
import type { ProtocolEvent } from '../../../shared/protocol'
import { defaultSettings } from '../../../shared/settings'
import type { Logger } from '../../core/engine/log'
import { loadPolicy } from '../../core/runtime/policy-file'
import { withPolicy } from '../../core/runtime/policy-settings'
import { memorySecrets, memorySettings } from '../../core/runtime/ports'
import { type BuiltRuntime, startRuntime } from '../../core/runtime/start'
import { attachHub, type Hub } from '../../hub/server/hub'
import { buildRuntimeOf } from '../compose'
import { CommandQueue } from './command-queue'
import { handleCommandLine, readCommandLines } from './ndjson'
import type { HeadlessOptions } from './options'
import { NdjsonOutput } from './output'

/** Streams the host talks over. */
export interface HostIo {
  stdin: Readable
  stdout: Writable
  /** Where the host says that stdout is not being read (the log's stream). */
  stderr: Pick<Writable, 'write'>
  log: Logger
  /** Bytes of events that may wait unread on stdout (default `OUTPUT_LIMIT_BYTES`). */
  outputLimitBytes?: number
}

/** How long a stop waits for the command in flight before answering it `stopping` (ms). */
export const STOP_DEADLINE_MS = 5_000
/** Command lines read ahead of the one running; past this stdin is paused. */
const MAX_WAITING_COMMANDS = 1_000

/** Builds the runtime described by the options (not started); with `--demo`, against the simulated help desks. */
export async function buildRuntime(
  options: HeadlessOptions,
  log: Logger,
  version: string,
  /** The help desks' HTTP client (default `globalThis.fetch`); `--check --record` wraps it. */
  fetchImpl?: typeof fetch,
): Promise<BuiltRuntime> {
  const settings = defaultSettings()
  settings.helpcrunch.apiUrl = options.helpcrunchUrl
  settings.helpcrunch.domain = options.helpcrunchDomain
  if (options.pollSeconds !== null) settings.helpcrunch.pollSeconds = options.pollSeconds
  settings.helpcrunch.agentId = options.agentId
  settings.listener.host = options.listenHost
  settings.listener.port = options.listenPort
  settings.listener.allowRemote = options.allowRemote
  settings.listener.publicHosts = options.publicHosts
  const secrets = memorySecrets()
  if (options.helpcrunchKey) secrets.set('helpcrunch.apiKey', options.helpcrunchKey)
  if (options.helpcrunchSigningKey) secrets.set('helpcrunch.signingKey', options.helpcrunchSigningKey)
  if (options.deskdirectorSecrets.length > 0)
    secrets.set('deskdirector.secrets', options.deskdirectorSecrets.join('\n'))
  if (options.demo && (options.helpcrunchKey || options.deskdirectorSecrets.length > 0))
    log.warn('demo mode: the configured HelpCrunch key and DeskDirector secrets are not used')
  // The machine policy binds every host on the machine: its locked settings are refused over NDJSON too.
  const settingsPort = withPolicy(memorySettings(settings), loadPolicy(process.platform, process.env), log)
  return buildRuntimeOf(options.demo ? 'demo' : 'real', {
    settings: settingsPort,
    secrets,
    log,
    version,
    stateDir: options.stateDir,
    demoStateDir: options.stateDir,
    // Every desktop of the team holds a stream open: the hub needs more connections than one desktop's listener.
    listenerLimits: options.hub ? { maxConnections: options.hub.maxConnections } : undefined,
    // A desktop following a team hub: the hub client in place of the help desks, no listener.
    hubClient: options.hubClient,
    fetch: fetchImpl,
  })
}

/** Runs the host until `stop()` is called; events go to stdout as NDJSON, commands come from stdin. */
export async function runHeadless(
  options: HeadlessOptions,
  io: HostIo,
  version: string,
): Promise<{ stop: (deadlineMs?: number) => Promise<void>; listen: string | null }> {
  const built = await buildRuntime(options, io.log, version)
  const { runtime } = built
  const hub: Hub | null = options.hub
    ? attachHub(runtime, {
        tokensFile: options.hub.tokensFile,
        replayEvents: options.hub.replayEvents,
        limits: {
          heartbeatMs: options.hub.heartbeatMs,
          maxBufferBytes: options.hub.maxBufferBytes,
          maxStreams: options.hub.maxStreams,
          streamsPerToken: options.hub.streamsPerToken,
          catchUpMs: options.hub.catchUpMs,
        },
        shares: {
          commandsPerMinute: options.hub.commandsPerMinute,
          commandConcurrency: options.hub.commandConcurrency,
          authFailuresPerMinute: options.hub.authFailuresPerMinute,
        },
        presenceStaleMs: options.hub.presenceStaleMs,
      })
    : null
  const output = new NdjsonOutput(io.stdout, (line) => io.stderr.write(line), io.outputLimitBytes)
  runtime.engine.health.set('stdout', () => ({ dropped: output.dropped, waitingBytes: output.waitingBytes }))
  // `ready` is the first line by contract; events that sources emit while starting wait behind it.
  let held: ProtocolEvent[] | null = []
  const unsubscribe = runtime.engine.bus.subscribe((event) => {
    // The hub alerts nobody: each desktop decides its own alerts.
    if (hub && event.type === 'alert') return
    if (held) held.push(event)
    else output.event(event)
  })
  const listen = await startRuntime(built, {
    version,
    demo: options.demo,
    announce(ready) {
      output.result({ ...ready, ...(hub ? { hub: true } : {}) })
      for (const event of held ?? []) output.event(event)
      held = null
    },
  })

  // Commands run in arrival order, so a script can rely on its own sequencing.
  const queue = new CommandQueue({
    run: (line) => handleCommandLine(line, runtime.engine.dispatcher),
    answer: (result) => output.result(result),
    writable: () => output.whenWritable(),
    pauseInput: (paused) => (paused ? io.stdin.pause() : io.stdin.resume()),
    maxWaiting: MAX_WAITING_COMMANDS,
  })
  const stopReading = readCommandLines(io.stdin, (line) => queue.push(line))

  return {
    listen,
    async stop(deadlineMs = STOP_DEADLINE_MS) {
      stopReading()
      const answered = await queue.stop(deadlineMs)
      if (answered > 0) io.log.info('stopping: commands answered "stopping"', { count: answered })
      await built.dispose?.()
      hub?.close()
      await runtime.stop()
      unsubscribe()
    },
  }
}
