/**
 * Snoozing from the list: the row leaves its group, so focus moves on to its neighbour, and an Undo is
 * offered ("Snoozed Hana until 15:05"). Bulk snoozes and bulk mark-read work the same way per group.
 */
import type { SnoozePreset } from '../../../shared/alert'
import { useUi } from '../stores/ui-store'
import { useUndo } from '../stores/undo-store'
import { markChatRead, snoozeChat, unsnoozeChat } from './actions'
import { endsAt } from './when'

/** The row after (or else before) `key` in the page, for focus to land on when `key` moves away. */
export function neighbourOf(key: string): string | null {
  const keys = [...document.querySelectorAll<HTMLElement>('.chat-row[data-key]')].map((el) => el.dataset.key ?? '')
  const index = keys.indexOf(key)
  if (index < 0) return null
  return keys[index + 1] ?? keys[index - 1] ?? null
}

function focusRow(key: string | null): void {
  if (!key) return
  useUi.getState().select(key)
  document.querySelector<HTMLElement>(`.chat-row[data-key="${CSS.escape(key)}"]`)?.focus()
}

/** Snoozes one chat, moves focus to its neighbour and offers Undo. */
export async function snoozeWithUndo(key: string, name: string, when: SnoozePreset | number, until: number) {
  const next = neighbourOf(key)
  const outcome = await snoozeChat(key, when)
  if (!outcome.ok) return outcome
  if (document.activeElement === document.body || !document.activeElement) focusRow(next)
  useUndo.getState().offerUndo({
    message: `Snoozed ${name} until ${endsAt(until, Date.now())}`,
    undo: () => unsnoozeChat(key),
  })
  return outcome
}

/** Snoozes every chat of a group; Undo unsnoozes the ones that were snoozed. */
export async function snoozeAll(keys: readonly string[], label: string, when: SnoozePreset | number, until: number) {
  const outcomes = await Promise.all(keys.map((key) => snoozeChat(key, when)))
  const done = keys.filter((_, i) => outcomes[i]?.ok)
  if (done.length === 0) return
  useUndo.getState().offerUndo({
    message: `Snoozed ${done.length} ${label} until ${endsAt(until, Date.now())}`,
    undo: () => Promise.all(done.map((key) => unsnoozeChat(key))),
  })
}

/** Marks every chat of a group read once the Undo window passes (there is no "mark unread" to undo with). */
export function markAllRead(keys: readonly string[], label: string) {
  useUndo.getState().offerUndo({
    message: `Marking ${keys.length} ${label} read`,
    undo: () => {},
    commit: () => Promise.all(keys.map((key) => markChatRead(key))),
  })
}
