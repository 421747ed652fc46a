/**
 * Checks applied to every IPC command before it reaches the dispatcher: who sent it (only the panel's
 * own page) and what shape it has. Pure, so it is tested without Electron; `ipc.ts` wires it to ipcMain.
 */
import { z } from 'zod'
import { COMMAND_NAMES, type CommandError } from '../../../shared/protocol'

/** The sender facts the guard needs (a subset of Electron's IpcMainInvokeEvent). */
export interface SenderInfo {
  /** The webContents id that sent the message. */
  senderId: number
  /** URL of the frame that sent it (null when the frame is gone). */
  frameUrl: string | null
}

/** What a trusted sender looks like. */
export interface TrustedPage {
  webContentsId: number
  /** The URL the panel was loaded from; only its origin and path are compared. */
  url: string
}

const requestSchema = z.tuple([
  z.enum(COMMAND_NAMES as [string, ...string[]]),
  z.record(z.string(), z.unknown()).optional(),
])

/** Returns an error when the sender is not the panel page, else null. */
export function checkSender(sender: SenderInfo, trusted: TrustedPage): CommandError | null {
  if (sender.senderId !== trusted.webContentsId) return { code: 'bad_command', message: 'unknown sender' }
  if (!sender.frameUrl || !samePage(sender.frameUrl, trusted.url))
    return { code: 'bad_command', message: 'unexpected sender page' }
  return null
}

/** Validates the `[name, params]` shape; the dispatcher then validates params per command. */
export function checkRequest(
  args: readonly unknown[],
): { ok: true; name: string; params: Record<string, unknown> } | { ok: false; error: CommandError } {
  const parsed = requestSchema.safeParse(args)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path[0] === 0 ? 'command name' : 'params'
    return { ok: false, error: { code: 'bad_command', message: `malformed IPC request: ${where}: ${issue?.message}` } }
  }
  const [name, params] = parsed.data
  return { ok: true, name, params: params ?? {} }
}

function samePage(actual: string, expected: string): boolean {
  try {
    const a = new URL(actual)
    const e = new URL(expected)
    return a.protocol === e.protocol && a.host === e.host && a.pathname === e.pathname
  } catch {
    return false
  }
}
