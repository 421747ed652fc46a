/** Wires `POST /webhooks/helpcrunch` into a source host, with or without a HelpCrunch adapter (yet). */
import type { SourceHost } from '../types'
import type { HelpCrunchAdapter } from './adapter'
import type { HelpCrunchOrdering } from './ordering'
import { fillWebUrl } from './web-url'
import { createHelpCrunchWebhookRoute, type HelpCrunchWebhookRoute } from './webhook'

/** Registers the HelpCrunch webhook route; chats are fetched through `adapter()`, once there is one. */
export function registerHelpCrunchWebhook(
  runtime: SourceHost,
  adapter: () => HelpCrunchAdapter | undefined,
  options: { fetchChat?: (chatId: string) => Promise<void>; ordering?: HelpCrunchOrdering } = {},
): HelpCrunchWebhookRoute {
  const { settings, secrets } = runtime.options
  const route = createHelpCrunchWebhookRoute({
    context: runtime.engine.contextFor('helpcrunch'),
    signingKey: () => secrets.get('helpcrunch.signingKey'),
    allowUnsigned: () => settings.get().listener.allowUnsigned.helpcrunch,
    // Looked up per call: the adapter may be registered after the route, and an API key set later.
    fetchChat:
      options.fetchChat ??
      (async (chatId) => {
        const source = adapter()
        if (source && source.status().state !== 'disabled') await source.fetchChat(chatId)
      }),
    // The adapter knows the organisation's domain too; without one, only the configured subdomain is used.
    webUrl: (chatId) => {
      const source = adapter()
      if (source) return source.webUrlFor(chatId)
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
    seenIds: runtime.state.forSource('helpcrunch').deliveryIds,
    ordering: options.ordering,
  })
  runtime.listener.route(route.path, route.handler)
  return route
}
