/**
 * The one result line of the list: after a snooze, a bulk action, an unassign or a copy it says what happened
 * in one sentence, with Undo (`z`) and, when part of a bulk action failed, Retry for the rest. An offer either
 * reverts something already done (`undo`) or holds back something not yet sent (`commit` runs when the offer
 * goes away without Undo). A new offer settles the previous one first.
 */
import { create } from 'zustand'

/** How long an Undo stays on offer. */
export const UNDO_MS = 8_000

/** One offer. */
export interface UndoOffer {
  id: number
  message: string
  /** Reverts the action (or simply drops the held-back one); absent for a plain notice ("Copied …"). */
  undo?(): unknown
  /** Sends the held-back action; absent when the action already happened. */
  commit?(): unknown
  /** Runs the failed part again ("Retry 2"). */
  retry?: { label: string; run(): unknown }
  /** The row to give focus to once Undo has run (the chat that comes back). */
  focusKey?: string
  /** A failure stays until dismissed (it is not a passing notice). */
  sticky?: boolean
}

/** Undo state. */
export interface UndoState {
  offer: UndoOffer | null
  /** Offers an undo; the previous offer is committed. */
  offerUndo(offer: Omit<UndoOffer, 'id'>): void
  /** Shows a short notice in the same place (no Undo). */
  notify(message: string): void
  /** Runs the current offer's undo; resolves with the row to focus, if any. */
  undo(): Promise<string | null>
  /** The offer expired or was dismissed: commit it if it held something back. */
  settle(): void
  /** Drops any offer without committing (tests, new runtime). */
  clear(): void
}

let nextId = 1

/** The undo store. */
export const useUndo = create<UndoState>((set, get) => ({
  offer: null,
  offerUndo(offer) {
    get().settle()
    set({ offer: { ...offer, id: nextId++ } })
  },
  notify(message) {
    get().offerUndo({ message })
  },
  async undo() {
    const { offer } = get()
    if (!offer?.undo) return null
    set({ offer: null })
    await offer.undo()
    return offer.focusKey ?? null
  },
  settle() {
    const { offer } = get()
    set({ offer: null })
    if (offer?.commit) void offer.commit()
  },
  clear: () => set({ offer: null }),
}))
