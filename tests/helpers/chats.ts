/** Builders for test chats. */
import { type Chat, chatKey } from '../../shared/chat'

/** A valid waiting chat; override any field. `key` follows `source`/`sourceId` unless given. */
export function makeChat(overrides: Partial<Chat> = {}): Chat {
  const source = overrides.source ?? 'deskdirector'
  const sourceId = overrides.sourceId ?? '1530162945-9852'
  return {
    key: chatKey(source, sourceId),
    source,
    sourceId,
    state: 'waiting',
    rawStatus: 'created',
    title: 'Chat Request from Liam Tait at DeskDirector',
    customer: { name: 'Liam Tait', email: null, company: 'DeskDirector', phone: null },
    assignee: null,
    department: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    lastMessageAt: null,
    lastMessageText: null,
    snoozedUntil: null,
    unread: true,
    callback: null,
    ticketRef: null,
    webUrl: null,
    ...overrides,
  }
}
