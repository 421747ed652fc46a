/**
 * `POST /v1/commands`: one protocol command per request, run by the hub for the token's agent (the command's
 * `actor`: "assign to me" assigns to them) and answered like `command.result` (200 `{id, ok, result | error}`).
 * Malformed JSON or a command outside `HUB_COMMANDS` is a 400 with code `bad_command`; a command past the
 * token's quota is a 429 `rate_limited` with `retryAfterMs` (and `Retry-After`).
 */
import type { ServerResponse } from 'node:http'
import { HUB_COMMANDS, type HubAgent } from '../../../shared/protocol/hub'
import type { Dispatcher } from '../../core/engine/dispatcher'
import { readRawBody } from '../../core/http/body'
import { type RouteHandler, sendJson } from '../../core/http/server'
import { type HubAuth, retryLater } from './auth'
import type { CommandQuotas } from './quotas'
import type { RunOnce } from './redis-actions'

const ALLOWED = new Set<string>(HUB_COMMANDS)

/** The command route. `shape` adjusts a result for a remote desktop (e.g. a snapshot without hub alerts). */
export function commandsRoute(deps: {
  auth: HubAuth
  /** Each token's share of commands; without it, commands are not limited per token. */
  quotas?: CommandQuotas
  dispatcher: Dispatcher
  shape?: (command: string, result: unknown, agent: HubAgent) => unknown
  /** Several hubs: runs the same chat action once among them (redis-actions.ts). */
  once?: RunOnce
}): RouteHandler {
  return async (req, res, context) => {
    const caller = deps.auth(req, res)
    if (!caller) return
    const { agent } = caller
    const body = await readRawBody(req, context.limits)
    if (!body.ok) return badCommand(res, null, body.error, body.status)
    let message: unknown
    try {
      message = JSON.parse(body.body.toString('utf8'))
    } catch {
      return badCommand(res, null, 'not valid JSON')
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      return badCommand(res, null, 'a command must be a JSON object')
    const { id: rawId, command, ...params } = message as Record<string, unknown>
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null
    if (typeof command !== 'string') return badCommand(res, id, 'missing "command"')
    if (!ALLOWED.has(command))
      return badCommand(
        res,
        id,
        `unknown command ${JSON.stringify(command.slice(0, 60))} (the hub takes ${HUB_COMMANDS.join(', ')})`,
      )
    const slot = deps.quotas?.take(caller) ?? { ok: true, release() {} }
    if (!slot.ok) {
      const error = { code: 'rate_limited', message: slot.message, retryAfterMs: slot.retryAfterMs }
      return retryLater(res, 429, slot.retryAfterMs, { id, ok: false, error })
    }
    const execute = () => deps.dispatcher.runUntrusted(command, params, { actor: agent })
    const outcome = await (deps.once ? deps.once(command, params, agent, execute) : execute()).finally(slot.release)
    if (!outcome.ok) return sendJson(res, 200, { id, ok: false, error: outcome.error })
    const result = deps.shape ? deps.shape(command, outcome.result, agent) : outcome.result
    sendJson(res, 200, { id, ok: true, result })
  }
}

function badCommand(res: ServerResponse, id: string | null, message: string, status = 400): void {
  sendJson(res, status, { id, ok: false, error: { code: 'bad_command', message } })
}
