/**
 * `chat.claim` on the hub (docs/team.md, "Claims"): compare-and-set in the team store, first wins; the second
 * hears `conflict` in plain words and nothing is sent to the help desk twice. Where the chat's source can assign,
 * the winner's claim assigns it there to them (their `me`); where it cannot, the hub keeps the claim. The claim is
 * published before the help desk is asked, so every desktop stops ringing at once; a refused assign releases it.
 */
import { type Chat, needsAttention } from '../../../shared/chat'
import { type CommandError, CommandFailure } from '../../../shared/protocol'
import { conflictText } from '../../../shared/team'
import type { Actor, CommandHandler } from '../../core/engine/dispatcher'
import type { Engine } from '../../core/engine/engine'
import type { TeamStore } from './team-store'

/** A `conflict` failure carrying the claim that won. */
function conflict(message: string, claim?: NonNullable<CommandError['claim']>): CommandFailure {
  const failure = new CommandFailure('conflict', message)
  if (claim) failure.claim = claim
  return failure
}

/** Why a claim on a version older than the hub's cannot go through, or null when it still can. */
function changedSince(chat: Chat, actor: Actor): string | null {
  if (!needsAttention(chat)) return 'it is no longer waiting'
  const mine = actor.me[chat.source] ?? null
  if (chat.assignee && chat.assignee.id !== mine)
    return `${chat.assignee.name ?? 'another agent'} has it at the help desk now`
  return null
}

/** The hub's `chat.claim` handler; `published(key)` sends the chat (stamped with its claim) to every desktop. */
export function claimHandler(deps: {
  engine: Pick<Engine, 'store' | 'adapters' | 'now' | 'log'>
  store: TeamStore
  published(key: string): void
  /** The chat as desktops see it (claim and escalation stamped). */
  stamp(chat: Chat): Chat
}): CommandHandler<'chat.claim'> {
  const { engine, store } = deps
  return async ({ key, version }, { actor }) => {
    if (!actor) throw new CommandFailure('unsupported', 'chat.claim on the team hub is for an agent (a token)')
    const chat = engine.store.get(key)
    if (!chat) throw new CommandFailure('not_found', `no chat "${key}"`)
    const held = store.claimOf(key)
    if (held && held.agent === actor.name) return { chat: deps.stamp(chat) }
    if (held) throw conflict(conflictText(held, engine.now()), held)
    if (chat.updatedAt > version) {
      const why = changedSince(chat, actor)
      if (why) throw conflict(why)
    }
    const attempt = await store.claim(key, { agent: actor.name, since: engine.now() })
    if (!attempt.ok) throw conflict(conflictText(attempt.held, engine.now()), attempt.held)
    deps.published(key)
    const adapter = engine.adapters.get(chat.source)
    const me = actor.me[chat.source] ?? null
    const current = engine.store.get(key) ?? chat
    if (adapter?.identity.capabilities.assign && adapter.assign && me !== null && current.assignee?.id !== me) {
      try {
        engine.store.apply(await adapter.assign(current, me), { force: true })
      } catch (error) {
        await store.release(key, actor.name)
        deps.published(key)
        throw error
      }
    }
    return { chat: deps.stamp(engine.store.get(key) ?? chat) }
  }
}
