/**
 * Collision chips (issue 21, docs/team.md): who else is on a chat, in the words every surface shows — the
 * panel's rows, its alerts feed and the OS toasts: "Mia is on it · 20 s" (a claim), "Leo opened it 1 min ago" (an
 * agent who opened it at the help desk lately), each with a longer text for screen readers. Times in the team's
 * one locale-free format (`agoText`, the same as the `conflict` message's). Pure: every caller passes `now`.
 */
import type { Chat } from './chat'
import { type AgentPresence, OPEN_CHAT_MS } from './protocol/team'
import { agoText } from './team'

/** One chip: a claim by someone else, my own claim, or someone who opened the chat. */
export interface CollisionChip {
  kind: 'claim' | 'mine' | 'open'
  agent: string
  since: number
  /** "Mia is on it · 20 s". */
  text: string
  /** "Mia is on it, claimed 20 seconds ago". */
  spoken: string
}

/** Chips of one kind shown at most: the rest are counted ("+2 more"). */
const MAX_OPEN_CHIPS = 2

/** "4 seconds", "1 minute", "3 hours": `agoText` spelled out for a screen reader. */
export function agoSpoken(since: number, now: number): string {
  const [count = '0', unit = 's'] = agoText(since, now).split(' ')
  const word = { s: 'second', min: 'minute', h: 'hour' }[unit] ?? unit
  return `${count} ${word}${count === '1' ? '' : 's'}`
}

/**
 * The chips of `chat` for the agent named `me` (null: not following a hub), at `now`: its claim first, then up
 * to two teammates who opened it in the last `OPEN_CHAT_MS` (not the claimer, not me, not stale or offline).
 */
export function collisionChips(
  chat: Pick<Chat, 'key' | 'claim'>,
  presence: readonly AgentPresence[],
  me: string | null,
  now: number,
): CollisionChip[] {
  const chips: CollisionChip[] = []
  const claim = chat.claim
  if (claim) {
    const ago = agoText(claim.since, now)
    const spoken = agoSpoken(claim.since, now)
    chips.push(
      claim.agent === me
        ? {
            kind: 'mine',
            agent: claim.agent,
            since: claim.since,
            text: `You are on it · ${ago}`,
            spoken: `You claimed it ${spoken} ago`,
          }
        : {
            kind: 'claim',
            agent: claim.agent,
            since: claim.since,
            text: `${claim.agent} is on it · ${ago}`,
            spoken: `${claim.agent} is on it, claimed ${spoken} ago`,
          },
    )
  }
  const openers = presence
    .filter((agent) => agent.online && !agent.stale && agent.name !== me && agent.name !== claim?.agent)
    .flatMap((agent) =>
      agent.openChat?.key === chat.key && now - agent.openChat.at < OPEN_CHAT_MS
        ? [{ agent: agent.name, since: agent.openChat.at }]
        : [],
    )
    .sort((a, b) => b.since - a.since || a.agent.localeCompare(b.agent, 'en'))
  for (const { agent, since } of openers.slice(0, MAX_OPEN_CHIPS))
    chips.push({
      kind: 'open',
      agent,
      since,
      text: `${agent} opened it ${agoText(since, now)} ago`,
      spoken: `${agent} opened it at the help desk ${agoSpoken(since, now)} ago`,
    })
  const more = openers.length - MAX_OPEN_CHIPS
  if (more > 0) {
    const names = openers.slice(MAX_OPEN_CHIPS).map((o) => o.agent)
    chips.push({
      kind: 'open',
      agent: names.join(', '),
      since: now,
      text: `+${more} more`,
      spoken: `also opened by ${names.join(', ')}`,
    })
  }
  return chips
}

/** The chips as one line (a toast's, an alert's): "Mia is on it · 20 s · Leo opened it 1 min ago". */
export function collisionLine(chips: readonly CollisionChip[]): string {
  return chips.map((chip) => chip.text).join(' · ')
}
