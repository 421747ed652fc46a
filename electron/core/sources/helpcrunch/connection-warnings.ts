/**
 * What the HelpCrunch connection itself has to say on the source status, in plain words with a code
 * (docs/protocol.md, "Source status"): a rate lowered after a 429, polls starved of the budget, an organisation
 * domain that cannot be trusted for links.
 */
import type { StatusNotice } from '../../../../shared/protocol'
import type { RateState } from './adaptive-rate'
import type { Starvation } from './token-bucket'

/** The facts the warnings are made of. */
export interface ConnectionFacts {
  rate?: RateState
  starvation: Starvation | null
  /** What `GET /organization` said in `domain` and the subdomain it gives; absent until asked. */
  domain?: { raw: string | null; subdomain: string | null }
  /** A subdomain is configured (then the organisation's domain does not matter). */
  domainConfigured: boolean
}

/** The connection's warnings, in a stable order. */
export function connectionWarnings(facts: ConnectionFacts): StatusNotice[] {
  const out: StatusNotice[] = []
  const { rate, starvation, domain } = facts
  if (rate && rate.requestsPerMinute < rate.configuredPerMinute)
    out.push({
      code: 'rate-lowered',
      message: `HelpCrunch answered 429 (the budget is shared by the whole organisation): this desktop slowed to ${rate.requestsPerMinute} of ${rate.configuredPerMinute} requests/minute and speeds up again while no 429 comes`,
    })
  if (starvation)
    out.push({
      code: 'polls-starved',
      message: `HelpCrunch polling has waited ${Math.round(starvation.waitedMs / 1000)} s for the request budget (${starvation.perMinute} requests/minute; quick actions and commands took ${starvation.actionsLastMinute} of them in the last minute), so new chats may show late`,
    })
  if (domain && !domain.subdomain && !facts.domainConfigured)
    out.push({
      code: 'domain-unknown',
      message: `HelpCrunch did not name a helpcrunch.com address for this organisation (it said ${JSON.stringify(domain.raw)}), so "Open in HelpCrunch" is off: set your HelpCrunch subdomain (setting helpcrunch.domain; headless: --helpcrunch-domain), e.g. "acme" for acme.helpcrunch.com`,
    })
  return out
}
