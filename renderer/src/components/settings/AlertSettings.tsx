/** Alert kinds, scope, thresholds, do-not-disturb, sounds, privacy and app preferences. */
import { useState } from 'react'
import { ALERT_KINDS, DEFAULT_FIRST_RESPONSE_SECONDS, type Settings } from '../../../../shared/settings'
import { command } from '../../lib/bridge'
import { timeOfDay as clock } from '../../lib/time-format'
import { usePanelStore } from '../../stores/panel-store'
import { Choice, FieldError, TextInput, Toggle } from './fields'
import { ALERT_KIND_LABELS } from './kind-labels'
import { ShiftEditor } from './ShiftEditor'
import { ShortcutRecorder } from './ShortcutRecorder'
import { SoundPicker } from './SoundPicker'
import { TestAlert } from './TestAlert'

/** The sections. */
export function AlertSettings({ settings }: { settings: Settings }) {
  const { alerts, app, sound } = settings
  return (
    <>
      <fieldset id="section-alerts" tabIndex={-1}>
        <legend>Alerts</legend>
        {ALERT_KINDS.map((kind) => (
          <Toggle
            key={kind}
            label={ALERT_KIND_LABELS[kind]}
            value={alerts.kinds[kind] ?? true}
            patch={(v) => ({ alerts: { kinds: { ...alerts.kinds, [kind]: v } } })}
          />
        ))}
        <Choice
          label="Alert me about"
          value={alerts.scope}
          options={[
            ['all', 'All chats'],
            ['unassigned', 'Unassigned chats'],
            ['mine', 'My chats'],
          ]}
          patch={(v) => ({ alerts: { scope: v } })}
        />
        <FirstResponseTargets settings={settings} />
        <TextInput
          label="Still waiting after (seconds)"
          path="alerts.stillWaitingAfterSeconds"
          type="number"
          value={alerts.stillWaitingAfterSeconds}
          patch={(v) => ({ alerts: { stillWaitingAfterSeconds: v } })}
        />
        <TextInput
          label="Repeat every (seconds)"
          path="alerts.repeatEverySeconds"
          type="number"
          value={alerts.repeatEverySeconds}
          patch={(v) => ({ alerts: { repeatEverySeconds: v } })}
        />
        <Toggle
          label="Privacy mode"
          value={alerts.privacy}
          patch={(v) => ({ alerts: { privacy: v } })}
          hint="Hide message text in toasts and the panel"
        />
        <TestAlert />
      </fieldset>
      <DndControls />
      <ShiftEditor settings={settings} />
      <fieldset id="section-sound" tabIndex={-1}>
        <legend>Sound</legend>
        <Toggle label="Play alert sounds" value={sound.enabled} patch={(v) => ({ sound: { enabled: v } })} />
        <TextInput
          label="Volume (%)"
          path="sound.volume"
          type="number"
          value={sound.volume}
          patch={(v) => ({ sound: { volume: v } })}
        />
        <SoundPicker settings={settings} />
      </fieldset>
      <fieldset id="section-app" tabIndex={-1}>
        <legend>App</legend>
        <Choice
          label="Theme"
          value={app.theme}
          options={[
            ['system', 'System'],
            ['light', 'Light'],
            ['dark', 'Dark'],
          ]}
          patch={(v) => ({ app: { theme: v } })}
        />
        <Toggle
          label="Show demo data"
          value={app.demo}
          patch={(v) => ({ app: { demo: v } })}
          hint="Simulated help desks and customers. Your real connections are kept and return when this is off."
        />
        <Toggle label="Launch at login" value={app.launchAtLogin} patch={(v) => ({ app: { launchAtLogin: v } })} />
        <ShortcutRecorder value={app.globalShortcut} />
      </fieldset>
    </>
  )
}

/** One "first reply within" target per source: the row's countdown colours against it. */
function FirstResponseTargets({ settings }: { settings: Settings }) {
  const sources = usePanelStore((s) => s.sourceInfo)
  const targets = settings.alerts.firstResponseSeconds
  return (
    <>
      {Object.values(sources).map((source) => (
        <TextInput
          key={source.id}
          label={`First reply within (seconds), ${source.label}`}
          path={`alerts.firstResponseSeconds.${source.id}`}
          type="number"
          value={targets[source.id] ?? DEFAULT_FIRST_RESPONSE_SECONDS}
          patch={(v) => ({ alerts: { firstResponseSeconds: { ...targets, [source.id]: v } } })}
          hint={`A waiting ${source.label} customer's time turns amber at half of it, red at 80 %, then reads "overdue".`}
        />
      ))}
    </>
  )
}

function DndControls() {
  const dndUntil = usePanelStore((s) => s.dndUntil)
  const [error, setError] = useState<string | null>(null)
  const set = async (minutes: number | null) => {
    const until = minutes === null ? null : Date.now() + minutes * 60_000
    const outcome = await command('dnd.set', { until })
    if (!outcome.ok) return setError(outcome.error.message)
    setError(null)
    usePanelStore.setState({ dndUntil: outcome.result.until })
  }
  const active = dndUntil !== null && dndUntil > Date.now()
  return (
    <fieldset id="section-dnd" tabIndex={-1}>
      <legend>Do not disturb</legend>
      <p>{active && dndUntil ? `On until ${clock(dndUntil)}` : 'Off'}</p>
      <div className="inline-buttons">
        <button type="button" onClick={() => void set(30)}>
          30 min
        </button>
        <button type="button" onClick={() => void set(60)}>
          1 hour
        </button>
        <button type="button" disabled={!active} onClick={() => void set(null)}>
          Off
        </button>
      </div>
      <FieldError error={error} />
    </fieldset>
  )
}
