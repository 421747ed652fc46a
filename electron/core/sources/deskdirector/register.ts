/** Wires the DeskDirector source into a source host (its webhook route, kept chats) and returns its adapter. */
import { splitSecrets } from '../../engine/ports'
import { signedRoute } from '../../http/signed-route'
import type { SourceHost } from '../types'
import { createDeskDirectorAdapter, type DeskDirectorAdapter } from './adapter'
import { DESKDIRECTOR_WEBHOOK_PATH, deskDirectorDelivery } from './webhook'

/** Adds `POST /webhooks/deskdirector` and returns the DeskDirector adapter (the runtime registers it). */
export function registerDeskDirector(runtime: SourceHost): DeskDirectorAdapter {
  const { settings, secrets } = runtime.options
  const context = runtime.engine.contextFor('deskdirector')
  // Read per delivery so a changed secret applies at once; split again only when the stored value changed.
  let stored: string | null = null
  let split: string[] = []
  const reads = {
    secrets: () => {
      const value = secrets.get('deskdirector.secrets')
      if (value !== stored) [stored, split] = [value, splitSecrets(value)]
      return split
    },
    allowUnsigned: () => settings.get().listener.allowUnsigned.deskdirector,
    baseUrl: () => settings.get().deskdirector.baseUrl,
    me: () => settings.get().deskdirector.userId,
  }
  const adapter = createDeskDirectorAdapter({ context, now: runtime.engine.now, ...reads })
  // DeskDirector delivers each change once: its open chats must survive a crash of the app.
  runtime.keepChats('deskdirector')
  // allowUnsigned and baseUrl live in settings: republish health when they change.
  runtime.engine.bus.on(['settings.changed'], () => context.reportStatus(adapter.status()))
  runtime.listener.route(
    DESKDIRECTOR_WEBHOOK_PATH,
    signedRoute(
      deskDirectorDelivery({
        context,
        ...reads,
        onOutcome: (o) => adapter.noteDelivery(o),
        deadLetters: runtime.state.deadLetters,
        now: runtime.engine.now,
        onDeadLetters: (count, reason) => adapter.noteDeadLetters(count, reason),
      }),
    ),
  )
  return adapter
}
