/**
 * DeskDirector as a source plug-in: signed webhook deliveries only (no API the tray polls), its open chats
 * kept across restarts. Facts about DeskDirector the code relies on: docs/deskdirector.md.
 */
import { splitSecrets } from '../../engine/ports'
import type { SourcePlugin } from '../types'
import { deskDirectorChecks } from './checks'
import { DESKDIRECTOR } from './identity'
import { isDeskDirectorLink } from './links'
import { registerDeskDirector } from './register'

/** The DeskDirector source. */
export const deskDirectorSource: SourcePlugin = {
  identity: DESKDIRECTOR,
  setupHint: 'DeskDirector secrets (headless: --deskdirector-secret)',
  register: registerDeskDirector,
  opensLink: isDeskDirectorLink,
  configured: (settings, secrets) =>
    splitSecrets(secrets.get('deskdirector.secrets')).length > 0 || settings.listener.allowUnsigned.deskdirector,
  checks: deskDirectorChecks,
}
