/**
 * Turns a decided alert (chat + kind) into the text, urgency, sound and quick actions a host shows as is.
 * Privacy mode keeps customer names, chat titles and message text out of the title and body.
 */
import type { Alert, AlertKind, QuickAction, SummaryReason } from '../../../../shared/alert'
import type { Chat } from '../../../../shared/chat'
import type { Settings } from '../../../../shared/settings'
import { DEFAULT_ALERT_SOUNDS } from '../../../../shared/sounds'

const URGENCY: Readonly<Record<AlertKind, Alert['urgency']>> = {
  new: 'normal',
  missed: 'critical',
  callback: 'critical',
  'still-waiting': 'critical',
  'snooze-ended': 'normal',
  'assigned-to-me': 'normal',
}

const RANK: Readonly<Record<Alert['urgency'], number>> = { low: 0, normal: 1, critical: 2 }

/** What composing needs besides the chat. */
export interface ComposeContext {
  settings: Settings['alerts']
  sound: Settings['sound']
  /** The chat's source can assign it to me. */
  canAssign: boolean
  /** There is a web address to open the chat at. */
  canOpen: boolean
  /** The name users see for the chat's source (its adapter's label). */
  sourceLabel: string
  now: number
}

/** What a single-chat alert announces. */
export interface AlertFacts {
  id: string
  kind: AlertKind
  /** The transition's episode (epoch ms), as journaled. */
  episode: number
  chat: Chat
  /** For still-waiting: reminder number. */
  repeat?: number
  /** For still-waiting: when the chat started waiting (epoch ms). */
  waitingSince?: number
}

/** The sound of a kind per settings (null = silent, also when sounds are off). */
export function soundFor(
  kind: AlertKind | 'summary',
  settings: Settings['alerts'],
  sound: Settings['sound'],
): string | null {
  if (!sound.enabled) return null
  const chosen = settings.sounds[kind]
  return chosen === undefined ? DEFAULT_ALERT_SOUNDS[kind] : chosen
}

/** Builds one chat's alert. */
export function composeAlert(facts: AlertFacts, ctx: ComposeContext): Alert {
  const { chat, kind } = facts
  const alert: Alert = {
    id: facts.id,
    kind,
    chatKeys: [chat.key],
    title: titleOf(facts, ctx.sourceLabel, ctx.now),
    body: ctx.settings.privacy ? privateBody(ctx.sourceLabel) : publicBody(facts),
    urgency: URGENCY[kind],
    actions: quickActions(ctx.canOpen, ctx.canAssign),
    sound: soundFor(kind, ctx.settings, ctx.sound),
    volume: ctx.sound.volume / 100,
    at: ctx.now,
  }
  if (kind === 'callback') alert.callback = chat.callback
  if (facts.repeat !== undefined) alert.repeat = facts.repeat
  return alert
}

/** What a summary reads of each alert it stands for. */
export type SummaryEntry = Pick<Alert, 'id' | 'kind' | 'chatKeys' | 'title' | 'urgency' | 'sound'>

/**
 * The part of one chat's alert that a summary shows, the same as `composeAlert` gives for it; the body and the
 * quick actions are not built (a summary can stand for thousands of alerts).
 */
export function summaryEntry(
  facts: AlertFacts,
  ctx: Pick<ComposeContext, 'settings' | 'sound' | 'now' | 'sourceLabel'>,
): SummaryEntry {
  const { kind, chat } = facts
  return {
    id: facts.id,
    kind,
    chatKeys: [chat.key],
    title: titleOf(facts, ctx.sourceLabel, ctx.now),
    urgency: URGENCY[kind],
    sound: soundFor(kind, ctx.settings, ctx.sound),
  }
}

/** Builds the one alert standing for several (one item per chat, its latest alert). */
export function composeSummary(
  alerts: readonly SummaryEntry[],
  reason: SummaryReason,
  settings: Settings['alerts'],
  sound: Settings['sound'],
  now: number,
): Alert {
  const byChat = new Map<string, SummaryEntry>()
  for (const alert of alerts) for (const key of alert.chatKeys) byChat.set(key, alert)
  const items = [...byChat].map(([chatKey, a]) => ({ kind: a.kind as AlertKind, chatKey, title: a.title }))
  const counts = new Map<AlertKind, number>()
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1)
  const tally = [...counts].map(([kind, n]) => `${n} ${KIND_WORDS[kind]}`).join(', ')
  const urgency = alerts.reduce<Alert['urgency']>((u, a) => (RANK[a.urgency] > RANK[u] ? a.urgency : u), 'low')
  const loudest = alerts.find((a) => a.urgency === urgency)
  const n = items.length
  const lead = {
    batch: '',
    dnd: 'While you were away: ',
    startup: 'Since you were last here: ',
    wake: 'While you were away: ',
  }[reason]
  return {
    id: `summary|${reason}|${now}|${alerts[0]?.id ?? ''}`,
    kind: 'summary',
    chatKeys: items.map((item) => item.chatKey),
    title: `${lead}${n} chat${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} attention`,
    body: tally,
    urgency,
    actions: [{ action: 'open', label: 'Show chats' }],
    sound:
      settings.sounds.summary === undefined && sound.enabled
        ? (loudest?.sound ?? soundFor('summary', settings, sound))
        : soundFor('summary', settings, sound),
    volume: sound.volume / 100,
    at: now,
    items,
    reason,
  }
}

const KIND_WORDS: Readonly<Record<AlertKind, string>> = {
  new: 'new',
  missed: 'missed',
  callback: 'callback requested',
  'still-waiting': 'still waiting',
  'snooze-ended': 'snooze ended',
  'assigned-to-me': 'assigned to you',
}

function titleOf({ kind, waitingSince }: AlertFacts, where: string, now: number): string {
  switch (kind) {
    case 'new':
      return `New ${where} chat waiting`
    case 'missed':
      return `Missed ${where} chat`
    case 'callback':
      return `Callback requested (${where})`
    case 'still-waiting': {
      return `${where} chat still waiting (${waitedFor(now - (waitingSince ?? now))})`
    }
    case 'snooze-ended':
      return `Snooze ended: ${where} chat still open`
    case 'assigned-to-me':
      return `${where} chat assigned to you`
  }
}

function publicBody({ kind, chat }: AlertFacts): string {
  const who = [chat.customer.name, chat.customer.company].filter(Boolean).join(' · ')
  const lines = [who || chat.title]
  if (kind === 'callback' && chat.callback) {
    const { phone, note } = chat.callback
    lines.push([phone ?? chat.customer.phone, note].filter(Boolean).join(' — '))
  } else if (chat.lastMessageText) {
    lines.push(chat.lastMessageText.slice(0, 200))
  }
  return lines.filter(Boolean).join('\n')
}

function privateBody(sourceLabel: string): string {
  return `${sourceLabel} chat — open Chat Tray for details`
}

/** The quick actions offered for a chat: open (when it has an address), snooze presets, assign where supported. */
export function quickActions(canOpen: boolean, canAssign: boolean): QuickAction[] {
  const actions: QuickAction[] = canOpen ? [{ action: 'open', label: 'Open' }] : []
  actions.push(
    { action: 'snooze', preset: '15m', label: 'Snooze 15 min' },
    { action: 'snooze', preset: '1h', label: 'Snooze 1 hour' },
    { action: 'snooze', preset: 'next-shift', label: 'Snooze until next shift' },
  )
  if (canAssign) actions.push({ action: 'assign', label: 'Assign to me' })
  return actions
}

/** "45 s" under a minute, "3 min" above: short waits (demo mode, short thresholds) must not read "1 min". */
export function waitedFor(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000))
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`
}
