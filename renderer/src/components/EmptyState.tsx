/**
 * What the list says when it shows no chat, in order of what is true: nothing is connected (offer to
 * connect or try the demo), a source is failing (chats may be missing), filters hide N chats (clear
 * them), and only then "All quiet". Saying "all quiet" when it is not is the worst thing this app can do.
 */
import type { SourceStatus } from '../../../shared/protocol'
import { command } from '../lib/bridge'
import { NO_FILTERS } from '../lib/grouping'
import { useChrome } from '../stores/chrome-store'
import { usePanelStore } from '../stores/panel-store'
import { useUi } from '../stores/ui-store'

/** Source states in which chats may be missing from the list. */
const FAILING = new Set<SourceStatus['state']>(['offline', 'auth-failed', 'error', 'rate-limited'])

/** Which empty state applies. */
export type EmptyKind = 'nothing-connected' | 'source-failing' | 'filtered' | 'all-quiet'

/** Picks the empty state from the sources and how many open chats the filters hide. */
export function emptyKind(sources: readonly SourceStatus[], hidden: number, demo: boolean): EmptyKind {
  if (!demo && sources.every((s) => s.state === 'disabled')) return 'nothing-connected'
  if (sources.some((s) => FAILING.has(s.state))) return 'source-failing'
  if (hidden > 0) return 'filtered'
  return 'all-quiet'
}

/** The empty list; `hidden` = open chats the filters hide. */
export function EmptyState({ hidden }: { hidden: number }) {
  const sources = usePanelStore((s) => s.sources)
  const demo = usePanelStore((s) => !!s.settings?.app.demo)
  const onboarded = usePanelStore((s) => !!s.settings?.app.onboarded)
  const list = Object.values(sources)
  const kind = emptyKind(list, hidden, demo)
  const setView = useUi((s) => s.setView)
  // Before onboarding, the welcome card above already offers the same two ways in.
  if (kind === 'nothing-connected' && !onboarded) return null
  if (kind === 'nothing-connected')
    return (
      <section className="empty-state" aria-labelledby="empty-title">
        <h2 id="empty-title">Nothing is connected</h2>
        <p>No help desk is set up, so no chats can arrive here.</p>
        <div className="inline-buttons">
          <button type="button" className="primary" onClick={() => connect(list)}>
            Connect a help desk
          </button>
          <button type="button" onClick={() => void tryDemo()}>
            Try demo
          </button>
        </div>
      </section>
    )
  if (kind === 'source-failing') {
    const failing = list.filter((s) => FAILING.has(s.state))
    return (
      <section className="empty-state warn" aria-labelledby="empty-title">
        <h2 id="empty-title">No chats shown, but chats may be missing</h2>
        <ul>
          {failing.map((s) => (
            <li key={s.source}>{failingText(s)}</li>
          ))}
        </ul>
        <div className="inline-buttons">
          <button type="button" onClick={() => void command('sources.refresh', {})}>
            Retry now
          </button>
          <button type="button" onClick={() => setView('settings')}>
            Open Settings
          </button>
          {hidden > 0 ? <ClearFilters hidden={hidden} /> : null}
        </div>
      </section>
    )
  }
  if (kind === 'filtered')
    return (
      <section className="empty-state" aria-labelledby="empty-title">
        <h2 id="empty-title">
          Filters hide {hidden} {hidden === 1 ? 'chat' : 'chats'}
        </h2>
        <div className="inline-buttons">
          <ClearFilters hidden={hidden} />
        </div>
      </section>
    )
  return (
    <section className="empty-state quiet" aria-labelledby="empty-title">
      <h2 id="empty-title">All quiet</h2>
      <p>No open chats. New ones appear here as they arrive.</p>
    </section>
  )
}

/** Opens Settings on the first field that connects a source (its credential), focused — not on a raw form. */
export function connect(sources: readonly SourceStatus[]): void {
  const path = sources.find((s) => s.state === 'disabled' && s.setup?.credential.path)?.setup?.credential.path
  if (path) useChrome.getState().goToField(path)
  else useUi.getState().setView('settings')
}

/** The Clear filters button. */
export function ClearFilters({ hidden }: { hidden: number }) {
  return (
    <button type="button" onClick={() => useUi.getState().setFilters({ ...NO_FILTERS })}>
      Clear filters{hidden > 0 ? ` (${hidden} hidden)` : ''}
    </button>
  )
}

function failingText(s: SourceStatus): string {
  const desk = usePanelStore.getState().sourceInfo[s.source]?.label ?? s.source
  if (s.state === 'auth-failed') return `${desk} rejected the sign-in.`
  if (s.state === 'rate-limited') return `${desk} is limiting requests; the list catches up when it clears.`
  if (s.state === 'offline') return `${desk} can't be reached.`
  return `${desk} reports a problem.`
}

async function tryDemo(): Promise<void> {
  const outcome = await command('settings.update', { patch: { app: { demo: true, onboarded: true } } })
  if (outcome.ok) usePanelStore.getState().setSettings(outcome.result.settings)
}
