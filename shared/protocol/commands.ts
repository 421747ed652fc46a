/**
 * The command half of the protocol (docs/architecture.md, "Protocol"): every command a host can send, its parameters
 * (validated at runtime with zod) and its result type. The `CommandResults` interface must cover every
 * command name; `AssertCommandCoverage` makes the compiler fail otherwise.
 */
import { z } from 'zod'
import type { Alert } from '../alert'
import { SNOOZE_PRESETS } from '../alert'
import type { AgentRef, Chat } from '../chat'
import type { PolicyStatus } from '../policy'
import type { SecretName, Settings } from '../settings'
import type { DesktopStatus, TestAlertResult, UpdateStatus } from './desktop'
import type { CheckResult } from './diagnostics'
import type { CommandError } from './errors'
import type { SourceStatus } from './source-status'
import { ACTIVITIES, type Activity, type AgentPresence, presenceReportSchema } from './team'

const chatKey = z.string().min(3).max(300)
const epochMs = z.number().int().nonnegative()

/** Parameter schemas, one per command. The keys of this object ARE the command names. */
export const commandSchemas = {
  'snapshot.get': z.object({}),
  'chat.snooze': z
    .object({ key: chatKey, until: epochMs.optional(), preset: z.enum(SNOOZE_PRESETS).optional() })
    .refine((p) => (p.until === undefined) !== (p.preset === undefined), 'give exactly one of "until" or "preset"'),
  'chat.unsnooze': z.object({ key: chatKey }),
  'chat.open': z.object({ key: chatKey }),
  // `unassign: true` removes the assignee instead of assigning the configured agent.
  'chat.assign': z.object({ key: chatKey, unassign: z.boolean().optional() }),
  'chat.status': z.object({ key: chatKey, status: z.string().min(1).max(40) }),
  'chat.read': z.object({ key: chatKey }),
  // Team hub: "I'm on it", compare-and-set on the chat's version (`updatedAt`) the agent saw; the second is `conflict`.
  'chat.claim': z.object({ key: chatKey, version: z.number().finite() }),
  // Team hub only (a desktop following it sends these; elsewhere `unsupported`): its agent's presence.
  'presence.report': presenceReportSchema,
  // The host says what the machine is doing (the Electron shell: screen lock, suspend; idle from the OS).
  'activity.set': z.object({ activity: z.enum(ACTIVITIES) }),
  'sources.refresh': z.object({ source: z.string().max(40).optional() }),
  'settings.get': z.object({}),
  'settings.update': z.object({ patch: z.record(z.string(), z.unknown()) }),
  // A name `<source>.<secret>` or `hub.token`; the runtime knows which ones it keeps (its settings model).
  'secrets.set': z.object({
    name: z
      .string()
      .max(80)
      .regex(/^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9]*$/, 'a secret name is "<source>.<name>", e.g. "hub.token"'),
    value: z.string().max(10000).nullable(),
  }),
  'secrets.status': z.object({}),
  'connection.test': z.object({ source: z.string().max(40) }),
  'dnd.set': z.object({ until: epochMs.nullable() }),
  'alerts.list': z.object({}),
  'alerts.seen': z.object({ ids: z.array(z.string().max(400)).max(1000).optional() }),
  // Without a source: the first registered source that lists agents.
  'agents.list': z.object({ source: z.string().max(40).optional() }),
  'setup.check': z.object({}),
  'host.stats': z.object({}),
  // Desktop-only (answered by the Electron shell, `unsupported` elsewhere): pin state and the live shortcut.
  'panel.pin': z.object({ pinned: z.boolean().optional() }),
  'shortcut.status': z.object({}),
  // Desktop-only too (docs/updates-and-policy.md): the app's updates, tray presence and toast visibility.
  'desktop.status': z.object({}),
  'update.check': z.object({}),
  // The agent asks to restart now and install the downloaded update (the app never restarts mid-action by itself).
  'update.install': z.object({}),
  // Settings → "Send a test alert": a real toast, then the panel asks "Did you see it?".
  'notifications.test': z.object({}),
} as const

/** Every command name. */
export type CommandName = keyof typeof commandSchemas
/** All command names, for iteration. */
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[]

/** Parameters of command `K` as a caller writes them. */
export type CommandParams<K extends CommandName> = z.input<(typeof commandSchemas)[K]>

/** Everything a panel needs to draw itself at once. */
export interface Snapshot {
  chats: Chat[]
  sources: SourceStatus[]
  settings: Settings
  alerts: Alert[]
  dndUntil: number | null
  now: number
  /** The listener's bound address (`http://127.0.0.1:4757`; port 0 binds a free one), null when not listening. */
  listen?: string | null
  /** The machine policy: which settings are locked (show them as locked) and what was wrong with its file. */
  policy?: PolicyStatus
  /** Following a team hub: this desktop's agent (the token's name) and the team's presence (docs/team.md). */
  team?: { agent: string | null; presence: AgentPresence[] }
}

/** Result types, one per command. */
export interface CommandResults {
  'snapshot.get': Snapshot
  'chat.snooze': { chat: Chat }
  'chat.unsnooze': { chat: Chat }
  'chat.open': { url: string }
  'chat.assign': { chat: Chat }
  'chat.status': { chat: Chat }
  'chat.read': { chat: Chat }
  /** The chat with its `claim` (the caller's). */
  'chat.claim': { chat: Chat }
  /** When to report next at the latest, and when a silent desktop counts as stale (ms). */
  'presence.report': { heartbeatMs: number; staleAfterMs: number }
  'activity.set': { activity: Activity }
  'sources.refresh': { refreshed: string[] }
  'settings.get': { settings: Settings; policy?: PolicyStatus }
  /** `clearedSecrets`: keys removed because the API origin changed (they are not sent to a new server). */
  'settings.update': { settings: Settings; clearedSecrets?: SecretName[] }
  'secrets.set': { name: SecretName; configured: boolean }
  /** Every secret the runtime keeps (its settings model's), configured or not. */
  'secrets.status': { configured: Record<SecretName, boolean> }
  'connection.test': { ok: boolean; message: string }
  'dnd.set': { until: number | null }
  'alerts.list': { alerts: Alert[]; unseen: number }
  'alerts.seen': { unseen: number }
  'agents.list': { agents: AgentRef[] }
  'setup.check': { ok: boolean; checks: CheckResult[] }
  'host.stats': HostStats
  /** Whether the panel stays open on blur; `pinned` omitted only asks. */
  'panel.pin': { pinned: boolean }
  /** The shortcut settings ask for and the one the OS actually registered (they differ when it was refused). */
  'shortcut.status': { requested: string | null; active: string | null }
  'desktop.status': DesktopStatus
  'update.check': UpdateStatus
  /** `restarting: false` with `reason` when there is nothing to install. */
  'update.install': { restarting: boolean; reason: string | null }
  'notifications.test': TestAlertResult
}

/** Process health of a host (soak and leak checks): heap after a GC when the host runs with --expose-gc. */
export interface HostStats {
  heapUsed: number
  rss: number
  chats: number
  uptimeMs: number
}

/** Compile-time check: `T` must name every command, and only commands. */
type AssertCommandCoverage<T extends Record<CommandName, unknown> & { [K in Exclude<keyof T, CommandName>]: never }> = T
/** Exported so the check cannot be removed as unused. */
export type CheckedCommandResults = AssertCommandCoverage<CommandResults>

/** Result of command `K`. */
export type CommandResult<K extends CommandName> = CommandResults[K]

/** What command `K` resolves to on every host (IPC, NDJSON, the hub): its typed result, or a `CommandError`. */
export type CommandOutcome<K extends CommandName> =
  | { ok: true; result: CommandResult<K> }
  | { ok: false; error: CommandError }
