/**
 * Command-line flags and environment variables of the headless host. Every flag has an environment
 * variable; a flag wins over its variable. Invalid values are reported precisely (exit code 2).
 */
import { parseArgs } from 'node:util'
import { apiUrlProblem } from '../../../shared/api-url'
import { isLoopbackHost } from '../../../shared/loopback'
import type { SecretName } from '../../../shared/settings'
import { secretProblem } from '../../core/runtime/settings-rules'
import type { HubClientConfig } from '../../hub/client/register'
import { HUB_FLAGS, HUB_USAGE, type HubServeOptions, parseHubOptions } from './hub-options'

/** Parsed, validated options. */
export interface HeadlessOptions {
  helpcrunchKey: string | null
  helpcrunchUrl: string
  /** The HelpCrunch subdomain for "Open" links, when `GET /organization` does not name a helpcrunch.com host. */
  helpcrunchDomain: string | null
  pollSeconds: number | null
  listenHost: string
  listenPort: number
  /** Binding beyond loopback was allowed explicitly (`--allow-remote`). */
  allowRemote: boolean
  /** Host names requests may be addressed to besides loopback (a tunnel's public name). */
  publicHosts: string[]
  deskdirectorSecrets: string[]
  helpcrunchSigningKey: string | null
  agentId: string | null
  stateDir: string | null
  demo: boolean
  check: boolean
  /** With `check`: the directory the checks' answers are written to (personal values replaced). */
  record: string | null
  help: boolean
  /** Serve as the team hub (`npm run hub`). */
  hub: HubServeOptions | null
  /** Follow a team hub instead of polling and listening. */
  hubClient: HubClientConfig | null
}

/** Usage text printed by `--help`. */
export const USAGE = `Usage: npm run headless -- [options]      (the team hub: npm run hub -- [options] --hub-tokens FILE)

  --helpcrunch-key KEY          HelpCrunch API key                    (HELPCRUNCH_API_KEY)
  --helpcrunch-url URL          HelpCrunch API base URL               (HELPCRUNCH_API_URL, default https://api.helpcrunch.com/v1)
  --helpcrunch-domain NAME      HelpCrunch subdomain for Open links   (HELPCRUNCH_DOMAIN, e.g. acme for acme.helpcrunch.com)
  --poll-seconds N              HelpCrunch poll interval, >= 5        (CHAT_TRAY_POLL_SECONDS, default 15)
  --listen HOST:PORT            webhook listener address, port 0=any  (CHAT_TRAY_LISTEN, default 127.0.0.1:4757)
  --allow-remote                allow a --listen host beyond loopback (CHAT_TRAY_ALLOW_REMOTE=1)
  --public-host NAME            a Host name to serve, e.g. the tunnel's, repeat (CHAT_TRAY_PUBLIC_HOSTS, comma-separated)
  --deskdirector-secret SECRET  DeskDirector webhook secret, repeat   (DESKDIRECTOR_WEBHOOK_SECRETS, comma-separated)
  --helpcrunch-signing-key KEY  HelpCrunch webhook signing key        (HELPCRUNCH_WEBHOOK_KEY)
  --agent-id ID                 HelpCrunch agent id of "me"           (HELPCRUNCH_AGENT_ID)
  --state-dir DIR               where alert memory and snoozes live   (CHAT_TRAY_STATE_DIR)
  --demo                        run on built-in demo data             (CHAT_TRAY_DEMO=1)
${HUB_USAGE}
  --check                       diagnose the configuration and exit   (exit 0 = all checks pass)
  --record DIR                  with --check: write the answers it got to DIR, names, emails and message texts replaced (CHAT_TRAY_RECORD_DIR)
  --help                        this text

stdout: NDJSON events, one per line. stdin: NDJSON commands {"id":"1","command":"snapshot.get"}.
Logs go to stderr.`

/** Most `--public-host` names, as `listener.publicHosts` allows. */
export const MAX_PUBLIC_HOSTS = 20

/** A usage error: the message says which flag or variable is wrong. */
export class OptionsError extends Error {}

/** Parses argv (without node and script) and env into options; throws `OptionsError` on bad input. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv, serveHub = false): HeadlessOptions {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(argv).values
  } catch (error) {
    throw new OptionsError((error as Error).message)
  }
  const pick = (flag: string | undefined, variable: string): string | null => {
    const value = flag ?? env[variable]
    return value === undefined || value === '' ? null : value
  }
  const listen = parseListen(pick(values.listen, 'CHAT_TRAY_LISTEN') ?? '127.0.0.1:4757')
  const poll = pick(values['poll-seconds'], 'CHAT_TRAY_POLL_SECONDS')
  const url = pick(values['helpcrunch-url'], 'HELPCRUNCH_API_URL') ?? 'https://api.helpcrunch.com/v1'
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new OptionsError(`--helpcrunch-url: not an http(s) URL: ${url}`)
  const urlProblem = apiUrlProblem(url)
  if (urlProblem) throw new OptionsError(`--helpcrunch-url: ${urlProblem}`)
  const allowRemote =
    values['allow-remote'] === true || env.CHAT_TRAY_ALLOW_REMOTE === '1' || env.CHAT_TRAY_ALLOW_REMOTE === 'true'
  if (!allowRemote && !isLoopbackHost(listen.host)) {
    throw new OptionsError(
      `--listen: ${listen.host} is reachable from other machines; add --allow-remote (CHAT_TRAY_ALLOW_REMOTE=1) to bind it`,
    )
  }
  const flagHosts = values['public-host'] ?? []
  const publicHosts = (flagHosts.length > 0 ? flagHosts : (env.CHAT_TRAY_PUBLIC_HOSTS ?? '').split(','))
    .map((h) => h.trim())
    .filter(Boolean)
  const badHost = publicHosts.find((h) => !/^[a-z0-9.-]{1,253}$/i.test(h))
  if (badHost !== undefined) throw new OptionsError(`--public-host: not a host name: "${badHost}"`)
  // The same bound as the `listener.publicHosts` setting, so the app and the headless host accept the same lists.
  if (publicHosts.length > MAX_PUBLIC_HOSTS) throw new OptionsError(`--public-host: at most ${MAX_PUBLIC_HOSTS} names`)
  const flagSecrets = values['deskdirector-secret'] ?? []
  const secrets = flagSecrets.length > 0 ? flagSecrets : (env.DESKDIRECTOR_WEBHOOK_SECRETS ?? '').split(',')
  // `--help` always answers, even where a required hub flag is missing.
  const hubOptions = parseHubOptions(values, env, serveHub && values.help !== true, (message) => {
    throw new OptionsError(message)
  })
  // The same rule as `secrets.set`: a key that is only whitespace or has spaces in it is a copy-paste mistake.
  const secret = (name: SecretName, flag: string, value: string | null): string | null => {
    const problem = value === null ? null : secretProblem(name, value)
    if (problem) throw new OptionsError(`--${flag}: the value ${problem}`)
    return value
  }
  if (hubOptions.hubClient) secret('hub.token', 'hub-token', hubOptions.hubClient.token)
  const metricsHost = hubOptions.hub?.metricsListen?.host
  if (metricsHost !== undefined && !allowRemote && !isLoopbackHost(metricsHost))
    throw new OptionsError(
      `--metrics-listen: ${metricsHost} is reachable from other machines; add --allow-remote (CHAT_TRAY_ALLOW_REMOTE=1) to bind it`,
    )
  return {
    ...hubOptions,
    helpcrunchKey: secret('helpcrunch.apiKey', 'helpcrunch-key', pick(values['helpcrunch-key'], 'HELPCRUNCH_API_KEY')),
    helpcrunchUrl: url.replace(/\/+$/, ''),
    helpcrunchDomain: subdomain(pick(values['helpcrunch-domain'], 'HELPCRUNCH_DOMAIN')),
    pollSeconds: poll === null ? null : parsePollSeconds(poll),
    listenHost: listen.host,
    listenPort: listen.port,
    allowRemote,
    publicHosts,
    deskdirectorSecrets: secrets.map((s) => s.trim()).filter(Boolean),
    helpcrunchSigningKey: secret(
      'helpcrunch.signingKey',
      'helpcrunch-signing-key',
      pick(values['helpcrunch-signing-key'], 'HELPCRUNCH_WEBHOOK_KEY'),
    ),
    agentId: pick(values['agent-id'], 'HELPCRUNCH_AGENT_ID'),
    stateDir: pick(values['state-dir'], 'CHAT_TRAY_STATE_DIR'),
    demo: values.demo === true || env.CHAT_TRAY_DEMO === '1' || env.CHAT_TRAY_DEMO === 'true',
    check: values.check === true,
    record: recordDir(pick(values.record, 'CHAT_TRAY_RECORD_DIR'), values.check === true),
    help: values.help === true,
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      'helpcrunch-key': { type: 'string' },
      'helpcrunch-url': { type: 'string' },
      'helpcrunch-domain': { type: 'string' },
      'poll-seconds': { type: 'string' },
      listen: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      'public-host': { type: 'string', multiple: true },
      'deskdirector-secret': { type: 'string', multiple: true },
      'helpcrunch-signing-key': { type: 'string' },
      'agent-id': { type: 'string' },
      'state-dir': { type: 'string' },
      demo: { type: 'boolean' },
      check: { type: 'boolean' },
      record: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...HUB_FLAGS,
    },
  })
}

/** A HelpCrunch subdomain: one DNS label (`acme`), or the full `acme.helpcrunch.com`. */
function subdomain(value: string | null): string | null {
  if (value === null) return null
  const label = value
    .trim()
    .toLowerCase()
    .replace(/\.helpcrunch\.com$/, '')
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label))
    throw new OptionsError(
      `--helpcrunch-domain: expected the subdomain, e.g. "acme" for acme.helpcrunch.com, got "${value}"`,
    )
  return label
}

/** `--record DIR` is a `--check` option: it records what the checks were answered. */
function recordDir(dir: string | null, check: boolean): string | null {
  if (dir === null) return null
  if (!check) throw new OptionsError('--record: only with --check (it records the answers the checks get)')
  return dir
}

/** Parses `HOST:PORT` (IPv6 as `[::1]:PORT`). */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text.trim())
  const port = match ? Number(match[3]) : Number.NaN
  if (!match || port > 65535) throw new OptionsError(`--listen: expected HOST:PORT (port 0-65535), got "${text}"`)
  return { host: (match[1] ?? match[2]) as string, port }
}

function parsePollSeconds(text: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 5 || n > 3600) {
    throw new OptionsError(`--poll-seconds: expected a whole number from 5 to 3600, got "${text}"`)
  }
  return n
}
