/**
 * A quiet line above the list about the app itself (shared/protocol/desktop.ts): an update ready to install ("Restart
 * to update"), a newer version to download, a failed update, toasts the OS hides, settings the machine policy locks.
 * Renders nothing when there is nothing to say, or where the host has no desktop status (headless, tests).
 */
import { useEffect, useState } from 'react'
import type { DesktopStatus } from '../../../shared/protocol'
import { command, onEvent } from '../lib/bridge'
import { usePolicy } from '../stores/policy-store'
import './chrome/desktop-banner.css'

/** The banner. */
export function DesktopBanner() {
  const [status, setStatus] = useState<DesktopStatus | null>(null)
  const policy = usePolicy((s) => s.policy)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    const unsubscribe = onEvent((event) => {
      if (event.type === 'desktop.status') setStatus(event.status)
    })
    void command('desktop.status', {}).then((outcome) => {
      // An event that came first is newer than this answer.
      if (outcome.ok && outcome.result?.update) setStatus((current) => current ?? outcome.result)
    })
    void usePolicy.getState().load()
    return unsubscribe
  }, [])
  const run = (name: 'update.install' | 'update.check') => {
    setBusy(true)
    void command(name, {}).finally(() => setBusy(false))
  }
  const update = status?.update
  const lines = [
    update?.state === 'ready' ? (
      <p key="update">
        <span className="desktop-banner-text">Chat Tray {update.version} is ready.</span>
        <button type="button" disabled={busy} onClick={() => run('update.install')}>
          Restart to update
        </button>
      </p>
    ) : null,
    update?.state === 'available' ? (
      <p key="update">
        <span className="desktop-banner-text">{update.message}</span>
      </p>
    ) : null,
    update?.state === 'failed' && update.version ? (
      <p key="update">
        <span className="desktop-banner-text">{update.message ?? 'The update failed.'}</span>
        <button type="button" disabled={busy} onClick={() => run('update.check')}>
          Check again
        </button>
      </p>
    ) : null,
    status?.toasts.hidden ? (
      <p key="toasts">
        <span className="desktop-banner-text">
          Toasts are hidden: {status.toasts.reason ?? 'by the system'}. Sound and the tray still alert.
        </span>
      </p>
    ) : null,
    ...(policy?.problems ?? []).map((problem) => (
      <p key={problem}>
        <span className="desktop-banner-text">{problem}</span>
      </p>
    )),
    policy && policy.locked.length > 0 ? (
      <p key="locked">
        <span className="desktop-banner-text">Locked by your organisation's policy: {policy.locked.join(', ')}.</span>
      </p>
    ) : null,
  ].filter(Boolean)
  if (lines.length === 0) return null
  return (
    <section className="desktop-banner" aria-label="About Chat Tray">
      {lines}
    </section>
  )
}
