/** The `ready` event, built one way for every host (the supervisor in the app, the headless host). */
import type { EventOf } from '../../../shared/protocol'
import type { Runtime } from './runtime'

/** `ready` for a started runtime: `listen` is null when the listener could not bind. */
export function readyEvent(
  runtime: Runtime,
  facts: { listen: string | null; version: string; demo: boolean },
): EventOf<'ready'> {
  return {
    type: 'ready',
    listen: facts.listen,
    version: facts.version,
    sources: runtime.engine.adapters.all().map((a) => a.id),
    demo: facts.demo,
    pid: process.pid,
  }
}
