/** One sound per alert kind (`alerts.sounds`), each with a preview at the configured volume. */
import { ALERT_KINDS, type Settings } from '../../../../shared/settings'
import { DEFAULT_SOUNDS, previewSound, SOUND_FILES } from '../../lib/sound'
import { fieldId } from '../../stores/chrome-store'
import { LockedNote, SaveNote, useLocked } from './fields'
import { ALERT_KIND_LABELS } from './kind-labels'
import { useSave } from './use-save'

/** Kinds with a sound, and how the picker names them. */
export const SOUND_KINDS = [...ALERT_KINDS, 'summary'] as const
type SoundKind = (typeof SOUND_KINDS)[number]

const LABELS: Record<SoundKind, string> = { ...ALERT_KIND_LABELS, summary: 'Summary (after DND or start-up)' }

const SILENT = '__silent'
const DEFAULT = ''
const NAMES = Object.fromEntries(SOUND_FILES)

/** The picker rows. */
export function SoundPicker({ settings }: { settings: Settings }) {
  const locked = useLocked({ alerts: { sounds: settings.alerts.sounds } })
  return (
    <fieldset className="sound-picker">
      <legend>Sound per alert</legend>
      <LockedNote locked={locked} />
      {SOUND_KINDS.map((kind) => (
        <SoundRow key={kind} kind={kind} settings={settings} />
      ))}
    </fieldset>
  )
}

function SoundRow({ kind, settings }: { kind: SoundKind; settings: Settings }) {
  const { save, state } = useSave()
  const sounds = settings.alerts.sounds
  const chosen = sounds[kind]
  // Play stays: hearing a sound changes nothing.
  const locked = useLocked({ alerts: { sounds } })
  const value = chosen === undefined ? DEFAULT : chosen === null ? SILENT : chosen
  const playing = chosen === undefined ? (DEFAULT_SOUNDS[kind] ?? 'default') : chosen
  const choose = (next: string) => {
    const { [kind]: _old, ...rest } = sounds
    const record = next === DEFAULT ? rest : { ...rest, [kind]: next === SILENT ? null : next }
    void save({ alerts: { sounds: record } })
  }
  return (
    <div className="sound-row">
      <label>
        {LABELS[kind]}
        <select
          id={fieldId(`alerts.sounds.${kind}`)}
          value={value}
          disabled={locked}
          onChange={(e) => choose(e.target.value)}
        >
          <option value={DEFAULT}>Default ({NAMES[DEFAULT_SOUNDS[kind] ?? 'default']})</option>
          {SOUND_FILES.map(([name, label]) => (
            <option key={name} value={name}>
              {label}
            </option>
          ))}
          <option value={SILENT}>Silent</option>
        </select>
      </label>
      <button
        type="button"
        aria-label={`Play ${LABELS[kind]} sound`}
        disabled={playing === null}
        onClick={() => playing && previewSound(playing, settings.sound.volume)}
      >
        Play
      </button>
      <SaveNote state={state} />
    </div>
  )
}
