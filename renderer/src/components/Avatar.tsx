/** Initials in a circle, coloured by source; decorative (the name is on the row). */

/** "Hana Novak" → "HN", "dirk@example.com" → "D". */
export function initials(name: string): string {
  const words = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1)
  return letters.map((w) => [...(w as string)][0]?.toUpperCase() ?? '').join('') || '?'
}

/** The avatar. */
export function Avatar({ name, source }: { name: string; source: string }) {
  return avatar(initials(name), source)
}

/** The avatar's element from its letters, for callers that render a thousand (a plain call costs no
 * component instance, and the caller can keep the letters per chat). */
export function avatar(letters: string, source: string) {
  return (
    <span className={`avatar avatar-${source}`} aria-hidden="true">
      {letters}
    </span>
  )
}
