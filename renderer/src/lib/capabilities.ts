/** Which quick actions a source offers in the panel (mirrors the adapters' capabilities). */

/** Sources whose API can assign a chat to the agent. */
const ASSIGNABLE = new Set(['helpcrunch'])

/** True when "assign to me" is offered for chats of `source`. */
export function canAssign(source: string): boolean {
  return ASSIGNABLE.has(source)
}
