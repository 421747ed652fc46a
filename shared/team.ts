/**
 * Pure team-layer words and sums both sides use (docs/team.md): how long ago in plain, locale-free words, the
 * `conflict` message, and the "while you were away" summary. No clock is read here: every caller passes `now`.
 */
import { type Chat, type ChatClaim, needsAttention } from './chat'
import type { AwayReason, AwaySummary } from './protocol/team'

/** "4 s", "2 min", "3 h": how long ago `since` was at `now`, in whole units (never negative). */
export function agoText(since: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - since) / 1000))
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`
  return `${Math.floor(seconds / 3600)} h`
}

/** The plain words of a lost claim: "Mia took it 4 s ago". */
export function conflictText(claim: ChatClaim, now: number): string {
  return `${claim.agent} took it ${agoText(claim.since, now)} ago`
}

/** Names joined for a sentence: "Mia", "Mia and Leo", "Mia, Leo and Ana". */
export function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** Who took a chat: its claim's agent, else its assignee's name (or id); null when nobody has it. */
export function takenBy(chat: Pick<Chat, 'claim' | 'assignee'>): string | null {
  if (chat.claim) return chat.claim.agent
  if (chat.assignee) return chat.assignee.name ?? chat.assignee.id
  return null
}

/** When a chat started needing attention, as far as its record tells (creation, else its version). */
function arrivedAt(chat: Chat): number {
  return chat.escalation?.since ?? chat.createdAt ?? chat.updatedAt
}

/**
 * "While you were away" over the chats held now: those that arrived in [from, to) and needed attention (or
 * still do), how many someone took and who, and which still wait with nobody on them. Null when nothing arrived.
 */
export function awaySummary(
  chats: Iterable<Chat>,
  span: { from: number; to: number; reason: AwayReason },
): AwaySummary | null {
  let arrived = 0
  const takers: string[] = []
  let taken = 0
  const stillWaiting: string[] = []
  for (const chat of chats) {
    const at = arrivedAt(chat)
    if (at < span.from || at >= span.to) continue
    const who = takenBy(chat)
    if (!needsAttention(chat) && who === null) continue // answered or closed without a name: not news
    arrived++
    if (who !== null) {
      taken++
      if (!takers.includes(who)) takers.push(who)
    } else stillWaiting.push(chat.key)
  }
  if (arrived === 0) return null
  const parts = [`${arrived} arrived`]
  if (taken > 0) parts.push(`${taken} taken by ${namesText(takers)}`)
  if (stillWaiting.length > 0) parts.push(`${stillWaiting.length} still waiting`)
  return { ...span, arrived, taken, takenBy: takers, stillWaiting, text: parts.join(' · ') }
}
