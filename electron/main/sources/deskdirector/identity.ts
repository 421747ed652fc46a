/**
 * DeskDirector's identity: its id in chat keys, the name users see, and what the tray can do there —
 * nothing on the server: it only receives webhooks (docs/deskdirector.md), so the engine snoozes and marks
 * read locally.
 */
import type { SourceInfo } from '../../../../shared/protocol'

/** The DeskDirector source as the protocol names it. */
export const DESKDIRECTOR = {
  id: 'deskdirector',
  label: 'DeskDirector',
  capabilities: { serverSnooze: false, assign: false, setStatus: false, markRead: false },
} as const satisfies SourceInfo
