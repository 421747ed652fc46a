/** The tray's update item for an update status (pure): what it says and whether it can be clicked. */
import type { UpdateStatus } from '../../../shared/protocol'

/** The item, or null when the update needs no word in the menu. */
export function updateMenuItem(status: UpdateStatus): { label: string; enabled: boolean } | null {
  const version = status.version ?? ''
  if (status.state === 'ready') return { label: `Restart to update to ${version}`, enabled: true }
  if (status.state === 'available') return { label: `Download Chat Tray ${version}…`, enabled: true }
  if (status.state === 'downloading') return { label: `Downloading Chat Tray ${version}…`, enabled: false }
  // A version that failed (refused, or its download broke) is news; a check that found no server is not (offline).
  if (status.state === 'failed' && status.version) return { label: 'Update failed — check again', enabled: true }
  return null
}
