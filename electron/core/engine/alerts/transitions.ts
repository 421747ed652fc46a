/**
 * Which alertable transitions a store change contains (pure). A transition is keyed by chat, kind and
 * episode: the moment the chat entered the state (or got assigned), so a duplicate or re-ordered delivery of
 * the same episode maps to the same key and is alerted once. For a chat first seen in this run (after a
 * restart) the episode is the latest one the journal remembers, if any, so a restart repeats nothing.
 */
import type { AlertKind } from '../../../../shared/alert'
import { type Chat, isOpen, NEEDS_ATTENTION, type UnifiedState } from '../../../../shared/chat'

/** Kinds raised by a chat entering a state (or an assignee), as opposed to timers. */
export type EntryKind = Extract<AlertKind, 'new' | 'missed' | 'callback' | 'assigned-to-me'>

/** One alertable transition. */
export interface Transition {
  kind: EntryKind
  chat: Chat
  episode: number
}

/** What detection needs to know besides the change. */
export interface TransitionContext {
  /** True when the chat is the user's at its own help desk (each source knows its own "me"). */
  isMine(chat: Chat): boolean
  /** Latest journaled episode of (chat, kind). */
  recordedEpisode(chatKey: string, kind: EntryKind): number | undefined
}

const STATE_KINDS: readonly [UnifiedState, EntryKind][] = [
  ['waiting', 'new'],
  ['missed', 'missed'],
  ['callback', 'callback'],
]

/** The stable key of a transition (also the id of its alert). */
export function transitionId(chatKey: string, kind: AlertKind, episode: number, repeat?: number): string {
  return repeat === undefined ? `${chatKey}|${kind}|${episode}` : `${chatKey}|${kind}|${episode}|${repeat}`
}

/** Episode of a first-seen chat: the journal's latest, else creation (for `new`) or this version. */
function firstSeenEpisode(chat: Chat, kind: EntryKind, ctx: TransitionContext): number {
  const recorded = ctx.recordedEpisode(chat.key, kind)
  if (recorded !== undefined) return recorded
  return kind === 'new' ? (chat.createdAt ?? chat.updatedAt) : chat.updatedAt
}

const NONE: readonly Transition[] = []

/** Transitions in a change from `previous` (undefined = first seen) to `chat`. */
export function detectTransitions(
  chat: Chat,
  previous: Chat | undefined,
  ctx: TransitionContext,
): readonly Transition[] {
  const mine = ctx.isMine(chat)
  if (!NEEDS_ATTENTION.has(chat.state) && !mine) return NONE
  const out: Transition[] = []
  for (const [state, kind] of STATE_KINDS) {
    if (chat.state !== state || previous?.state === state) continue
    out.push({ kind, chat, episode: previous ? chat.updatedAt : firstSeenEpisode(chat, kind, ctx) })
  }
  if (mine && isOpen(chat) && !(previous && ctx.isMine(previous))) {
    const kind = 'assigned-to-me'
    out.push({ kind, chat, episode: previous ? chat.updatedAt : firstSeenEpisode(chat, kind, ctx) })
  }
  return out
}

/** When a chat in `waiting` started waiting: the `new` episode. */
export function waitingSince(chat: Chat, previous: Chat | undefined, ctx: TransitionContext): number {
  return previous ? chat.updatedAt : firstSeenEpisode(chat, 'new', ctx)
}

/** Due time of still-waiting reminder `n` (1-based). */
export function reminderDue(since: number, n: number, afterSeconds: number, everySeconds: number): number {
  return since + afterSeconds * 1000 + (n - 1) * everySeconds * 1000
}

/** The reminder to schedule next for a chat waiting since `since`: the latest already due, else the first. */
export function currentReminder(since: number, now: number, afterSeconds: number, everySeconds: number): number {
  const first = since + afterSeconds * 1000
  if (now < first) return 1
  return Math.floor((now - first) / (everySeconds * 1000)) + 1
}
