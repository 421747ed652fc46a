/** Per-source health, with the fix (settings) one click away when a source needs attention. */
import type { SourceStatus } from '../../../shared/protocol'
import { sourceLabel } from '../lib/format'
import { usePanelStore } from '../stores/panel-store'
import { useUi } from '../stores/ui-store'

const LABELS: Record<SourceStatus['state'], string> = {
  ok: 'OK',
  polling: 'Checking',
  'rate-limited': 'Rate limited',
  offline: 'Offline',
  'auth-failed': 'Sign-in failed',
  error: 'Error',
  disabled: 'Not set up',
}
/** States the agent can fix in settings. */
const FIXABLE = new Set<SourceStatus['state']>(['auth-failed', 'disabled', 'error'])

/** The strip. */
export function HealthStrip() {
  const sources = usePanelStore((s) => s.sources)
  const setView = useUi((s) => s.setView)
  const list = Object.values(sources)
  if (list.length === 0) return null
  return (
    <ul className="health-strip" aria-label="Source health">
      {list.map((s) => (
        <li key={s.source} className={`health health-${s.state}`} title={s.message ?? undefined}>
          <span className="dot" aria-hidden="true" />
          {sourceLabel(s.source)}: {LABELS[s.state]}
          {s.message && s.state !== 'ok' ? <span className="health-message"> — {s.message}</span> : null}
          {FIXABLE.has(s.state) ? (
            <button type="button" className="link" onClick={() => setView('settings')}>
              Fix in settings
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
