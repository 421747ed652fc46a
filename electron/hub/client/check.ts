/**
 * The diagnostic of a desktop that follows a team hub (`--check` with `--hub`): the hub answers, accepts this
 * desktop's token and sends a snapshot naming its agent. Never throws; never prints the token.
 */
import { createParser } from 'eventsource-parser'
import type { CheckResult } from '../../../shared/protocol'

const TIMEOUT_MS = 10_000

/** Connects to the stream once and reports what it found. */
export async function checkHub(hub: { url: string; token: string; fetch: typeof fetch }): Promise<CheckResult> {
  const signal = AbortSignal.timeout(TIMEOUT_MS)
  let response: Response
  try {
    response = await hub.fetch(`${hub.url}/v1/stream`, { headers: { authorization: `Bearer ${hub.token}` }, signal })
  } catch (error) {
    return {
      id: 'hub.reachable',
      status: 'fail',
      message: `the team hub at ${hub.url} does not answer (${(error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message})`,
      fix: 'check the hub address (--hub) and that the hub runs (npm run hub) behind its reverse proxy',
    }
  }
  if (response.status === 401) {
    await response.body?.cancel()
    return {
      id: 'hub.token',
      status: 'fail',
      message: 'the team hub refused this token (401)',
      fix: "ask the hub's admin for a token in its tokens file (--hub-token)",
    }
  }
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel()
    return { id: 'hub.reachable', status: 'fail', message: `the team hub answered ${response.status} on /v1/stream` }
  }
  let agent: string | null = null
  const parser = createParser({
    onEvent(message) {
      if (message.event !== 'snapshot') return
      try {
        agent = (JSON.parse(message.data) as { agent?: { name?: string } }).agent?.name ?? null
      } catch {}
    },
  })
  const decoder = new TextDecoder()
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }))
      if (agent !== null) break
    }
  } catch {}
  await response.body.cancel().catch(() => {})
  if (agent === null)
    return { id: 'hub.stream', status: 'fail', message: 'the team hub accepted the token but sent no snapshot' }
  return { id: 'hub.stream', status: 'pass', message: `following ${hub.url} as ${agent}` }
}
