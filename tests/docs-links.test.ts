/**
 * Every link in README.md, CONTRIBUTING.md and docs/*.md resolves: relative files exist and `#anchors` name a heading
 * of their target. External links are not fetched.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { brokenLinks, headingIds, linksOf } from './helpers/markdown-links'

const root = resolve(__dirname, '..')
const documents = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

describe('links in the documentation', () => {
  it('every relative link and anchor in README, CONTRIBUTING and docs/ resolves', () => {
    expect(documents.length).toBeGreaterThan(15)
    const links = documents.flatMap((document) => brokenLinks(root, document))
    expect(links.map((l) => `${l.document}:${l.line} ${l.target} — ${l.reason}`)).toEqual([])
  })

  it('README links every page of docs/', () => {
    const linked = new Set(
      linksOf(readFileSync(join(root, 'README.md'), 'utf8'))
        .map((link) => link.target.split('#')[0])
        .filter((target) => target?.startsWith('docs/')),
    )
    expect(documents.filter((d) => d.startsWith('docs/') && !linked.has(d))).toEqual([])
  })
})

describe('the link checker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-links-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reports a missing file, a missing anchor and a link outside the repository, and passes good ones', () => {
    mkdirSync(join(dir, 'docs'))
    writeFileSync(join(dir, 'docs', 'b.md'), '# Page B\n\n## Pace and budget\n\n## `npm start`: the binary\n')
    writeFileSync(
      join(dir, 'docs', 'a.md'),
      [
        '# A',
        '[fine](b.md#pace-and-budget) [also](b.md#npm-start-the-binary) [self](#a) [web](https://example.com/x)',
        '[gone](c.md) [no anchor](b.md#pace) [out](../../etc/passwd)',
        '`[not a link](nowhere.md)`',
        '```',
        '[also not](nowhere.md)',
        '```',
        '<img src="missing.png" alt="">',
      ].join('\n'),
    )
    expect(brokenLinks(dir, 'docs/a.md').map((l) => [l.line, l.target])).toEqual([
      [3, 'c.md'],
      [3, 'b.md#pace'],
      [3, '../../etc/passwd'],
      [8, 'missing.png'],
    ])
  })

  it('gives headings the ids GitHub gives them', () => {
    const ids = headingIds(
      '# Title\n## Security and privacy: what is stored where\n## Title\n```\n# not a heading\n```',
    )
    expect([...ids]).toEqual(['title', 'security-and-privacy-what-is-stored-where', 'title-1'])
  })
})
