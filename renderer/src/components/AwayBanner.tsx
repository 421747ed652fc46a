/**
 * "While you were away" (issue 21, `team.away`): after a resume, an unlock, the end of do-not-disturb or a
 * reconnect, one line says what happened — "3 arrived · 2 taken by Mia and Leo · 1 still waiting" — with Take
 * for the longest-waiting chat nobody has yet. The still-waiting count follows the chats as they are now (a chat
 * a teammate takes meanwhile leaves it). Keyboard: its buttons are in the tab order; Escape inside dismisses it.
 * The words are announced once, politely; focus is never moved.
 */
import { type Chat, needsAttention } from '../../../shared/chat'
import { namesText } from '../../../shared/team'
import { takeChat } from '../lib/actions'
import { usePanelStore } from '../stores/panel-store'
import { customerName } from './ChatRow'
import './chrome/desktop-banner.css'

/** Still waiting now with nobody on it. */
const unattended = (chat: Chat | undefined): chat is Chat =>
  !!chat && needsAttention(chat) && !chat.claim && !chat.assignee

/** The banner (nothing when there is no summary). */
export function AwayBanner() {
  const away = usePanelStore((s) => s.away)
  const chats = usePanelStore((s) => s.chats)
  const dismiss = usePanelStore((s) => s.dismissAway)
  if (!away) return null
  const waiting = away.stillWaiting.map((key) => chats[key]).filter(unattended)
  const first = waiting[0]
  const parts = [`${away.arrived} arrived`]
  if (away.taken > 0) parts.push(`${away.taken} taken by ${namesText(away.takenBy)}`)
  parts.push(waiting.length > 0 ? `${waiting.length} still waiting` : 'none still waiting')
  return (
    <section
      className="desktop-banner away-banner"
      aria-labelledby="away-banner-title"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        e.stopPropagation()
        dismiss()
      }}
    >
      <p>
        <span className="desktop-banner-text" role="status">
          <strong id="away-banner-title">While you were away:</strong> {parts.join(' · ')}
        </span>
        {first ? (
          <button type="button" aria-label={`Take ${customerName(first)}`} onClick={() => void takeChat(first.key)}>
            Take
          </button>
        ) : null}
        <button type="button" className="link" aria-label="Dismiss the away summary" onClick={dismiss}>
          Dismiss
        </button>
      </p>
    </section>
  )
}
