/**
 * The ordering rule of HelpCrunch chat versions (docs/helpcrunch.md, "Ordering: webhooks and polling").
 * The documented chat model has no version field: REST answers carry message times in whole seconds, webhooks
 * carry event times with milliseconds, on HelpCrunch's clock, and neither says when the chat last changed. So:
 *  - a REST answer describes the chat as of the moment its request was **sent** (local clock). It replaces what
 *    is held, except the fields a webhook set after that moment; an answer to a request sent before one already
 *    applied is dropped whole;
 *  - a webhook updates only the fields it carries; among webhooks a field keeps the value of the event HelpCrunch
 *    created last (its own clock). A webhook never makes a later REST answer stale;
 *  - the two clocks are never compared as one number. The version the store orders by (`updatedAt`) is when the
 *    app learnt a change, on the local clock, raised on every change, so "an older version changes nothing"
 *    holds for both paths.
 */
import type { Chat } from '../../../../shared/chat'
import { sameJson } from '../../engine/same-json'

/** Chat fields that a webhook sets together. */
const GROUPS = {
  status: ['state', 'rawStatus'],
  customer: ['customer', 'title'],
  assignee: ['assignee'],
  department: ['department'],
  createdAt: ['createdAt'],
  lastMessageAt: ['lastMessageAt'],
  lastCustomerMessageAt: ['lastCustomerMessageAt'],
  lastMessageText: ['lastMessageText'],
  snoozedUntil: ['snoozedUntil'],
  unread: ['unread'],
} as const satisfies Record<string, readonly (keyof Chat)[]>

/** A set of fields a webhook carries. */
export type FieldGroup = keyof typeof GROUPS

/** Every group, for a chat first known from a webhook. */
export const ALL_GROUPS = Object.keys(GROUPS) as FieldGroup[]

interface Mark {
  /** HelpCrunch's time of the event that set the group (its clock). */
  eventAt: number
  /** When the app received that event (local clock). */
  receivedAt: number
}

interface Marks {
  /** When the request of the last applied REST answer was sent (local clock). */
  snapshotSentAt: number
  fields: Partial<Record<FieldGroup, Mark>>
}

/** Applies the rule for one HelpCrunch connection; one instance is shared by the poller, actions and webhooks. */
export class HelpCrunchOrdering {
  private readonly marks = new Map<string, Marks>()

  /** `held(key)`: the chat as this source last gave it to the store (no local overlays), if any. */
  constructor(private readonly held: (key: string) => Chat | undefined) {}

  /** A REST answer to a request sent at `sentAt` → the version to apply, or null when it changes nothing. */
  snapshot(chat: Chat, sentAt: number): Chat | null {
    const marks = this.marks.get(chat.key)
    if (marks && sentAt < marks.snapshotSentAt) return null
    const held = this.live(chat.key)
    let next = chat
    if (held && marks) {
      const kept: Record<string, unknown> = { ...chat }
      for (const [group, mark] of Object.entries(marks.fields) as [FieldGroup, Mark][])
        if (mark.receivedAt > sentAt) for (const field of GROUPS[group]) kept[field] = held[field]
      next = kept as unknown as Chat
    }
    this.marksOf(chat.key).snapshotSentAt = sentAt
    return versioned(held, next, sentAt)
  }

  /**
   * A webhook received at `receivedAt` about an event HelpCrunch created at `eventAt` → the version to apply, or
   * null. `fields` holds the groups' new values; a chat not held yet takes `fields` whole (it must be complete).
   */
  webhook(key: string, fields: Chat, groups: readonly FieldGroup[], eventAt: number, receivedAt: number): Chat | null {
    const held = this.live(key)
    const marks = this.marksOf(key)
    if (!held) {
      for (const group of ALL_GROUPS) marks.fields[group] = { eventAt, receivedAt }
      return versioned(undefined, fields, receivedAt)
    }
    const next: Record<string, unknown> = { ...held }
    for (const group of groups) {
      const mark = marks.fields[group]
      if (mark && mark.eventAt > eventAt) continue // a later event already set these fields
      for (const field of GROUPS[group]) next[field] = fields[field]
      marks.fields[group] = { eventAt, receivedAt }
    }
    return versioned(held, next as unknown as Chat, receivedAt)
  }

  /** The chat was removed at `at`: answers to requests sent before then cannot bring it back. */
  forget(key: string, at: number): void {
    this.marks.set(key, { snapshotSentAt: at, fields: {} })
  }

  /** Drops the marks of chats the store no longer holds (bounded memory); call now and then. */
  prune(): void {
    for (const key of this.marks.keys()) if (!this.held(key)) this.marks.delete(key)
  }

  private live(key: string): Chat | undefined {
    const held = this.held(key)
    // A chat the store dropped (pruned, removed) starts over: no webhook marks of its old life apply.
    if (!held) {
      const marks = this.marks.get(key)
      if (marks) marks.fields = {}
    }
    return held
  }

  private marksOf(key: string): Marks {
    let marks = this.marks.get(key)
    if (!marks) {
      marks = { snapshotSentAt: Number.NEGATIVE_INFINITY, fields: {} }
      this.marks.set(key, marks)
    }
    return marks
  }
}

/** `next` with its version: when it was learnt, above the held one; null when it holds nothing new. */
function versioned(held: Chat | undefined, next: Chat, observedAt: number): Chat | null {
  if (!held) return { ...next, updatedAt: observedAt }
  // The engine stamps demo chats; that stamp is not news from HelpCrunch.
  const same = { ...next, updatedAt: held.updatedAt, ...(held.demo === undefined ? {} : { demo: held.demo }) }
  if (sameJson(same, held)) return null
  return { ...next, updatedAt: Math.max(observedAt, held.updatedAt + 1) }
}
