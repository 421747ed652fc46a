/**
 * File modes of the state directory: it holds chat contents (customer names, messages) and must be readable by
 * the user alone, whatever the umask. POSIX only; Windows ignores the modes (its ACLs come from the profile).
 */
import { chmodSync } from 'node:fs'

/** Mode of the state directory: owner only. */
export const PRIVATE_DIR_MODE = 0o700
/** Mode of every file in it: owner read/write. */
export const PRIVATE_FILE_MODE = 0o600

/** Tightens an existing file or directory to `mode` (best effort: a failure is returned, not thrown). */
export function restrictMode(path: string, mode: number): Error | null {
  if (process.platform === 'win32') return null
  try {
    chmodSync(path, mode)
    return null
  } catch (error) {
    return error as Error
  }
}
