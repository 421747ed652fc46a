/** Health of one source, reported as `source.status` events and shown in the tray and the panel. */

/** Source health states. `disabled` = not configured; the rest as in the HelpCrunch issue. */
export const SOURCE_STATES = ['disabled', 'ok', 'polling', 'rate-limited', 'offline', 'auth-failed', 'error'] as const
/** One of `SOURCE_STATES`. */
export type SourceState = (typeof SOURCE_STATES)[number]

/** A source's health at a moment. */
export interface SourceStatus {
  source: string
  /** The name users see and what the source can do (stamped by the engine from the registered adapter). */
  label?: string
  capabilities?: SourceCapabilities
  /** How it gets chats and which settings fix it (stamped by the engine from this desktop's adapter). */
  setup?: SourceSetup
  /** The user's id at this source ("me": an agent id, a tech's userId), or null when not chosen. */
  me?: string | null
  state: SourceState
  /** Human-readable detail ("API key rejected", "no secret configured for /webhooks/deskdirector"), never a secret. */
  message: string | null
  /** Configuration problems that do not stop the source but lose alerts (e.g. a route without a secret). */
  warnings: string[]
  /** Epoch ms of the last success, if any. */
  lastOkAt: number | null
  at: number
  demo?: boolean
  /** A polled source's request rate: lowered below the configured one after the API answered 429. */
  rate?: { requestsPerMinute: number; configuredPerMinute: number }
  /** Epoch ms of the next automatic try after a failure (rate limiting, backoff); absent when none is planned. */
  retryAt?: number
  /** On a desktop that follows a team hub: the connection to it (source `hub`). */
  hub?: { connection: 'connecting' | 'ok' | 'offline' | 'auth-failed' }
  /**
   * The warnings a program acts on, each with a code (`NOTICE_CODES`; docs/hub.md, docs/reliability.md): never
   * match a warning's words. Each notice's `message` is also in `warnings`, so every host that shows warnings shows
   * these too.
   */
  notices?: StatusNotice[]
}

/** Codes of the status warnings programs act on (docs/hub.md "Warning codes"; docs/reliability.md). */
export const NOTICE_CODES = [
  /** The source has no "me" (no agent chosen): "assign to me" and "mine" alerts are unavailable. */
  'me-missing',
  /** This computer's clock differs from the help desk's (or the hub's) by more than a minute. */
  'clock-skew',
  /** Chat versions dated more than a minute after their sender's clock were taken, ordered as of arrival. */
  'version-ahead',
  /** Something could not be written to the state directory yet; it waits in memory and is retried. */
  'state-unsaved',
  /** Unreadable lines in the state directory were skipped at start-up. */
  'state-damaged',
  /** A chat arrived with unreadable fields and is shown with what could be read. */
  'chat-repaired',
  /** A chat could not be read at all and was skipped. */
  'chat-refused',
  /** Records the source sent that the app cannot read (an unknown status, a wrong type): not shown, kept. */
  'unmapped-records',
  /** Signed deliveries that could not be applied, kept as dead letters. */
  'dead-letters',
  /** The open-chat search's status filter disagreed with ground truth; another form is used. */
  'search-form',
  /** No status filter form finds the open chats: every chat is listed instead. */
  'search-listing',
  /** The API answers the same page whatever the offset: older records may be missing. */
  'paging',
  /** The reconcile of open chats failed (new chats still arrive). */
  'sweep-failed',
  /** A 429 lowered this desktop's request rate. */
  'rate-lowered',
  /** Polling has waited too long for the request budget: new chats may show late. */
  'polls-starved',
  /** The organisation's domain cannot be trusted for links: "Open" is off until the subdomain is set. */
  'domain-unknown',
  /** A hub among several lost their shared Redis: it serves from memory and catches up when Redis is back. */
  'hub-degraded',
] as const
/** One of `NOTICE_CODES`. */
export type NoticeCode = (typeof NOTICE_CODES)[number]

/** One coded warning on a source's status: a code for programs, a message in plain words for people. */
export interface StatusNotice {
  code: NoticeCode
  message: string
}

/** What a source can do; the panel, alerts and tray offer only the actions a source supports. */
export interface SourceCapabilities {
  /** Snoozes are stored by the help desk (otherwise the engine snoozes locally). */
  serverSnooze: boolean
  assign: boolean
  setStatus: boolean
  /** Read state is stored by the help desk (otherwise marked read locally). */
  markRead: boolean
  /** `sources.refresh` makes it fetch now (a polled API; a webhook-only desk cannot). Stamped by the engine. */
  refresh?: boolean
}

/** How a source gets its chats and where Settings fixes it, so hosts word its health without per-source code. */
export interface SourceSetup {
  /** `webhooks`: it only hears deliveries ("listening"); `connection`: it calls an API or holds a stream. */
  receives: 'webhooks' | 'connection'
  /** The settings path of its credential (a secret), and what users call it ("API key") when it has a name. */
  credential: { path: string; noun?: string }
  /** The settings path of "me" (the agent the user is), when the source has one. */
  me?: string
  /** The settings path of its webhook signing secret, when it has one. */
  signing?: string
}

/** A registered source as hosts and the panel see it: no per-source code needed to name it or offer actions. */
export interface SourceInfo {
  id: string
  /** The name users see ("HelpCrunch"). */
  label: string
  capabilities: SourceCapabilities
  setup?: SourceSetup
}
