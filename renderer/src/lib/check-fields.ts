/**
 * Diagnostics in the panel: which settings field each check's fix lives in (for "Go to field"), and the
 * fix text without the headless host's flags (the panel user fixes things in Settings, not on a command line).
 */

/** Check id → settings path and the field's name. */
const FIELDS: Readonly<Record<string, readonly [string, string]>> = {
  sources: ['helpcrunch.apiKey', 'API key'],
  'helpcrunch.key': ['helpcrunch.apiKey', 'API key'],
  'helpcrunch.agent': ['helpcrunch.agentId', 'My agent'],
  'helpcrunch.budget': ['helpcrunch.pollSeconds', 'Poll every'],
  'helpcrunch.signing-key': ['helpcrunch.signingKey', 'HelpCrunch signing key'],
  'deskdirector.secret': ['deskdirector.secrets', 'DeskDirector webhook secrets'],
  'deskdirector.delivery': ['deskdirector.secrets', 'DeskDirector webhook secrets'],
  'listener.reachable': ['listener.port', 'Port'],
}

/** The field that fixes check `id`: its settings path and name; null when no setting helps. */
export function checkField(id: string): { path: string; name: string } | null {
  const field = FIELDS[id]
  return field ? { path: field[0], name: field[1] } : null
}

/** `fix` without its headless parts: "(headless: --x)", "; headless: --x" and bare "(--demo)". */
export function panelFix(fix: string): string {
  return fix
    .replace(/;\s*headless:[^)]*\)/g, ')')
    .replace(/\s*\(headless:[^)]*\)/g, '')
    .replace(/\s*\(--[\w-]+\)/g, '')
    .trim()
}
