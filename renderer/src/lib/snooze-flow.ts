/**
 * Actions from the list that move rows and offer Undo: a snooze (the row leaves its group at once, focus moves
 * to its neighbour), a bulk snooze or mark-read of a group (sent together, one result), an unassign. Undo puts
 * things back and returns focus to the row.
 */
import type { SnoozePreset } from '../../../shared/alert'
import type { CommandError } from '../../../shared/protocol'
import { usePendingSnoozes } from '../stores/bulk-store'
import { useUi } from '../stores/ui-store'
import { useUndo } from '../stores/undo-store'
import { assignChat, snoozeChat, unassignChat, unsnoozeChat } from './actions'
import { command } from './bridge'
import { type BulkResult, runBulk } from './bulk'
import { describeFailure } from './failure-text'
import { endsAt } from './time-format'

/** The row after (or else before) `key` in the page, for focus to land on when `key` moves away. */
export function neighbourOf(key: string): string | null {
  const keys = [...document.querySelectorAll<HTMLElement>('.chat-row[data-key]')].map((el) => el.dataset.key ?? '')
  const index = keys.indexOf(key)
  if (index < 0) return null
  return keys[index + 1] ?? keys[index - 1] ?? null
}

/** Selects `key` and gives its row focus (after the render that shows it). */
export function focusRow(key: string | null): void {
  if (!key) return
  useUi.getState().select(key)
  const go = () => document.querySelector<HTMLElement>(`.chat-row[data-key="${CSS.escape(key)}"]`)?.focus()
  go()
  setTimeout(go)
}

const focusLost = () => document.activeElement === document.body || !document.activeElement

/** Snoozes one chat (its row moves at once), moves focus to its neighbour and offers Undo. */
export async function snoozeWithUndo(key: string, name: string, when: SnoozePreset | number, until: number) {
  const next = neighbourOf(key)
  usePendingSnoozes.getState().start([key], until)
  const outcome = await snoozeChat(key, when)
  usePendingSnoozes.getState().settle([key])
  if (!outcome.ok) return outcome
  if (focusLost()) focusRow(next)
  useUndo.getState().offerUndo({
    message: `Snoozed ${name} until ${endsAt(until, Date.now())}`,
    undo: () => unsnoozeChat(key),
    focusKey: key,
  })
  return outcome
}

/** Unassigns my chat and offers Undo (assign it back to me). */
export async function unassignWithUndo(key: string, name: string) {
  const outcome = await unassignChat(key)
  if (!outcome.ok) return outcome
  useUndo.getState().offerUndo({ message: `Unassigned ${name}`, undo: () => assignChat(key), focusKey: key })
  return outcome
}

/** Why some of a bulk action failed, in the panel's words (the first reason; they are usually the same). */
function failureReason(result: BulkResult, action: string): string {
  const first = result.failed[0]
  if (!first) return ''
  const { reason } = describeFailure(action, first.error as CommandError, first.key.slice(0, first.key.indexOf(':')))
  return ` ${reason}`
}

/** Snoozes every chat in `keys` at once (rows move together) and reports one result with Undo and Retry. */
export async function snoozeAll(keys: readonly string[], label: string, when: SnoozePreset | number, until: number) {
  const params = (key: string) => (typeof when === 'number' ? { key, until: when } : { key, preset: when })
  usePendingSnoozes.getState().start(keys, until)
  const result = await runBulk(keys, (key) => command('chat.snooze', params(key)))
  usePendingSnoozes.getState().settle(keys)
  const ends = endsAt(until, Date.now())
  const total = keys.length
  const message =
    result.failed.length === 0
      ? `Snoozed ${total} ${label} until ${ends}`
      : `${result.done.length} of ${total} snoozed until ${ends}.${failureReason(result, 'Snooze')}`
  useUndo.getState().offerUndo({
    message,
    sticky: result.failed.length > 0,
    undo: result.done.length > 0 ? () => unsnoozeAll(result.done, label) : undefined,
    focusKey: result.done[0],
    retry:
      result.failed.length > 0
        ? {
            label: `Retry ${result.failed.length}`,
            run: () =>
              snoozeAll(
                result.failed.map((f) => f.key),
                label,
                when,
                until,
              ),
          }
        : undefined,
  })
  return result
}

/** Unsnoozes `keys` at once (rows come back together) and reports one result. */
export async function unsnoozeAll(keys: readonly string[], label: string) {
  usePendingSnoozes.getState().start(keys, null)
  const result = await runBulk(keys, (key) => command('chat.unsnooze', { key }))
  usePendingSnoozes.getState().settle(keys)
  if (result.failed.length > 0)
    useUndo.getState().offerUndo({
      message: `${result.done.length} of ${keys.length} unsnoozed.${failureReason(result, 'Unsnooze')}`,
      sticky: true,
      retry: {
        label: `Retry ${result.failed.length}`,
        run: () =>
          unsnoozeAll(
            result.failed.map((f) => f.key),
            label,
          ),
      },
    })
  return result
}

/** Marks every chat of a group read once the Undo window passes (there is no "mark unread" to undo with). */
export function markAllRead(keys: readonly string[], label: string) {
  useUndo.getState().offerUndo({
    message: `Marking ${keys.length} ${label} read`,
    undo: () => {},
    commit: async () => {
      const result = await runBulk(keys, (key) => command('chat.read', { key }))
      if (result.failed.length > 0)
        useUndo.getState().offerUndo({
          message: `${result.done.length} of ${keys.length} marked read.${failureReason(result, 'Mark read')}`,
          sticky: true,
          retry: {
            label: `Retry ${result.failed.length}`,
            run: () =>
              markAllRead(
                result.failed.map((f) => f.key),
                label,
              ),
          },
        })
    },
  })
}

/** Runs the current Undo and gives focus back to the row it brought back. */
export async function undoLast(): Promise<void> {
  const key = await useUndo.getState().undo()
  if (key) focusRow(key)
}
