import { describe, expect, it } from 'vitest'
import { escapeMarkup, MAX_BODY, MAX_TITLE, toastText, truncate } from './toast-text'

describe('toast text', () => {
  it('escapes the markup characters', () => {
    expect(escapeMarkup(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    )
  })

  it('cuts long text at a word with an ellipsis, never inside a surrogate pair', () => {
    expect(truncate('short', 10)).toBe('short')
    expect(truncate('one two three four five', 16)).toBe('one two three…')
    const emoji = truncate('😀'.repeat(20), 5)
    expect(Array.from(emoji)).toHaveLength(5)
    expect(emoji.endsWith('…')).toBe(true)
    expect(truncate('  many\n\nlines   here ', 40)).toBe('many lines here')
  })

  it('escapes only Linux bodies (titles are plain text everywhere)', () => {
    expect(toastText('A & B', 'x < y', 'linux')).toEqual({ title: 'A & B', body: 'x &lt; y' })
    expect(toastText('A & B', 'x < y', 'darwin')).toEqual({ title: 'A & B', body: 'x < y' })
    const long = toastText('t'.repeat(200), 'b'.repeat(1000), 'win32')
    expect(long.title.length).toBe(MAX_TITLE)
    expect(long.body.length).toBe(MAX_BODY)
  })
})
