/**
 * The hub flags of the headless host: `--hub-tokens FILE` makes it the team hub (`npm run hub`), `--hub URL
 * --hub-token TOKEN` makes it a client of one. Tuning that tests and benchmarks shorten lives in `CHAT_TRAY_HUB_*`
 * variables. Invalid values are reported precisely (exit code 2).
 */

import { apiUrlProblem } from '../../../shared/api-url'
import { PRESENCE_TIMING } from '../../../shared/protocol/team'
import { HUB_CLIENT_TIMINGS, type HubClientConfig } from '../../hub/client/register'
import { HUB_DEFAULTS, reservedConnections } from '../../hub/server/hub'

/** Hub (server) options. */
export interface HubServeOptions {
  tokensFile: string
  heartbeatMs: number
  maxBufferBytes: number
  replayEvents: number
  /** Open connections the listener takes (streams + webhooks + commands). */
  maxConnections: number
  /** Streams of all tokens together (fewer than `maxConnections`: webhooks keep the rest). */
  maxStreams: number
  streamsPerToken: number
  catchUpMs: number
  commandsPerMinute: number
  commandConcurrency: number
  authFailuresPerMinute: number
  /** An agent whose desktops sent no presence report for this long is stale (ms, docs/team.md). */
  presenceStaleMs: number
}

/** What `parseHubOptions` reads from the parsed flags. */
export interface HubFlagValues {
  'hub-tokens'?: string
  hub?: string
  'hub-token'?: string
}

/** The parse options of the hub flags (merged into the host's `parseArgs` table). */
export const HUB_FLAGS = {
  'hub-tokens': { type: 'string' },
  hub: { type: 'string' },
  'hub-token': { type: 'string' },
} as const

/** Usage lines of the hub flags. */
export const HUB_USAGE = `  --hub-tokens FILE             serve as the team hub with these tokens (CHAT_TRAY_HUB_TOKENS_FILE; npm run hub)
  --hub URL                     follow a team hub instead of polling  (CHAT_TRAY_HUB_URL)
  --hub-token TOKEN             this desktop's token for --hub        (CHAT_TRAY_HUB_TOKEN)`

/** Parses the hub flags; `fail` throws the host's usage error. */
export function parseHubOptions(
  values: HubFlagValues,
  env: NodeJS.ProcessEnv,
  serveHub: boolean,
  fail: (message: string) => never,
): { hub: HubServeOptions | null; hubClient: HubClientConfig | null } {
  const pick = (flag: string | undefined, variable: string) => {
    const value = flag ?? env[variable]
    return value === undefined || value === '' ? null : value
  }
  const tokensFile = pick(values['hub-tokens'], 'CHAT_TRAY_HUB_TOKENS_FILE')
  const url = pick(values.hub, 'CHAT_TRAY_HUB_URL')
  const token = pick(values['hub-token'], 'CHAT_TRAY_HUB_TOKEN')
  const int = (variable: string, fallback: number, min: number, max: number) => {
    const text = env[variable]
    if (text === undefined || text === '') return fallback
    const n = Number(text)
    if (!Number.isInteger(n) || n < min || n > max) fail(`${variable}: expected a whole number from ${min} to ${max}`)
    return n
  }
  if (serveHub) {
    if (!tokensFile) fail('--hub-tokens: the hub needs a tokens file (or CHAT_TRAY_HUB_TOKENS_FILE)')
    if (url) fail('--hub: a hub cannot follow another hub')
    const maxConnections = int('CHAT_TRAY_HUB_MAX_CONNECTIONS', HUB_DEFAULTS.maxConnections, 16, 1_000_000)
    const streamSlots = maxConnections - reservedConnections(maxConnections)
    return {
      hubClient: null,
      hub: {
        tokensFile,
        heartbeatMs: int('CHAT_TRAY_HUB_HEARTBEAT_MS', HUB_DEFAULTS.heartbeatMs, 50, 15_000),
        maxBufferBytes: int('CHAT_TRAY_HUB_CLIENT_BUFFER_BYTES', HUB_DEFAULTS.maxBufferBytes, 1024, 256 * 1024 * 1024),
        replayEvents: int('CHAT_TRAY_HUB_REPLAY_EVENTS', HUB_DEFAULTS.replayEvents, 10, 1_000_000),
        maxConnections,
        maxStreams: int('CHAT_TRAY_HUB_MAX_STREAMS', streamSlots, 1, streamSlots),
        streamsPerToken: int('CHAT_TRAY_HUB_STREAMS_PER_TOKEN', HUB_DEFAULTS.streamsPerToken, 1, 1000),
        catchUpMs: int('CHAT_TRAY_HUB_CATCHUP_MS', HUB_DEFAULTS.catchUpMs, 100, 3_600_000),
        commandsPerMinute: int('CHAT_TRAY_HUB_COMMANDS_PER_MINUTE', HUB_DEFAULTS.commandsPerMinute, 1, 100_000),
        commandConcurrency: int('CHAT_TRAY_HUB_COMMAND_CONCURRENCY', HUB_DEFAULTS.commandConcurrency, 1, 1000),
        authFailuresPerMinute: int(
          'CHAT_TRAY_HUB_AUTH_FAILURES_PER_MINUTE',
          HUB_DEFAULTS.authFailuresPerMinute,
          1,
          100_000,
        ),
        presenceStaleMs: int('CHAT_TRAY_HUB_PRESENCE_STALE_MS', PRESENCE_TIMING.staleAfterMs, 1000, 3_600_000),
      },
    }
  }
  // The variable alone is harmless in a desktop's environment; the flag outside `npm run hub` is a mistake.
  if (values['hub-tokens']) fail('--hub-tokens: start the hub with `npm run hub`')
  if (!url && !token) return { hub: null, hubClient: null }
  if (!url) fail('--hub-token: give the hub address too (--hub URL)')
  if (!token) fail('--hub: give this desktop its token too (--hub-token TOKEN)')
  const problem = apiUrlProblem(url)
  if (problem) fail(`--hub: ${problem}`)
  return {
    hub: null,
    hubClient: {
      url: url.replace(/\/+$/, ''),
      token,
      retryMs: int('CHAT_TRAY_HUB_RETRY_MS', HUB_CLIENT_TIMINGS.retryMs, 10, 60_000),
      maxRetryMs: int('CHAT_TRAY_HUB_MAX_RETRY_MS', HUB_CLIENT_TIMINGS.maxRetryMs, 10, 600_000),
      idleMs: int('CHAT_TRAY_HUB_IDLE_MS', HUB_CLIENT_TIMINGS.idleMs, 100, 600_000),
    },
  }
}
