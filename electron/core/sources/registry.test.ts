import { describe, expect, it } from 'vitest'
import { SOURCE_SETTINGS } from '../../../shared/settings'
import { deskDirectorSource } from './deskdirector/plugin'
import { helpCrunchSource } from './helpcrunch/plugin'
import { type ShippedPlugins, SOURCES } from './registry'

describe('the source registry', () => {
  it('lists one plug-in per shipped settings declaration, in its order, each with its own settings and identity', () => {
    expect(SOURCES.map((p) => p.identity.id)).toEqual(Object.keys(SOURCE_SETTINGS))
    for (const plugin of SOURCES) {
      expect(plugin.settings).toBe(SOURCE_SETTINGS[plugin.identity.id as keyof typeof SOURCE_SETTINGS])
      expect(plugin.settings.id).toBe(plugin.identity.id)
    }
  })

  it("does not compile with a desk missing, a desk without settings, or another desk's settings", () => {
    // @ts-expect-error a shipped desk (deskdirector) without its plug-in
    const missing: ShippedPlugins = { helpcrunch: helpCrunchSource }
    // @ts-expect-error a plug-in holding another desk's settings
    const swapped: ShippedPlugins = { helpcrunch: deskDirectorSource, deskdirector: deskDirectorSource }
    const extra: ShippedPlugins = {
      helpcrunch: helpCrunchSource,
      deskdirector: deskDirectorSource,
      // @ts-expect-error a desk whose settings SOURCE_SETTINGS does not list
      ticketbox: deskDirectorSource,
    }
    expect([missing, swapped, extra]).toHaveLength(3)
  })
})
