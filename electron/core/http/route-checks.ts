/** The setup check every signed webhook route shares: are its secrets configured, or is it open to anyone? */
import type { CheckResult } from '../../../shared/protocol'

/** Checks that `route` has `count` secrets; unsigned deliveries allowed are a warning, none configured too. */
export function secretCheck(
  id: string,
  route: string,
  count: number,
  allowUnsigned: boolean,
  fix: string,
): CheckResult {
  if (count > 0)
    return { id, status: 'pass', message: `${count} secret${count > 1 ? 's' : ''} configured for ${route}` }
  if (allowUnsigned) {
    return {
      id,
      status: 'warn',
      message: `${route} accepts UNSIGNED deliveries: anyone who reaches the port can post chats`,
      fix: fix || 'configure the signing key and turn unsigned deliveries off',
    }
  }
  return { id, status: 'warn', message: `no secret configured: deliveries to ${route} are refused`, fix }
}
