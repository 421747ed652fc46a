/** HelpCrunch's identity: its id in chat keys, the name users see, and what its API lets the tray do. */
import type { SourceInfo } from '../../../../shared/protocol'

/** The HelpCrunch source as the protocol names it. */
export const HELPCRUNCH = {
  id: 'helpcrunch',
  label: 'HelpCrunch',
  capabilities: { serverSnooze: true, assign: true, setStatus: true, markRead: true },
  setup: {
    receives: 'connection',
    credential: { path: 'helpcrunch.apiKey', noun: 'API key' },
    me: 'helpcrunch.agentId',
    signing: 'helpcrunch.signingKey',
  },
} as const satisfies SourceInfo
