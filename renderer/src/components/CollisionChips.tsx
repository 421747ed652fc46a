/**
 * Who else is on a chat, on its row and its alerts-feed entry: "Mia is on it · 20 s", "Leo opened it 1 min ago"
 * (shared/collision.ts). Shown only when following a team hub. Follows the panel clock with a string selector,
 * so it renders only when its words change; a screen reader hears the longer text.
 */
import type { Chat } from '../../../shared/chat'
import { collisionChips } from '../../../shared/collision'
import { usePanelStore } from '../stores/panel-store'
import { useClock } from '../stores/ui-store'

/** Props: the chat and the element id the row's label refers to. */
export interface CollisionChipsProps {
  chat: Pick<Chat, 'key' | 'claim'>
  id: string
}

const EMPTY: never[] = []

/** The chips (nothing when nobody else is on the chat, or without a hub). */
export function CollisionChips({ chat, id }: CollisionChipsProps) {
  const presence = usePanelStore((s) => s.team?.presence ?? EMPTY)
  const me = usePanelStore((s) => s.team?.agent ?? null)
  const shown = useClock((s) =>
    collisionChips(chat, presence, me, s.now)
      .map((chip) => `${chip.kind}\t${chip.text}\t${chip.spoken}`)
      .join('\n'),
  )
  if (!shown) return <span id={id} className="collision-chips" />
  return (
    <span id={id} className="collision-chips">
      {shown.split('\n').map((line) => {
        const [kind, text, spoken] = line.split('\t')
        return (
          <span key={line} className={`collision-chip chip-${kind}`}>
            <span aria-hidden="true">{text}</span>
            <span className="visually-hidden">, {spoken}</span>
          </span>
        )
      })}
    </span>
  )
}
