/**
 * HelpCrunch as a source plug-in: a polled REST API (the adapter) plus an optional signed webhook route that
 * fetches a changed chat at once. Facts about HelpCrunch the code relies on: docs/helpcrunch.md.
 */
import type { CheckResult } from '../../../../shared/protocol'
import { HELPCRUNCH_SETTINGS } from '../../../../shared/sources/helpcrunch'
import { secretCheck } from '../../http/route-checks'
import type { SourcePlugin } from '../types'
import { HelpCrunchAdapter } from './adapter'
import { helpCrunchChecks } from './checks'
import { HELPCRUNCH } from './identity'
import { isHelpCrunchLink } from './links'
import { HelpCrunchOrdering } from './ordering'
import { registerHelpCrunchWebhook } from './register-webhook'
import { HELPCRUNCH_WEBHOOK_PATH } from './webhook'

/** The HelpCrunch source. */
export const helpCrunchSource: SourcePlugin<typeof HELPCRUNCH_SETTINGS> = {
  identity: HELPCRUNCH,
  settings: HELPCRUNCH_SETTINGS,
  setupHint: 'a HelpCrunch key (headless: --helpcrunch-key)',
  register(host) {
    let adapter: HelpCrunchAdapter | undefined
    const context = host.engine.contextFor('helpcrunch')
    // One ordering rule for REST answers and webhooks alike (docs/helpcrunch.md, "Ordering").
    const ordering = new HelpCrunchOrdering((key) => context.held(key))
    const webhook = registerHelpCrunchWebhook(host, () => adapter, { ordering })
    // Always registered: without an API key it reports `disabled` and a key set later starts it (reconfigure).
    adapter = new HelpCrunchAdapter({
      context,
      settings: host.options.settings,
      secrets: host.options.secrets,
      fetch: host.options.fetch ?? globalThis.fetch,
      highWaterMark: host.state.forSource('helpcrunch').highWaterMark,
      sharedBudget: host.state.forSource('helpcrunch').budget,
      ordering,
      deadLetters: host.state.deadLetters,
      webhookWarnings: () => webhook.warnings(),
    })
    return adapter
  },
  opensLink: (url) => isHelpCrunchLink(url),
  configured: (_settings, secrets) => secrets.get('helpcrunch.apiKey') !== null,
  async checks(inputs) {
    const api = await helpCrunchChecks(
      inputs.settings.helpcrunch,
      inputs.secrets.get('helpcrunch.apiKey'),
      inputs.fetch,
    )
    if (inputs.listen === null) return api
    const key = inputs.secrets.get('helpcrunch.signingKey')
    const unsigned = inputs.settings.listener.allowUnsigned.helpcrunch
    const route: CheckResult =
      key || unsigned
        ? secretCheck('helpcrunch.signing-key', HELPCRUNCH_WEBHOOK_PATH, key ? 1 : 0, unsigned, '')
        : {
            id: 'helpcrunch.signing-key',
            status: 'skip',
            message: 'no signing key: HelpCrunch webhooks are refused (polling still works)',
          }
    return [...api, route]
  },
}
