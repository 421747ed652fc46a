import { describe, expect, it } from 'vitest'
import { makeChat as chat } from '../../tests/helpers/chats'
import { boundChat, boundedChatSchema, MAX_TEXT, truncateText } from './bounds'

describe('chat bounds', () => {
  it('truncates long text, keeps short chats as the same object', () => {
    const short = chat({})
    expect(boundChat(short)).toEqual({ ok: true, chat: short })
    const long = chat({ title: 't'.repeat(20_000), lastMessageText: 'm'.repeat(MAX_TEXT + 1) })
    const bounded = boundChat(long)
    expect(bounded.ok && bounded.chat.title.length).toBe(MAX_TEXT)
    expect(bounded.ok && bounded.chat.lastMessageText?.endsWith('…')).toBe(true)
    // What ingest keeps is what the reload schema reads back unchanged.
    expect(bounded.ok && boundedChatSchema.parse(JSON.parse(JSON.stringify(bounded.chat)))).toEqual(
      bounded.ok && bounded.chat,
    )
  })

  it('refuses an over-long id or key instead of cutting it (it names the chat)', () => {
    expect(boundChat(chat({ sourceId: 'x'.repeat(201) }))).toMatchObject({ ok: false, error: /"id": longer than 200/ })
    expect(boundChat(chat({ assignee: { id: 'a'.repeat(300), name: null, email: null } }))).toMatchObject({
      ok: false,
      error: /assignee\.id/,
    })
  })

  it('never splits a surrogate pair', () => {
    const cut = truncateText(`${'a'.repeat(8)}😀😀`, 10)
    expect(cut).toBe(`${'a'.repeat(8)}…`)
  })
})
