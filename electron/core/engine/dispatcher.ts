/**
 * The one entry point for commands. Main-side callers name a command at compile time (`run`); untrusted edges
 * (IPC, stdin, the hub's `POST /v1/commands`) pass what they received (`runUntrusted`). Either way the
 * parameters are validated with the protocol's zod schemas before any handler runs, every failure becomes a
 * typed `CommandError` (a handler can never crash the host), and who the command runs for is explicit: the
 * `actor` of its `CommandContext` (none = this machine's own user).
 */
import type { z } from 'zod'
import {
  type CommandError,
  CommandFailure,
  type CommandName,
  type CommandOutcome,
  type CommandParams,
  type CommandResult,
  commandSchemas,
} from '../../../shared/protocol'
import type { Logger } from './log'

/**
 * Someone a command runs for other than this machine's user: on the team hub, the agent a request's token names.
 * `me` is their id at each source (absent or null: they have none there).
 */
export interface Actor {
  name: string
  me: Readonly<Record<string, string | null>>
}

/** Who a command runs for. Without an `actor` it runs for this machine's own user ("me" from each source). */
export interface CommandContext {
  actor?: Actor
}

/** A command handler: validated params in, typed result out (or a thrown `CommandFailure`). */
export type CommandHandler<K extends CommandName> = (
  params: z.output<(typeof commandSchemas)[K]>,
  context: CommandContext,
) => Promise<CommandResult<K>> | CommandResult<K>

/** What `runUntrusted` resolves to. */
export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: CommandError }

/** A typed command sender (main-side callers: tray, toasts, the desktop shell). */
export type TypedDispatch = <K extends CommandName>(name: K, params: CommandParams<K>) => Promise<CommandOutcome<K>>

/** Routes commands to registered handlers. */
export class Dispatcher {
  private readonly handlers = new Map<CommandName, CommandHandler<CommandName>>()

  constructor(private readonly log: Logger) {}

  /** Registers the handler of one command (replacing none: registering twice is a programming error). */
  register<K extends CommandName>(name: K, handler: CommandHandler<K>): void {
    if (this.handlers.has(name)) throw new Error(`command "${name}" registered twice`)
    this.handlers.set(name, handler as unknown as CommandHandler<CommandName>)
  }

  /**
   * Replaces a default handler with a layer's own: the team hub runs `chat.claim` and `presence.report` itself
   * (a compare-and-set across desktops), where every other host runs the engine's default.
   */
  replace<K extends CommandName>(name: K, handler: CommandHandler<K>): void {
    if (!this.handlers.has(name)) throw new Error(`command "${name}" has no handler to replace`)
    this.handlers.set(name, handler as unknown as CommandHandler<CommandName>)
  }

  /** Commands with no handler yet (the composition root checks this is empty). */
  missing(): CommandName[] {
    return (Object.keys(commandSchemas) as CommandName[]).filter((name) => !this.handlers.has(name))
  }

  /**
   * Runs a command a main-side caller names at compile time. Still validated like `runUntrusted`; the result
   * type holds because `register` only accepts a handler returning `CommandResult<K>` for `K`.
   */
  async run<K extends CommandName>(
    name: K,
    params: CommandParams<K>,
    context: CommandContext = {},
  ): Promise<CommandOutcome<K>> {
    return (await this.runUntrusted(name, params, context)) as CommandOutcome<K>
  }

  /** Validates and runs one command from an untrusted edge (IPC, stdin, the hub's command route). Never throws. */
  async runUntrusted(name: unknown, params: unknown, context: CommandContext = {}): Promise<DispatchOutcome> {
    if (typeof name !== 'string' || !Object.hasOwn(commandSchemas, name)) {
      return fail('bad_command', `unknown command ${JSON.stringify(String(name)).slice(0, 80)}`)
    }
    const command = name as CommandName
    const handler = this.handlers.get(command)
    if (!handler) return fail('unsupported', `command "${command}" is not available in this host`)
    const parsed = commandSchemas[command].safeParse(params ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? `"${issue.path.join('.')}": ` : ''
      return fail('invalid_params', `${command}: ${where}${issue?.message ?? 'invalid parameters'}`)
    }
    try {
      return { ok: true, result: await handler(parsed.data as never, context) }
    } catch (error) {
      if (error instanceof CommandFailure) return { ok: false, error: error.toError() }
      this.log.error('command failed unexpectedly', { command, error })
      return fail('internal', `${command} failed unexpectedly`)
    }
  }
}

function fail(code: CommandError['code'], message: string): DispatchOutcome {
  return { ok: false, error: { code, message } }
}
