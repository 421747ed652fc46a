/**
 * Follows the hub's stream for the signed-in lead: `GET /board/stream` is `/v1/stream` answered for the board's
 * session cookie (an `EventSource` cannot send a bearer token, and the cookie never leaves `/board`). The browser
 * reconnects by itself and resumes with `Last-Event-ID`; when the hub refuses (the session ended) the board asks
 * whether it is still signed in and shows the sign-in form if not.
 */
import { BOARD_EVENTS } from './board-events'
import { applyEvent, useBoard } from './board-store'

/** Opens the stream; returns a function that closes it. `onSignedOut` runs when the session has ended. */
export function followStream(onSignedOut: () => void, now: () => number = Date.now): () => void {
  const source = new EventSource('/board/stream')
  const handle = (name: string) => (message: MessageEvent<string>) => {
    let data: unknown
    try {
      data = JSON.parse(message.data)
    } catch {
      data = null
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      useBoard.setState((state) => ({ unreadable: state.unreadable + 1 }))
      return
    }
    useBoard.setState((state) => applyEvent(state, name, data as Record<string, unknown>, now()))
  }
  for (const name of BOARD_EVENTS) source.addEventListener(name, handle(name) as EventListener)
  source.addEventListener('open', () => useBoard.setState({ connection: 'live' }))
  source.addEventListener('error', () => {
    useBoard.setState({ connection: 'offline' })
    if (source.readyState !== EventSource.CLOSED) return
    // Refused, not merely dropped: still signed in means the hub is busy; try again shortly.
    void fetch('/board/session', { credentials: 'same-origin' }).then(
      (answer) => (answer.status === 401 ? onSignedOut() : setTimeout(() => reopen(), 5_000)),
      () => setTimeout(() => reopen(), 5_000),
    )
  })
  let closeCurrent = () => source.close()
  const reopen = () => {
    closeCurrent()
    closeCurrent = followStream(onSignedOut, now)
  }
  return () => closeCurrent()
}
