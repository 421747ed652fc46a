/**
 * The HelpCrunch source adapter: owns the client, the shared token bucket and the poller, runs the quick
 * actions (each returns the chat HelpCrunch answered with, which the engine applies at once), builds web
 * links, and publishes the source status. Without an API key it stays registered with status `disabled`.
 * Every REST answer goes through the ordering rule shared with the webhook route (`ordering.ts`).
 * Over 200 lines on purpose: every action and the status go through one connection (client, bucket,
 * poller) whose life this class owns; the poller, rate, ordering and errors are in their own files.
 */
import type { AgentRef, Chat } from '../../../../shared/chat'
import { CommandFailure, type SourceState, type SourceStatus, type StatusNotice } from '../../../../shared/protocol'
import type { AdapterContext, SourceAdapter } from '../../engine/adapters'
import type { DeadLetters } from '../../engine/persistence/dead-letters'
import type { HighWaterMarkStore, SharedBudget } from '../../engine/persistence/state-dir'
import type { SecretsPort, SettingsPort } from '../../engine/ports'
import { AdaptiveRate } from './adaptive-rate'
import { type ChatSnapshot, HelpCrunchClient } from './client'
import { type Clock, systemClock } from './clock'
import { connectionWarnings } from './connection-warnings'
import { HelpCrunchError, toCommandFailure } from './errors'
import { HELPCRUNCH } from './identity'
import { HelpCrunchOrdering } from './ordering'
import { HelpCrunchPoller, type PollerOptions, type PollStatusDetail } from './poller'
import { type Starvation, TokenBucket } from './token-bucket'
import { UnmappedRecords } from './unmapped'
import { fillWebUrl, subdomainFromOrganization } from './web-url'

/** What the adapter needs from its host. */
export interface HelpCrunchAdapterOptions {
  context: AdapterContext
  settings: SettingsPort
  secrets: SecretsPort
  /** Electron's `net.fetch` in the app; `globalThis.fetch` headless; the fake server's in tests. */
  fetch: typeof fetch
  clock?: Clock
  highWaterMark?: HighWaterMarkStore
  /** The ordering rule shared with the webhook route (default: one of this adapter's own). */
  ordering?: HelpCrunchOrdering
  /** Where records that cannot be read are kept (the state directory's dead letters). */
  deadLetters?: DeadLetters
  /** The request budget every hub shares (several hubs on one Redis); absent: this bucket is the whole budget. */
  sharedBudget?: SharedBudget
  /** Poller knobs for tests and benchmarks (reconcile pace, page size, minimum interval). */
  tuning?: Partial<
    Pick<
      PollerOptions,
      'minIntervalMs' | 'reconcileEveryMs' | 'overlapMs' | 'pageSize' | 'backoff' | 'onCycle' | 'maxSweepPagesPerCycle'
    >
  >
  /** Per-request timeout. */
  timeoutMs?: number
  /** Warnings of the HelpCrunch webhook route (e.g. deliveries refused for want of a signing key). */
  webhookWarnings?: () => string[]
}

interface Connection {
  apiUrl: string
  apiKey: string
  bucket: TokenBucket
  /** This desktop's share of the budget, lowered on 429 (`adaptive-rate.ts`). */
  rate: AdaptiveRate
  client: HelpCrunchClient
  poller: HelpCrunchPoller
}

/** HelpCrunch as the engine sees it. */
export class HelpCrunchAdapter implements SourceAdapter {
  readonly identity = HELPCRUNCH
  private readonly clock: Clock
  private readonly ordering: HelpCrunchOrdering
  private readonly unmapped: UnmappedRecords
  private connection: Connection | null = null
  private started = false
  /** Whether this process runs the poller (a hub that is not the cluster's leader does not). */
  private polling = true
  /** What `GET /organization` answered in `domain`, and the subdomain it gives (only a `*.helpcrunch.com` host). */
  private organizationDomain: { raw: string | null; subdomain: string | null } | null = null
  private pollWarnings: StatusNotice[] = []
  private starvation: Starvation | null = null
  private current: SourceStatus

  constructor(private readonly options: HelpCrunchAdapterOptions) {
    this.clock = options.clock ?? systemClock
    this.ordering = options.ordering ?? new HelpCrunchOrdering((key) => options.context.held(key))
    this.unmapped = new UnmappedRecords(options.context.log, options.deadLetters)
    this.current = this.makeStatus('disabled', 'no API key configured', null)
  }

  async start(): Promise<void> {
    this.started = true
    this.connect()
  }

  async stop(): Promise<void> {
    this.started = false
    await this.disconnect()
  }

  /** Starts or stops the poller only; quick actions and webhook fetches keep the connection (hub followers). */
  setPolling(on: boolean): void {
    if (this.polling === on) return
    this.polling = on
    const poller = this.connection?.poller
    if (!poller) return
    if (on) poller.start()
    else void poller.stop()
  }

  /** Applies changed settings or a changed key without a restart of the app. */
  reconfigure(): void {
    if (!this.started) return
    const hc = this.options.settings.get().helpcrunch
    const key = this.options.secrets.get('helpcrunch.apiKey')
    const live = this.connection
    // Same key and URL: adjust in place (the interval is read every cycle). After a rejected key, retry.
    if (live && live.apiKey === key && live.apiUrl === hc.apiUrl && this.current.state !== 'auth-failed') {
      live.rate.setCeiling(hc.requestsPerMinute)
      live.bucket.setRate(live.rate.current())
      this.republish()
      return
    }
    void this.disconnect().then(() => {
      if (this.started) this.connect()
    })
  }

  async refresh(): Promise<void> {
    await this.connection?.poller.refresh()
  }

  /**
   * Fetches one chat (a webhook announced it) and applies it: a REST answer describes the chat as of when its
   * request was sent, so it replaces what the webhook said before (`ordering.ts`). A 404 removes it.
   */
  async fetchChat(chatId: string): Promise<void> {
    const { client, poller } = this.live()
    try {
      poller.applySnapshot(await client.getChat(chatId, 'action'))
    } catch (error) {
      throw this.failed(error, 'fetch chat', `helpcrunch:${chatId}`)
    }
  }

  snooze(chat: Chat, until: number | null): Promise<Chat> {
    return this.act(chat, 'snooze', (client) => client.snooze(chat.sourceId, until))
  }

  assign(chat: Chat, agentId: string): Promise<Chat> {
    return this.act(chat, 'assign', (client) => client.assign(chat.sourceId, agentId))
  }

  /** Removes the assignee: `PUT /chats/assignee` with a null assignee (docs/helpcrunch-assignee.md). */
  unassign(chat: Chat): Promise<Chat> {
    return this.act(chat, 'unassign', (client) => client.assign(chat.sourceId, null))
  }

  /** Sets a HelpCrunch status or a unified state, in whichever documented spelling HelpCrunch accepts. */
  setStatus(chat: Chat, status: string): Promise<Chat> {
    return this.act(chat, 'status change', (client) => client.setStatus(chat.sourceId, status))
  }

  markRead(chat: Chat): Promise<Chat> {
    return this.act(chat, 'mark read', (client) => client.markRead(chat.sourceId))
  }

  /** "Me" at HelpCrunch: the agent chosen in `settings.helpcrunch.agentId`. */
  me(): string | null {
    return this.options.settings.get().helpcrunch.agentId
  }

  webUrl(chat: Chat): string | null {
    return this.webUrlFor(chat.sourceId)
  }

  /** The organisation's agents (`GET /agents`, every page), for the settings' "who am I" picker. */
  async listAgents(): Promise<AgentRef[]> {
    const { client } = this.live()
    try {
      return (await client.agents('action')).map((a) => ({ id: a.id, name: a.name, email: a.email }))
    } catch (error) {
      throw toCommandFailure(error, 'list agents')
    }
  }

  async testConnection(): Promise<{ ok: boolean; message: string }> {
    if (!this.connection) return { ok: false, message: 'no HelpCrunch API key is configured' }
    try {
      const { domain } = await this.connection.client.organization('action')
      this.learnDomain(domain)
      return { ok: true, message: `connected to HelpCrunch${domain ? ` (${domain})` : ''}` }
    } catch (error) {
      return { ok: false, message: toCommandFailure(error, 'connection test').message }
    }
  }

  status(): SourceStatus {
    const extra = this.options.webhookWarnings?.() ?? []
    return extra.length === 0 ? this.current : { ...this.current, warnings: [...this.current.warnings, ...extra] }
  }

  private connect(): void {
    const hc = this.options.settings.get().helpcrunch
    const apiKey = this.options.secrets.get('helpcrunch.apiKey')
    if (!apiKey) {
      // Deferred to the next turn: hosts announce `ready` right after start() and it must come first.
      this.clock.setTimeout(() => {
        if (this.started && !this.connection) this.report('disabled', 'no API key configured')
      }, 0)
      return
    }
    const rate = new AdaptiveRate(hc.requestsPerMinute, this.clock)
    const bucket = new TokenBucket(rate.current(), this.clock, (starvation) => {
      this.starvation = starvation
      if (this.connection?.bucket === bucket) this.republish()
    })
    let applied = rate.current()
    // Read every cycle: a recovered rate reaches the bucket and the poll pace without a timer of its own.
    const currentRate = () => {
      const now = rate.current()
      if (now !== applied) bucket.setRate(now)
      applied = now
      return now
    }
    const client = new HelpCrunchClient({
      baseUrl: hc.apiUrl,
      apiKey,
      fetch: this.options.fetch,
      bucket,
      clock: this.clock,
      timeoutMs: this.options.timeoutMs,
      webUrl: (id) => this.webUrlFor(id),
      shared: this.options.sharedBudget && {
        take: () => this.options.sharedBudget?.take(rate.current()) ?? Promise.resolve(),
      },
      onRateLimited: () => {
        if (!rate.rateLimited()) return
        currentRate()
        this.options.context.log.warn('helpcrunch: 429, lowering this desktop’s rate', { ...rate.state() })
        if (this.connection?.rate === rate) this.republish()
      },
    })
    const poller = new HelpCrunchPoller({
      ...this.options.tuning,
      client,
      context: this.options.context,
      ordering: this.ordering,
      unmapped: this.unmapped,
      clock: this.clock,
      highWaterMark: this.options.highWaterMark,
      intervalMs: () => this.options.settings.get().helpcrunch.pollSeconds * 1000,
      requestsPerMinute: currentRate,
      pausedUntil: () => bucket.resumesAt,
      onStatus: (state, message, detail) => this.report(state, message, detail),
    })
    const connection = { apiUrl: hc.apiUrl, apiKey, bucket, rate, client, poller }
    this.connection = connection
    // Next turn (hosts announce `ready` first): connecting is loading, not "not set up".
    this.clock.setTimeout(() => {
      if (this.connection === connection && this.current.state === 'disabled')
        this.report('polling', 'loading open chats')
    }, 0)
    // Learn the domain first so the chats of the first load already carry their web links.
    const ready = hc.domain || this.organizationDomain ? Promise.resolve() : this.loadDomain(client)
    void ready.then(() => {
      if (this.connection === connection && this.polling) poller.start()
    })
  }

  private async disconnect(): Promise<void> {
    const live = this.connection
    this.connection = null
    if (!live) return
    live.bucket.close(new HelpCrunchError('network', 'the HelpCrunch source was stopped'))
    await live.poller.stop()
  }

  private loadDomain(client: HelpCrunchClient): Promise<void> {
    return client.organization().then(
      ({ domain }) => this.learnDomain(domain),
      (error) => this.options.context.log.warn('helpcrunch: organization domain unavailable', { error: String(error) }),
    )
  }

  private learnDomain(raw: string | null): void {
    this.organizationDomain = { raw, subdomain: subdomainFromOrganization(raw) }
  }

  /** The agent-app link of a chat id: the configured subdomain, else the organisation's (when it can be trusted). */
  webUrlFor(chatId: string): string | null {
    const hc = this.options.settings.get().helpcrunch
    return fillWebUrl(hc.webUrlTemplate, hc.domain ?? this.organizationDomain?.subdomain ?? null, chatId)
  }

  private live(): Connection {
    if (!this.connection) throw new CommandFailure('not_configured', 'no HelpCrunch API key is configured')
    return this.connection
  }

  private async act(
    chat: Chat,
    action: string,
    run: (client: HelpCrunchClient) => Promise<ChatSnapshot>,
  ): Promise<Chat> {
    const { client } = this.live()
    try {
      const { chat: answered, sentAt } = await run(client)
      // The engine applies what this returns at once; it goes through the same ordering rule as every answer.
      return this.ordering.snapshot(answered, sentAt) ?? this.options.context.held(chat.key) ?? answered
    } catch (error) {
      throw this.failed(error, action, chat.key)
    }
  }

  /** Maps a failed call to the caller's error; a vanished chat is removed, a rejected key stops polling. */
  private failed(error: unknown, action: string, key: string): CommandFailure {
    if (error instanceof HelpCrunchError && error.kind === 'not-found') {
      this.options.context.remove(key, 'deleted')
      this.ordering.forget(key, this.clock.now())
    }
    if (error instanceof HelpCrunchError && error.kind === 'auth') {
      void this.connection?.poller.stop()
      this.report('auth-failed', 'API key rejected')
    }
    return toCommandFailure(error, action)
  }

  /** Re-publishes the current state with fresh warnings (the rate, starvation or settings changed). */
  private republish(): void {
    this.report(
      this.current.state,
      this.current.message,
      { warnings: this.pollWarnings, retryAt: this.current.retryAt },
      false,
    )
  }

  /** Publishes a status; `succeeded` false re-publishes the current one without a new `lastOkAt`. */
  private report(state: SourceState, message: string | null, detail: PollStatusDetail = {}, succeeded = true): void {
    const lastOkAt = succeeded && state === 'ok' ? this.clock.now() : this.current.lastOkAt
    this.pollWarnings = detail.warnings ?? []
    const base = this.makeStatus(state, message, lastOkAt)
    const rate = this.connection?.rate.state()
    const facts = {
      rate,
      starvation: this.starvation,
      domain: state === 'disabled' ? undefined : (this.organizationDomain ?? undefined),
      domainConfigured: Boolean(this.options.settings.get().helpcrunch.domain),
    }
    const coded = [...connectionWarnings(facts), ...this.pollWarnings]
    this.current = {
      ...base,
      warnings: [...base.warnings, ...coded.map((w) => w.message)],
      ...(base.notices || coded.length > 0 ? { notices: [...(base.notices ?? []), ...coded] } : {}),
      ...(rate ? { rate } : {}),
      ...(detail.retryAt === undefined ? {} : { retryAt: detail.retryAt }),
    }
    this.options.context.reportStatus(this.status())
  }

  private makeStatus(state: SourceState, message: string | null, lastOkAt: number | null): SourceStatus {
    const base = { source: this.identity.id, state, message, lastOkAt, at: this.clock.now() }
    if (state === 'disabled' || this.options.settings.get().helpcrunch.agentId) return { ...base, warnings: [] }
    // Coded, so a program (the team hub, which has no agent of its own) can tell it apart without its words.
    const notice = {
      code: 'me-missing' as const,
      message: 'no HelpCrunch agent chosen: "assign to me" and "mine" alerts are unavailable',
    }
    return { ...base, warnings: [notice.message], notices: [notice] }
  }
}
