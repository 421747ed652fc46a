/** Wires `POST /webhooks/helpcrunch` into a runtime, with or without a registered HelpCrunch adapter. */
import type { SourceAdapter } from '../../engine/adapters'
import type { Runtime } from '../../runtime/runtime'
import { fillWebUrl } from './web-url'
import { createHelpCrunchWebhookRoute, type HelpCrunchWebhookRoute } from './webhook'

/** An adapter that can load one chat by id (the HelpCrunch adapter does, through its rate-limited client). */
type ChatFetcher = SourceAdapter & { fetchChat?: (chatId: string) => Promise<void> }

/** Registers the HelpCrunch webhook route; `fetchChat` defaults to the registered adapter's, if it has one. */
export function registerHelpCrunchWebhook(
  runtime: Runtime,
  options: { fetchChat?: (chatId: string) => Promise<void> } = {},
): HelpCrunchWebhookRoute {
  const { settings, secrets } = runtime.options
  const adapter = () => runtime.engine.adapters.get('helpcrunch') as ChatFetcher | undefined
  const route = createHelpCrunchWebhookRoute({
    context: runtime.engine.contextFor('helpcrunch'),
    signingKey: () => secrets.get('helpcrunch.signingKey'),
    allowUnsigned: () => settings.get().listener.allowUnsigned.helpcrunch,
    // Looked up per call: the adapter may be registered after the route, and an API key set later.
    fetchChat:
      options.fetchChat ??
      (async (chatId) => {
        const source = adapter()
        if (source?.fetchChat && source.status().state !== 'disabled') await source.fetchChat(chatId)
      }),
    webUrl: (chatId) => {
      const { webUrlTemplate, domain } = settings.get().helpcrunch
      return fillWebUrl(webUrlTemplate, domain, chatId)
    },
    ownsStatus: () => adapter() === undefined,
    onWarningsChanged: () => {
      const source = adapter()
      if (source) runtime.engine.contextFor('helpcrunch').reportStatus(source.status())
    },
    now: runtime.engine.now,
    deadLetters: runtime.state.deadLetters,
    seenIds: runtime.state.helpcrunchDeliveries,
  })
  runtime.listener.route(route.path, route.handler)
  return route
}
