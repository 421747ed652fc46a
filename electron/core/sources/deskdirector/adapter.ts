/**
 * The DeskDirector source: it only receives webhook deliveries (DeskDirector has no snooze or read API
 * the tray can use), so every capability is off and the engine snoozes and marks read locally.
 */
import type { SourceStatus, StatusNotice } from '../../../../shared/protocol'
import type { AdapterContext, SourceAdapter } from '../../engine/adapters'
import { DESKDIRECTOR } from './identity'
import { deskDirectorWebUrl } from './transform'
import { DESKDIRECTOR_WEBHOOK_PATH, type DeliveryOutcome } from './webhook'

/** What the adapter reads; all of it at call time, so settings and secrets changes apply at once. */
export interface DeskDirectorAdapterDeps {
  context: AdapterContext
  secrets: () => string[]
  allowUnsigned: () => boolean
  baseUrl: () => string | null
  /** The tech's `userId` chosen as "me", or null. */
  me?: () => string | null
  now: () => number
}

/** The adapter plus the hook its webhook route reports outcomes to. */
export interface DeskDirectorAdapter extends SourceAdapter {
  /** Records how a delivery ended and republishes the source's health. */
  noteDelivery(outcome: DeliveryOutcome): void
  /** Records items of a verified delivery that could not be applied (shown as a warning for the rest of the run). */
  noteDeadLetters(count: number, reason: string): void
}

/** Creates the DeskDirector adapter. */
export function createDeskDirectorAdapter(deps: DeskDirectorAdapterDeps): DeskDirectorAdapter {
  let lastOkAt: number | null = null
  let deadLettered = 0
  let lastDeadReason = ''

  const status = (): SourceStatus => {
    const configured = deps.secrets().length > 0
    const warnings: string[] = []
    if (!configured && deps.allowUnsigned()) {
      warnings.push(
        `unsigned deliveries are accepted on POST ${DESKDIRECTOR_WEBHOOK_PATH}: anyone who can reach it can add chats`,
      )
    } else if (!configured) {
      warnings.push(`no webhook secret configured: deliveries to POST ${DESKDIRECTOR_WEBHOOK_PATH} are refused (403)`)
    }
    const coded: StatusNotice[] = []
    if (deadLettered > 0) {
      coded.push({
        code: 'dead-letters',
        message:
          `${deadLettered} session(s) of signed deliveries could not be applied and are kept in ` +
          `dead-letters.ndjson in the state directory; last reason: ${lastDeadReason.slice(0, 300)}`,
      })
      warnings.push(...coded.map((w) => w.message))
    }
    const open = configured || deps.allowUnsigned()
    return {
      source: 'deskdirector',
      state: open ? 'ok' : 'disabled',
      message: !open
        ? 'webhook secret not configured'
        : lastOkAt === null
          ? 'no delivery received yet'
          : 'receiving deliveries',
      warnings,
      ...(coded.length > 0 ? { notices: coded } : {}),
      lastOkAt,
      at: deps.now(),
    }
  }
  const publish = () => deps.context.reportStatus(status())

  return {
    identity: DESKDIRECTOR,
    async start() {
      publish()
    },
    async stop() {},
    webUrl: (chat) => deskDirectorWebUrl(deps.baseUrl(), chat.ticketRef),
    async testConnection() {
      const s = status()
      return { ok: s.state === 'ok', message: s.warnings[0] ?? s.message ?? 'ok' }
    },
    status,
    // Mine also when a push chat invites me (`Chat.invited`, from `targetUsers`): the engine's one rule, `isMineAt`.
    me: () => deps.me?.() ?? null,
    noteDeadLetters(count, reason) {
      deadLettered += count
      lastDeadReason = reason
      publish()
    },
    noteDelivery(outcome) {
      // Refusals are anyone's to cause (the port may be public): /health counts them, no warning is raised.
      if (outcome !== 'applied') return
      // The common case changes only lastOkAt, which is not worth a status event per delivery.
      const first = lastOkAt === null
      lastOkAt = deps.now()
      if (first) publish()
    },
  }
}
