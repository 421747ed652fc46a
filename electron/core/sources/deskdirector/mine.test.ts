import { describe, expect, it } from 'vitest'
import { type Chat, isMineAt } from '../../../../shared/chat'
import { deskDirectorSeed } from '../../../../tests/helpers/seeds'
import type { AdapterContext } from '../../engine/adapters'
import { silentLogger } from '../../engine/log'
import { createDeskDirectorAdapter } from './adapter'
import { deskDirectorToChat } from './transform'

const ME = 'nzlancomdev~m~268'
const context: AdapterContext = {
  ingest: () => 0,
  remove: () => {},
  get: () => undefined,
  held: () => undefined,
  chats: () => [],
  noteUnreadable: () => {},
  observeClock: () => {},
  senderNow: () => 0,
  reportStatus: () => {},
  log: silentLogger,
}
const adapter = (me: string | null) =>
  createDeskDirectorAdapter({
    context,
    secrets: () => [],
    allowUnsigned: () => false,
    baseUrl: () => null,
    now: () => 0,
    me: () => me,
  })

function chatOf(session: Record<string, unknown>): Chat {
  const result = deskDirectorToChat({ ...deskDirectorSeed()[0], ...session })
  if (!result.ok) throw new Error(result.error)
  return result.chat
}

/** Whether the chat is mine, by the engine's one rule, with the DeskDirector adapter's "me". */
const mineFor = (me: string | null, chat: Chat) => isMineAt(chat, adapter(me).me?.() ?? null)

describe('DeskDirector "me" (the tech\'s userId)', () => {
  const tech = { name: 'Tech', userId: ME, entityId: 268 }
  const other = { name: 'Other', userId: 'nzlancomdev~m~11', entityId: 11 }

  it('a chat is mine when I am its active member', () => {
    expect(mineFor(ME, chatOf({ users: [tech] }))).toBe(true)
    expect(mineFor(ME, chatOf({ users: [other] }))).toBe(false)
    expect(mineFor(null, chatOf({ users: [tech] }))).toBe(false)
  })

  it('a push chat whose targetUsers include me is mine before I join; a request is not', () => {
    const push = chatOf({ type: 'push', status: 'created', users: [], targetUsers: [tech] })
    expect(push.invited).toEqual([ME])
    expect(mineFor(ME, push)).toBe(true)
    const request = chatOf({ type: 'request', status: 'created', users: [], targetUsers: [tech] })
    expect(request.invited).toBeUndefined()
    expect(mineFor(ME, request)).toBe(false)
  })

  it('contacts in targetUsers are not invited agents', () => {
    const contact = { name: 'Client', userId: 'nzlancomdev~c~11220', entityId: 11220 }
    expect(chatOf({ type: 'push', users: [], targetUsers: [contact] }).invited).toBeUndefined()
  })
})
