/**
 * Sign-in with a lead's token: a plain form POST (it works without the script too), answered with the session
 * cookie and a redirect back to the board. A refusal comes back as `?refused=token|tier` and is said in words.
 */

const REFUSALS: Record<string, string> = {
  token: 'That token is not in the hub’s tokens file. Check it and try again.',
  tier: 'That token is not a team lead’s. The board is for tokens whose tier is "lead" in the tokens file.',
}

/** The sign-in page. */
export function SignIn({ refused }: { refused: string | null }) {
  const message = refused ? (REFUSALS[refused] ?? 'Sign-in was refused.') : null
  return (
    <main className="board board-sign-in">
      <h1>Team board</h1>
      <p>Sign in with your team-lead token from the hub’s tokens file. You stay signed in for 12 hours.</p>
      {message && (
        <p className="error-text" role="alert" id="sign-in-error">
          {message}
        </p>
      )}
      <form method="post" action="/board/sign-in">
        <label htmlFor="board-token">Token</label>
        <input
          id="board-token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          minLength={16}
          maxLength={512}
          aria-describedby={message ? 'sign-in-error' : undefined}
        />
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </main>
  )
}
