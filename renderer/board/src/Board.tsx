/**
 * The supervisor board: asks the hub whether this browser is signed in (`GET /board/session`), then shows the
 * sign-in form or the live board. The page holds no token: the session cookie is HttpOnly and only the
 * session's CSRF value (for the sign-out form) reaches the script.
 */
import { useCallback, useEffect, useState } from 'react'
import { BoardView } from './BoardView'
import { SignIn } from './SignIn'
import { type BoardSession, readSession } from './session'

/** The whole page. */
export function Board() {
  const [session, setSession] = useState<BoardSession | 'signed-out' | 'loading' | 'error'>('loading')
  // Stable: the board's stream is opened once per session, not once per render.
  const signedOut = useCallback(() => setSession('signed-out'), [])
  useEffect(() => {
    let live = true
    readSession().then((read) => live && setSession(read))
    return () => {
      live = false
    }
  }, [])
  if (session === 'loading')
    return (
      <main className="board">
        <p role="status">Loading the board…</p>
      </main>
    )
  if (session === 'error')
    return (
      <main className="board">
        <p className="error-text" role="alert">
          The hub did not answer. Reload the page to try again.
        </p>
      </main>
    )
  if (session === 'signed-out') return <SignIn refused={new URLSearchParams(location.search).get('refused')} />
  return <BoardView session={session} onSignedOut={signedOut} />
}
