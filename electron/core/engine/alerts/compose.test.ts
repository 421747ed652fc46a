import { describe, expect, it } from 'vitest'
import type { AlertKind } from '../../../../shared/alert'
import { defaultSettings } from '../../../../shared/settings'
import { makeChat } from '../../../../tests/helpers/chats'
import { composeAlert, summaryEntry, waitedFor } from './compose'

describe('waitedFor', () => {
  it.each([
    [400, '1 s'],
    [10_000, '10 s'],
    [59_400, '59 s'],
    [60_000, '1 min'],
    [150_000, '3 min'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(waitedFor(ms)).toBe(text)
  })
})

describe('summaryEntry', () => {
  const kinds: AlertKind[] = ['new', 'missed', 'callback', 'still-waiting', 'snooze-ended', 'assigned-to-me']
  it.each(kinds)('gives a summary the same fields of a %s alert as composeAlert', (kind) => {
    const settings = defaultSettings()
    settings.alerts.sounds = { missed: 'chime' }
    const now = 1_700_000_600_000
    const chat = makeChat({ key: 'deskdirector:7', source: 'deskdirector', sourceId: '7' })
    const facts = { id: `deskdirector:7|${kind}|1`, kind, episode: 1, chat, repeat: 2, waitingSince: now - 420_000 }
    const context = { settings: settings.alerts, sound: settings.sound, now, sourceLabel: 'DeskDirector' }
    const full = composeAlert(facts, { ...context, canAssign: true, canOpen: true })
    const { id, chatKeys, title, urgency, sound } = full
    expect(summaryEntry(facts, context)).toEqual({ id, kind, chatKeys, title, urgency, sound })
  })
})
