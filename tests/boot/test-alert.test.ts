/** Settings → "Send a test alert", booted: a real toast, what the OS said, and what can (not) be detected per OS. */
import { describe, expect, it } from 'vitest'
import { IPC_CHANNELS, type TestAlertResult } from '../../shared/protocol'
import { bootedAppPerTest, waitForState } from './boot-helpers'

const { boot } = bootedAppPerTest()
const sendTest = (app: Awaited<ReturnType<typeof boot>>['app']) =>
  app
    .op<{ ok: boolean; result: TestAlertResult }>('invoke', IPC_CHANNELS.command, ['notifications.test', {}])
    .then((outcome) => outcome.result)

describe('the test alert', () => {
  it('win32: the toast is shown; Focus Assist cannot be detected, so the result carries the steps to check', async () => {
    const { app } = await boot('win32')
    const result = await sendTest(app)
    expect(result.outcome).toBe('shown')
    expect(result.toasts).toMatchObject({ hidden: false, detectable: false })
    expect(result.toasts.guidance.join(' ')).toMatch(/Focus Assist/)
    await waitForState(app, (s) => expect(s.toasts.map((t) => t.title)).toContain('Chat Tray test alert'))
  })

  it('darwin: the steps name Focus and the Alerts style', async () => {
    const { app } = await boot('darwin')
    expect((await sendTest(app)).toasts.guidance.join(' ')).toMatch(/Focus.*Alerts|Alerts.*Focus/s)
  })

  it('a toast the OS refuses comes back as failed, with the OS words', async () => {
    const { app } = await boot('win32', { env: { STAND_IN_TOAST_ERROR: 'the app is not registered (no AUMID)' } })
    expect(await sendTest(app)).toMatchObject({ outcome: 'failed', error: 'the app is not registered (no AUMID)' })
  })

  it('linux without a session bus: toasts are said to be hidden (nothing can show them)', async () => {
    const { app } = await boot('linux')
    const result = await sendTest(app)
    expect(result.toasts).toMatchObject({ hidden: true, detectable: true, reason: expect.stringMatching(/no D-Bus/) })
    await waitForState(app, (s) => expect(s.trays[0]?.tooltip).toMatch(/Toasts are hidden: there is no D-Bus/))
  })
})
