import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { memoryRuntime } from '../../../tests/helpers/runtime'
import type { Runtime } from './runtime'
import { type BuiltRuntime, startRuntime } from './start'

const running: Runtime[] = []
afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.stop()
})

/** A built runtime on a free loopback port (or on an address it may not bind), recording the sequence. */
function built(options: { bindable?: boolean; withoutListener?: boolean } = {}) {
  const settings = defaultSettings()
  settings.listener.port = 0
  // Beyond loopback without listener.allowRemote: start() refuses before binding anything.
  if (options.bindable === false) settings.listener.host = '0.0.0.0'
  const { runtime } = memoryRuntime(settings)
  running.push(runtime)
  const steps: string[] = []
  const item: BuiltRuntime = {
    runtime,
    withoutListener: options.withoutListener,
    started: (listen) => steps.push(`started ${listen === null ? 'null' : 'url'}`),
  }
  return { item, steps, runtime }
}

describe('startRuntime: the one start sequence of every host', () => {
  it('binds, announces ready, then runs started (the demo scenario follows a host that has reloaded)', async () => {
    const { item, steps } = built()
    let announced: string | null = null
    const listen = await startRuntime(item, {
      version: '9.9.9',
      demo: false,
      announce: (ready) => {
        announced = ready.listen
        steps.push(`ready ${ready.version}`)
      },
    })
    expect(listen).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(announced).toBe(listen)
    expect(steps).toEqual(['ready 9.9.9', 'started url'])
  })

  it('binds no listener for a runtime that follows a hub: ready and started say listen null', async () => {
    const { item, steps, runtime } = built({ withoutListener: true })
    const announced: (string | null)[] = []
    const listen = await startRuntime(item, {
      version: 't',
      demo: false,
      announce: (ready) => announced.push(ready.listen),
    })
    expect([listen, announced, steps]).toEqual([null, [null], ['started null']])
    expect(runtime.listener.server.listening).toBe(false)
  })

  it('with onStartFailed, a failed start is reported and still announced (listen null)', async () => {
    const { item, steps } = built({ bindable: false })
    const failures: string[] = []
    await startRuntime(item, {
      version: 't',
      demo: false,
      announce: (ready) => steps.push(`ready ${ready.listen}`),
      onStartFailed: (error) => failures.push((error as Error).message),
    })
    expect(failures).toEqual([expect.stringMatching(/reachable from other machines/)])
    expect(steps).toEqual(['ready null', 'started null'])
  })

  it('without onStartFailed, a failed start throws and announces nothing (headless: exit 1)', async () => {
    const { item, steps } = built({ bindable: false })
    await expect(
      startRuntime(item, { version: 't', demo: false, announce: () => steps.push('ready') }),
    ).rejects.toThrow(/reachable from other machines/)
    expect(steps).toEqual([])
  })
})
