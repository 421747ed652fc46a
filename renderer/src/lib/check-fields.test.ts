import { describe, expect, it } from 'vitest'
import { checkField, panelFix } from './check-fields'

describe('diagnostics in the panel', () => {
  it('name the Settings place and drop the headless flags', () => {
    expect(
      panelFix(
        'create a key in HelpCrunch → Settings → Developers → Public API and enter it in Settings → HelpCrunch (headless: --helpcrunch-key or HELPCRUNCH_API_KEY)',
      ),
    ).toBe('create a key in HelpCrunch → Settings → Developers → Public API and enter it in Settings → HelpCrunch')
    expect(panelFix('raise the poll interval (Settings → HelpCrunch; headless: --poll-seconds)')).toBe(
      'raise the poll interval (Settings → HelpCrunch)',
    )
    expect(
      panelFix(
        'set a HelpCrunch key and/or DeskDirector secrets in Settings (headless: --helpcrunch-key, --deskdirector-secret), or try the demo (--demo)',
      ),
    ).toBe('set a HelpCrunch key and/or DeskDirector secrets in Settings, or try the demo')
    expect(panelFix('turn on automatic time (NTP)')).toBe('turn on automatic time (NTP)')
  })

  it('map checks to the field that fixes them', () => {
    expect(checkField('helpcrunch.budget')).toEqual({ path: 'helpcrunch.pollSeconds', name: 'Poll every' })
    expect(checkField('clock.skew')).toBeNull()
  })
})
