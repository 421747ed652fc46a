/**
 * A small Markdown link checker: finds the relative links of a document (inline `[text](target)`, reference
 * definitions `[label]: target`, and `<img src>`/`<a href>`), and says which ones point at a file that does not
 * exist or at an `#anchor` that no heading of the target produces (GitHub's heading ids). External links (a scheme
 * such as `https:` or `mailto:`) are not fetched. Code blocks and inline code are not links.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

/** One link of a document: its target as written and the line it is on. */
export interface MarkdownLink {
  target: string
  line: number
}

/** The document's text with fenced code blocks and inline code blanked out (line numbers kept). */
function withoutCode(text: string): string {
  let fenced = false
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced
        return ''
      }
      return fenced ? '' : line.replace(/`[^`]*`/g, '')
    })
    .join('\n')
}

/** Every link target in a Markdown text, in order. */
export function linksOf(text: string): MarkdownLink[] {
  const links: MarkdownLink[] = []
  withoutCode(text)
    .split('\n')
    .forEach((line, index) => {
      const patterns = [
        /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
        /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/g,
        /<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g,
      ]
      for (const pattern of patterns)
        for (const match of line.matchAll(pattern)) links.push({ target: match[1] as string, line: index + 1 })
    })
  return links
}

/** The ids GitHub gives the headings of a Markdown text (`## Pace and budget` → `pace-and-budget`; repeats get `-1`…). */
export function headingIds(text: string): Set<string> {
  const ids = new Set<string>()
  const seen = new Map<string, number>()
  for (const line of withoutCodeBlocks(text).split('\n')) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const plain = (heading[1] as string).replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '')
    const base = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\- _]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    ids.add(count === 0 ? base : `${base}-${count}`)
  }
  return ids
}

/** The text with fenced code blocks blanked out (a `#` comment in a shell block is not a heading). */
function withoutCodeBlocks(text: string): string {
  let fenced = false
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
      return fenced || /^\s*(```|~~~)/.test(line) ? '' : line
    })
    .join('\n')
}

/** A link that does not resolve, with why. */
export interface BrokenLink extends MarkdownLink {
  document: string
  reason: string
}

/** The links of `document` (a path under `root`) that point at a missing file or anchor. */
export function brokenLinks(root: string, document: string): BrokenLink[] {
  const broken: BrokenLink[] = []
  const text = readFileSync(join(root, document), 'utf8')
  for (const link of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link.target)) continue
    const [rawPath = '', anchor] = link.target.split('#', 2)
    const path = decodeURIComponent(rawPath)
    const file = path === '' ? join(root, document) : join(dirname(join(root, document)), path)
    const fail = (reason: string) => broken.push({ ...link, document, reason })
    if (relative(root, file).startsWith('..')) fail('points outside the repository')
    else if (!existsSync(file)) fail(`no file ${relative(root, file)}`)
    else if (anchor !== undefined && file.endsWith('.md') && !headingIds(readFileSync(file, 'utf8')).has(anchor))
      fail(`no heading #${anchor} in ${relative(root, file)}`)
  }
  return broken
}
