/**
 * The headless host: builds the runtime from command-line options and speaks NDJSON over stdio.
 * Same engine, same commands and events as the Electron app, without Electron.
 */
import type { Readable, Writable } from 'node:stream'
import { defaultSettings } from '../../shared/settings'
import type { Logger } from '../main/engine/log'
import { buildRuntimeOf } from '../main/runtime/build'
import { memorySecrets, memorySettings } from '../main/runtime/ports'
import { readyEvent } from '../main/runtime/ready'
import type { BuiltRuntime } from '../main/runtime/supervisor'
import { encodeEvent, handleCommandLine, readCommandLines } from './ndjson'
import type { HeadlessOptions } from './options'

/** Streams the host talks over. */
export interface HostIo {
  stdin: Readable
  stdout: Writable
  log: Logger
}

/** Builds the runtime described by the options (not started); with `--demo`, against the simulated help desks. */
export async function buildRuntime(options: HeadlessOptions, log: Logger, version: string): Promise<BuiltRuntime> {
  const settings = defaultSettings()
  settings.helpcrunch.apiUrl = options.helpcrunchUrl
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
  return buildRuntimeOf(options.demo ? 'demo' : 'real', {
    settings: memorySettings(settings),
    secrets,
    log,
    version,
    stateDir: options.stateDir,
    demoStateDir: options.stateDir,
  })
}

/** Runs the host until `stop()` is called; events go to stdout as NDJSON, commands come from stdin. */
export async function runHeadless(
  options: HeadlessOptions,
  io: HostIo,
  version: string,
): Promise<{ stop: () => Promise<void>; listen: string }> {
  const built = await buildRuntime(options, io.log, version)
  const { runtime } = built
  const write = (line: string) => io.stdout.write(line)
  // `ready` is the first line by contract; events that sources emit while starting wait behind it.
  let held: string[] | null = []
  const unsubscribe = runtime.engine.bus.subscribe((event) => {
    if (held) held.push(encodeEvent(event))
    else write(encodeEvent(event))
  })
  const { listen } = await runtime.start()
  write(encodeEvent(readyEvent(runtime, { listen, version, demo: options.demo })))
  for (const line of held) write(line)
  held = null
  built.started?.(listen)

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
      await runtime.stop()
      unsubscribe()
    },
  }
}
