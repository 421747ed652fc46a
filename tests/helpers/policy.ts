/** A machine policy file for a test, in a fresh temp directory (point CHAT_TRAY_POLICY_FILE at it). */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Writes `text` as a policy file and returns its path. */
export function writePolicyFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'chat-tray-policy-')), 'policy.json')
  writeFileSync(file, text)
  return file
}
