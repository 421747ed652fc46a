/**
 * The one start sequence of a runtime, for every host (the supervisor in the app, the headless host): bind the
 * listener (unless the runtime follows a team hub) and start the sources, announce `ready`, then run what the
 * build asked for once started (demo: play the scenario). `ready` comes first so that whatever `started`
 * causes (the scenario's chats) reaches a host that has already reloaded.
 */
import type { EventOf } from '../../../shared/protocol'
import type { Runtime } from './runtime'

/** A built, not yet started runtime and what to do around its life. */
export interface BuiltRuntime {
  runtime: Runtime
  /** Runs once the runtime has started and `ready` is out (demo: play the scenario). `listen` is null when no listener is bound. */
  started?(listen: string | null): void
  /** Runs after the runtime stopped (demo: close the simulated help desks). */
  dispose?(): Promise<void>
  /** Start it without binding the listener (a desktop following a team hub). */
  withoutListener?: boolean
}

/** What `ready` says besides what the runtime knows. */
export interface ReadyFacts {
  version: string
  demo: boolean
}

/** How a host starts a runtime. */
export interface StartOptions extends ReadyFacts {
  /** Sends `ready` (the host may add to it, e.g. the hub's `hub: true`). */
  announce(ready: EventOf<'ready'>): void
  /**
   * A failed start is passed here and the sequence goes on with `listen` null (the app: the runtime stays live
   * and its sources say why). Without it the failure is thrown and nothing is announced (headless: exit 1).
   */
  onStartFailed?(error: unknown): void
}

/** Starts `built`, announces `ready`, runs `started`; resolves with the listener URL (null: none bound). */
export async function startRuntime(built: BuiltRuntime, options: StartOptions): Promise<string | null> {
  const { runtime } = built
  let listen: string | null = null
  try {
    if (built.withoutListener) await runtime.startWithoutListener()
    else listen = (await runtime.start()).listen
  } catch (error) {
    if (!options.onStartFailed) throw error
    options.onStartFailed(error)
  }
  options.announce(readyEvent(runtime, { listen, version: options.version, demo: options.demo }))
  built.started?.(listen)
  return listen
}

/** `ready` for a started runtime: `listen` is null when the listener could not bind (or none is bound). */
export function readyEvent(runtime: Runtime, facts: ReadyFacts & { listen: string | null }): EventOf<'ready'> {
  return {
    type: 'ready',
    listen: facts.listen,
    version: facts.version,
    sources: runtime.engine.adapters.all().map((a) => a.identity.id),
    demo: facts.demo,
    pid: process.pid,
  }
}
