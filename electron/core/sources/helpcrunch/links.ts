/** Which browser links belong to HelpCrunch's agent app: `https://<one label>.helpcrunch.com` (docs/helpcrunch.md, "Web links"). */

const HELPCRUNCH_APP = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.helpcrunch\.com$/

/** True for an https URL (already parsed, no credentials) on a HelpCrunch agent-app host, default port. */
export function isHelpCrunchLink(url: URL): boolean {
  return url.port === '' && HELPCRUNCH_APP.test(url.hostname)
}
