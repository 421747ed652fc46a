/**
 * Toast text as each OS shows it. Linux notification servers read the body as markup (the Desktop
 * Notifications spec's `body-markup`), so a customer's `<b>` or `&` must be escaped there; and long text is
 * cut at a word so the server does not clip it mid-word (docs/desktop-shell.md). Pure.
 */

/** Longest toast title (characters) before it is cut with an ellipsis. */
export const MAX_TITLE = 80
/** Longest toast body (characters) before it is cut with an ellipsis. */
export const MAX_BODY = 240

/** Escapes the five markup characters the spec's body markup interprets. */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Cuts `text` to at most `max` characters (by code point), at a word boundary when one is near, adding "…". */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  if (chars.length <= max) return chars.join('')
  const cut = chars.slice(0, max - 1).join('')
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** Title and body ready for `new Notification` on `platform`. */
export function toastText(title: string, body: string, platform: NodeJS.Platform): { title: string; body: string } {
  const shortTitle = truncate(title, MAX_TITLE)
  const shortBody = truncate(body, MAX_BODY)
  return platform === 'linux'
    ? { title: shortTitle, body: escapeMarkup(shortBody) }
    : { title: shortTitle, body: shortBody }
}
