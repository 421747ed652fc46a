/** Component-test setup: unmount between tests (vitest runs without globals, so RTL cannot do it itself). */
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { setTimeLocale } from '../lib/format'
import { learnSources } from '../lib/source-info'

// Times are locale-aware; the tests read them in one fixed 24-hour locale.
setTimeLocale('en-GB')

// Main names the shipped sources in their statuses (sources/<desk>/identity.ts); component tests start as if
// it already had.
const shipped = (source: string, label: string, api: boolean) => ({
  source,
  label,
  capabilities: { serverSnooze: api, assign: api, setStatus: api, markRead: api },
  state: 'ok' as const,
  message: null,
  warnings: [],
  lastOkAt: null,
  at: 0,
})
learnSources([shipped('helpcrunch', 'HelpCrunch', true), shipped('deskdirector', 'DeskDirector', false)])

afterEach(cleanup)
