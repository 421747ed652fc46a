/** The agent-app link of a HelpCrunch chat: `settings.helpcrunch.webUrlTemplate` with `{domain}` and `{id}` filled. */

/**
 * The organisation's subdomain from what the user set (`settings.helpcrunch.domain`): `acme`, a full host such as
 * `acme.helpcrunch.com`, or a URL (docs/helpcrunch.md, "Web links"). Null when no usable label remains.
 */
export function normalizeDomain(raw: string | null): string | null {
  if (!raw) return null
  const label = hostOf(raw).split('.')[0] ?? ''
  return LABEL.test(label) ? label : null
}

/**
 * The subdomain in what `GET /organization` answered, accepted only when it is a `*.helpcrunch.com` host (or URL):
 * what `domain` holds is undocumented, and a bare word or the customer's website (`acme.com`) would make a link
 * to someone else's `acme.helpcrunch.com`. Null when it is not such a host.
 */
export function subdomainFromOrganization(raw: string | null): string | null {
  if (!raw) return null
  const match = /^([^.]+)\.helpcrunch\.com\.?$/.exec(hostOf(raw))
  return match && LABEL.test(match[1] as string) ? (match[1] as string) : null
}

/** One DNS label. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** The host of a host name or URL, lower case (no scheme, path, query or port). */
function hostOf(raw: string): string {
  return (
    raw
      .trim()
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .split(/[/?#:]/)[0] ?? ''
  )
}

/** Fills the template; null while the organisation's domain is unknown or the result is not an https URL. */
export function fillWebUrl(template: string, domain: string | null, chatId: string): string | null {
  const subdomain = normalizeDomain(domain)
  if (template.includes('{domain}') && !subdomain) return null
  const url = template.replaceAll('{domain}', subdomain ?? '').replaceAll('{id}', encodeURIComponent(chatId))
  return /^https:\/\/[^\s]+$/.test(url) ? url : null
}
