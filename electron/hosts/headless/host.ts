/**
 * The headless host: builds the runtime from command-line options and speaks NDJSON over stdio.
 * Same engine, same commands and events as the Electron app, without Electron.
 */
import type { Readable, Writable } from 'node:stream'
import { defaultSettings } from '../../../shared/settings'
import type { Logger } from '../../core/engine/log'
import { loadPolicy } from '../../core/runtime/policy-file'
import { withPolicy } from '../../core/runtime/policy-settings'
import { memorySecrets, memorySettings } from '../../core/runtime/ports'
import { type BuiltRuntime, startRuntime } from '../../core/runtime/start'
import { attachHub, type Hub } from '../../hub/server/hub'
import { buildRuntimeOf } from '../compose'
import { encodeEvent, handleCommandLine, readCommandLines } from './ndjson'
import type { HeadlessOptions } from './options'

/** Streams the host talks over. */
export interface HostIo {
  stdin: Readable
  stdout: Writable
  log: Logger
}

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
): Promise<{ stop: () => Promise<void>; listen: string | null }> {
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
      })
    : null
  const write = (line: string) => io.stdout.write(line)
  // `ready` is the first line by contract; events that sources emit while starting wait behind it.
  let held: string[] | null = []
  const unsubscribe = runtime.engine.bus.subscribe((event) => {
    // The hub alerts nobody: each desktop decides its own alerts.
    if (hub && event.type === 'alert') return
    if (held) held.push(encodeEvent(event))
    else write(encodeEvent(event))
  })
  const listen = await startRuntime(built, {
    version,
    demo: options.demo,
    announce(ready) {
      write(encodeEvent({ ...ready, ...(hub ? { hub: true } : {}) }))
      for (const line of held ?? []) write(line)
      held = null
    },
  })

  let queue = Promise.resolve()
  const stopReading = readCommandLines(io.stdin, (line) => {
    // Commands run in arrival order, so a script can rely on its own sequencing.
    queue = queue.then(async () => {
      const result = await handleCommandLine(line, runtime.engine.dispatcher)
      if (result) write(encodeEvent(result))
    })
  })

  return {
    listen,
    async stop() {
      stopReading()
      await queue
      await built.dispose?.()
      hub?.close()
      await runtime.stop()
      unsubscribe()
    },
  }
}
