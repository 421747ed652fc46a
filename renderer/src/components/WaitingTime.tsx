/**
 * A live "waiting for" label. It turns amber past the still-waiting threshold and red past twice it, with
 * the words said too (not colour alone). The labels follow the panel clock through ONE subscription that
 * writes the few changed texts straight into the DOM: a thousand rows with a clock subscription each cost
 * more to mount than the rows themselves, and re-rendering a thousand components every second is waste.
 * Every render writes its label from the current clock, so React and the direct writes never disagree.
 */
import { elapsed } from '../lib/format'
import { useClock } from '../stores/ui-store'

/** How urgent a wait of `ms` is against the still-waiting threshold. */
export function urgency(ms: number, thresholdMs: number): 'calm' | 'late' | 'overdue' {
  if (ms >= 2 * thresholdMs) return 'overdue'
  return ms >= thresholdMs ? 'late' : 'calm'
}

interface Label {
  since: number
  thresholdMs: number
}

/** The mounted labels. */
const labels = new Map<HTMLElement, Label>()
let unsubscribe: (() => void) | null = null

const className = (level: string) => `waiting-time wait-${level}`
const longWait = (level: string) => (level === 'overdue' ? ', long wait' : '')

function paint(el: HTMLElement, { since, thresholdMs }: Label, now: number): void {
  const level = urgency(now - since, thresholdMs)
  const text = elapsed(now - since)
  const time = el.children[1]
  const note = el.children[2]
  if (el.className !== className(level)) el.className = className(level)
  if (time && time.textContent !== text) time.textContent = text
  if (note && note.textContent !== longWait(level)) note.textContent = longWait(level)
}

/** Follows the clock from now on; repaints at once if it ticked between the render (at `renderedAt`) and now. */
function track(el: HTMLElement, label: Label, renderedAt: number): () => void {
  labels.set(el, label)
  const now = useClock.getState().now
  if (now !== renderedAt) paint(el, label, now)
  unsubscribe ??= useClock.subscribe(({ now }) => {
    for (const [node, l] of labels) paint(node, l, now)
  })
  return () => {
    labels.delete(el)
    if (labels.size === 0) {
      unsubscribe?.()
      unsubscribe = null
    }
  }
}

/** What the label shows. */
export interface WaitingTimeProps {
  since: number | null
  thresholdMs: number
  id?: string
}

/** Time since `since` (epoch ms), updated by the panel clock. */
export function WaitingTime(props: WaitingTimeProps) {
  return waitingTime(props)
}

/** The label's element, for callers that render a thousand (a plain call costs no component instance). */
export function waitingTime({ since, thresholdMs, id }: WaitingTimeProps) {
  if (since === null) return null
  const now = useClock.getState().now
  const level = urgency(now - since, thresholdMs)
  return (
    <time
      id={id}
      className={className(level)}
      dateTime={new Date(since).toISOString()}
      ref={(el) => (el ? track(el, { since, thresholdMs }, now) : undefined)}
    >
      <span className="visually-hidden">waiting for </span>
      <span>{elapsed(now - since)}</span>
      <span className="visually-hidden">{longWait(level)}</span>
    </time>
  )
}
