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
  setup: {
    receives: 'webhooks',
    credential: { path: 'deskdirector.secrets' },
    me: 'deskdirector.userId',
    signing: 'deskdirector.secrets',
  },
} as const satisfies SourceInfo
