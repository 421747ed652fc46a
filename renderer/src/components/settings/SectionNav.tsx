/**
 * Jump links to each Settings section, the agent's own first; the section gets focus (unfolded if it was), so
 * the keyboard continues from there.
 */

/** Sections in page order: DOM id and label. */
export const SETTINGS_SECTIONS = [
  ['section-alerts', 'Alerts'],
  ['section-dnd', 'Do not disturb'],
  ['section-shifts', 'Shifts'],
  ['section-sound', 'Sound'],
  ['section-app', 'App'],
  ['section-helpcrunch', 'HelpCrunch'],
  ['section-deskdirector', 'DeskDirector'],
  ['section-listener', 'Webhooks'],
  ['section-hub', 'Team hub'],
  ['section-diagnostics', 'Diagnostics'],
] as const

/** The navigation bar (sticky at the top of the settings view). */
export function SectionNav() {
  const go = (id: string) => {
    const section = document.getElementById(id)
    if (!section) return
    const fold = section.closest('details')
    if (fold && !fold.open) fold.open = true
    section.scrollIntoView?.({ block: 'start' })
    section.focus({ preventScroll: true })
  }
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      {SETTINGS_SECTIONS.map(([id, label]) => (
        <button key={id} type="button" onClick={() => go(id)}>
          {label}
        </button>
      ))}
    </nav>
  )
}
