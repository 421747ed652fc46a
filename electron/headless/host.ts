/**
 * The headless host: builds the runtime from command-line options and speaks NDJSON over stdio.
 * Same engine, same commands and events as the Electron app, without Electron.
 */
import type { Readable, Writable } from 'node:stream'
import { defaultSettings } from '../../shared/settings'
import { type DemoSession, prepareDemo } from '../main/demo/demo-mode'
import type { Logger } from '../main/engine/log'
import { memorySecrets, memorySettings } from '../main/runtime/ports'
import { createRuntime, type Runtime } from '../main/runtime/runtime'
import { registerSources } from '../main/runtime/sources'
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
): Promise<{ runtime: Runtime; demo: DemoSession | null }> {
  let settings = defaultSettings()
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
  const demo = options.demo ? await prepareDemo(settings) : null
  if (demo) {
    if (options.helpcrunchKey || options.deskdirectorSecrets.length > 0)
      log.warn('demo mode: the configured HelpCrunch key and DeskDirector secrets are not used')
    settings = demo.settings
    demo.applySecrets(secrets)
  }
  const runtime = createRuntime({
    settings: memorySettings(settings),
    secrets,
    log,
    version,
    stateDir: options.stateDir,
    demo: options.demo,
  })
  registerSources(runtime)
  return { runtime, demo }
}

/** Runs the host until `stop()` is called; events go to stdout as NDJSON, commands come from stdin. */
export async function runHeadless(
  options: HeadlessOptions,
  io: HostIo,
  version: string,
): Promise<{ stop: () => Promise<void>; listen: string }> {
  const { runtime, demo } = await buildRuntime(options, io.log, version)
  const write = (line: string) => io.stdout.write(line)
  // `ready` is the first line by contract; events that sources emit while starting wait behind it.
  let held: string[] | null = []
  const unsubscribe = runtime.engine.bus.subscribe((event) => {
    if (held) held.push(encodeEvent(event))
    else write(encodeEvent(event))
  })
  const { listen } = await runtime.start()
  write(
    encodeEvent({
      type: 'ready',
      listen,
      version,
      sources: runtime.engine.adapters.all().map((a) => a.id),
      demo: options.demo,
      pid: process.pid,
    }),
  )
  for (const line of held) write(line)
  held = null
  demo?.play(runtime, listen)

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
      await demo?.stop()
      await runtime.stop()
      unsubscribe()
    },
  }
}
