/** The agent-app link of a HelpCrunch chat: `settings.helpcrunch.webUrlTemplate` with `{domain}` and `{id}` filled. */

/** Fills the template; null while the organisation's domain is unknown or the result is not an https URL. */
export function fillWebUrl(template: string, domain: string | null, chatId: string): string | null {
  if (template.includes('{domain}') && !domain) return null
  const url = template
    .replaceAll('{domain}', encodeURIComponent(domain ?? ''))
    .replaceAll('{id}', encodeURIComponent(chatId))
  return /^https:\/\/[^\s]+$/.test(url) ? url : null
}
