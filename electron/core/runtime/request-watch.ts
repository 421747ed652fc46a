/**
 * A source's `fetch`, counted: every request to its help desk is told, with the answer's status (null when none
 * came), to whoever watches (the team hub's metrics: requests and 429s per source). Nothing is told the URL, the
 * headers or the body.
 */

/** Told of each answered (or failed) request of a source. */
export type RequestListener = (source: string, status: number | null) => void

/** `fetchImpl` of `source`, telling each of `listeners` (read per request, so late watchers count too). */
export function watchingRequests(
  fetchImpl: typeof fetch,
  source: string,
  listeners: ReadonlySet<RequestListener>,
): typeof fetch {
  const tell = (status: number | null) => {
    for (const listener of listeners) listener(source, status)
  }
  return async (input, init) => {
    if (listeners.size === 0) return fetchImpl(input, init)
    let response: Response
    try {
      response = await fetchImpl(input, init)
    } catch (error) {
      tell(null)
      throw error
    }
    tell(response.status)
    return response
  }
}
