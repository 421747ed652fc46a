/**
 * Handlers of the per-chat commands. Each finds the chat, routes to its source's adapter when the source
 * can do the action itself, and applies the adapter's answer to the store at once. On failure nothing
 * local changes and the caller gets the typed error. "Assign to me" assigns to the command's caller: its
 * `actor` (on the team hub, the token's agent), else this machine's user (the source's `me()`).
 */
import type { Chat } from '../../../shared/chat'
import { CommandFailure } from '../../../shared/protocol'
import type { AdapterRegistry, SourceAdapter } from './adapters'
import type { Actor, Dispatcher } from './dispatcher'
import { type NextShiftStart, snoozeUntil } from './snooze-time'
import type { ChatStore } from './store'
import type { LocalTeam } from './team-local'

/** What the chat commands need. */
export interface ChatCommandDeps {
  store: ChatStore
  adapters: AdapterRegistry
  now: () => number
  /** Where `chat.open` is noted (presence: "Leo opened it 1 min ago"). */
  team?: LocalTeam
  nextShiftStart?: NextShiftStart
}

/** Registers chat.snooze/unsnooze/open/assign/status/read and sources.refresh. */
export function registerChatCommands(dispatcher: Dispatcher, deps: ChatCommandDeps): void {
  const { store, adapters, now } = deps

  const find = (key: string): { chat: Chat; adapter: SourceAdapter | undefined } => {
    const chat = store.get(key)
    if (!chat) throw new CommandFailure('not_found', `no chat "${key}"`)
    return { chat, adapter: adapters.get(chat.source) }
  }
  const applied = (key: string, fallback: Chat): { chat: Chat } => ({ chat: store.get(key) ?? fallback })

  const snooze = async (key: string, until: number | null, untilReplyAfter: number | null = null) => {
    const { chat, adapter } = find(key)
    if (adapter?.identity.capabilities.serverSnooze && adapter.snooze) {
      const updated = await adapter.snooze(chat, until)
      store.apply(updated, { force: true })
    }
    store.setOverlay(key, { snoozedUntil: until, untilReplyAfter })
    return applied(key, chat)
  }

  dispatcher.register('chat.snooze', async ({ key, until, preset }) => {
    const at = until ?? snoozeUntil(preset ?? '15m', now(), deps.nextShiftStart)
    if (at <= now()) throw new CommandFailure('invalid_params', 'chat.snooze: "until" must be in the future')
    if (preset !== 'until-reply') return snooze(key, at)
    // Only a source that tells when the customer last wrote can end a snooze on the reply.
    const replyMark = find(key).chat.lastCustomerMessageAt
    if (replyMark === undefined || replyMark === null)
      throw new CommandFailure('unsupported', 'chat.snooze: this source does not tell when the customer replies')
    return snooze(key, at, replyMark)
  })

  dispatcher.register('chat.unsnooze', ({ key }) => snooze(key, null))

  dispatcher.register('chat.open', ({ key }) => {
    const { chat, adapter } = find(key)
    const url = adapter?.webUrl?.(chat) ?? chat.webUrl
    if (!url) throw new CommandFailure('not_configured', `no web address is configured for ${chat.source} chats yet`)
    deps.team?.noteOpened(key, now())
    return { url }
  })

  const action =
    (verb: 'assign' | 'setStatus', label: string) =>
    async (key: string, run: (adapter: SourceAdapter, chat: Chat) => Promise<Chat> | undefined) => {
      const { chat, adapter } = find(key)
      const capable =
        verb === 'assign' ? adapter?.identity.capabilities.assign : adapter?.identity.capabilities.setStatus
      const pending = adapter && capable ? run(adapter, chat) : undefined
      if (!pending) throw new CommandFailure('unsupported', `${chat.source} chats cannot be ${label} from here`)
      store.apply(await pending, { force: true })
      return applied(key, chat)
    }

  dispatcher.register('chat.assign', ({ key, unassign }, { actor }) =>
    unassign
      ? action('assign', 'unassigned')(key, (a, c) => a.unassign?.(c))
      : action('assign', 'assigned')(key, (a, c) => a.assign?.(c, callerAt(a, actor))),
  )
  /** The caller's id at the adapter's source; not_configured when they have none there. */
  const callerAt = (adapter: SourceAdapter, actor: Actor | undefined): string => {
    const { id, label } = adapter.identity
    const me = actor ? (actor.me[id] ?? null) : (adapter.me?.() ?? null)
    if (me !== null) return me
    throw new CommandFailure(
      'not_configured',
      actor
        ? `the team hub's tokens file names no ${label} id for ${actor.name}`
        : `choose who you are at ${label} in settings first`,
    )
  }
  // A desktop following a hub claims through it (its proxy's `claim`: compare-and-set across the team); alone, a
  // claim is an assign to "me" (nobody else to race). The team hub replaces this handler with its own.
  dispatcher.register('chat.claim', async ({ key, version }, { actor }) => {
    const { chat, adapter } = find(key)
    if (adapter?.claim) {
      store.apply(await adapter.claim(chat, version), { force: true })
      return applied(key, chat)
    }
    return action('assign', 'assigned')(key, (a, c) => a.assign?.(c, callerAt(a, actor)))
  })
  dispatcher.register('chat.status', ({ key, status }) =>
    action('setStatus', 'given a status')(key, (a, c) => a.setStatus?.(c, status)),
  )

  dispatcher.register('chat.read', async ({ key }) => {
    const { chat, adapter } = find(key)
    if (adapter?.identity.capabilities.markRead && adapter.markRead)
      store.apply(await adapter.markRead(chat), { force: true })
    store.setOverlay(key, { readAtVersion: (store.get(key) ?? chat).updatedAt })
    return applied(key, chat)
  })

  dispatcher.register('sources.refresh', async ({ source }) => {
    const targets = adapters.all().filter((a) => (source ? a.identity.id === source : true) && a.refresh)
    if (source && targets.length === 0) throw new CommandFailure('not_found', `no refreshable source "${source}"`)
    await Promise.all(targets.map((a) => a.refresh?.()))
    return { refreshed: targets.map((a) => a.identity.id) }
  })
}
