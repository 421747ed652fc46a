/**
 * A source's `fetch`, watched for the help desk's clock: every answer's `Date` header (RFC 9110 §6.6.1, one-second
 * precision) is told to the engine's clock watch for that source, so a local clock that disagrees with the help
 * desk's is said on the source's status, and chat versions are judged against the help desk's clock.
 */

/** `fetchImpl`, telling `observe` the `Date` of every answer that has a readable one. */
export function watchingDates(fetchImpl: typeof fetch, observe: (date: number) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init)
    const header = response.headers.get('date')
    const date = header === null || header.length > 64 ? Number.NaN : Date.parse(header)
    if (Number.isFinite(date)) observe(date)
    return response
  }
}
