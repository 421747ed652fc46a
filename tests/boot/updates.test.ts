/**
 * Updates, booted: the packaged app (an AppImage install: `APPIMAGE` set) against a local update feed named by the
 * machine policy. electron-updater runs for real under the stand-in (its `net.request`, `session`, `autoUpdater`).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS, type UpdateStatus } from '../../shared/protocol'
import { bootToTray, failures, waitForState } from './boot-helpers'
import type { BootedApp, BootState } from './driver'
import { packagedApp } from './packaged'
import { startUpdateFeed, type UpdateFeed } from './update-server'

/** Waits for `check` to pass; the bound only ends a hang (2 cores shared by many sessions). */
const eventually = (check: () => unknown) => vi.waitFor(check, { timeout: 15_000, interval: 50 })

let app: BootedApp | null = null
let feed: UpdateFeed | null = null
afterEach(async () => {
  await app?.kill()
  await feed?.close()
  app = null
  feed = null
})

/** An "AppImage": a script that, once run as the new version, leaves a marker file. */
function appImage(version: string): Buffer {
  return Buffer.from(`#!/bin/sh\necho ${version} > "$CHAT_TRAY_TEST_MARKER"\n`)
}

interface Install {
  dir: string
  appImagePath: string
  marker: string
  env: Record<string, string>
}

/** An installed AppImage and a policy file pointing at the feed (or turning updates off). */
function install(policy: Record<string, unknown>, extraEnv: Record<string, string> = {}): Install {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-update-'))
  const appImagePath = join(dir, 'Chat-Tray.AppImage')
  writeFileSync(appImagePath, appImage('0.1.0'))
  chmodSync(appImagePath, 0o755)
  const policyFile = join(dir, 'policy.json')
  writeFileSync(policyFile, JSON.stringify(policy))
  const marker = join(dir, 'started-version')
  return {
    dir,
    appImagePath,
    marker,
    env: { APPIMAGE: appImagePath, CHAT_TRAY_POLICY_FILE: policyFile, CHAT_TRAY_TEST_MARKER: marker, ...extraEnv },
  }
}

async function boot(setup: Install): Promise<BootedApp> {
  const { layout } = await packagedApp()
  app = await bootToTray({ layout, platform: 'linux', env: setup.env })
  return app
}

const menuLabels = (state: BootState) => (state.trays[0]?.menu ?? []).map((item) => item.label)
const status = (booted: BootedApp) =>
  booted
    .op<{ ok: boolean; result: { update: UpdateStatus } }>('invoke', IPC_CHANNELS.command, ['desktop.status', {}])
    .then((outcome) => outcome.result.update)
const feedRequests = (path: string) => feed?.requests.filter((p) => p === path).length ?? 0

describe('updates from a generic feed (packaged AppImage on linux)', () => {
  it('finds, downloads, verifies and offers 0.2.0; the agent restarts into it', async () => {
    feed = await startUpdateFeed({ version: '0.2.0', artefact: appImage('0.2.0') })
    const setup = install({ updateUrl: feed.url })
    const booted = await boot(setup)
    await waitForState(booted, (s) => expect(menuLabels(s)[0]).toBe('Restart to update to 0.2.0'))
    expect(await status(booted)).toMatchObject({ state: 'ready', version: '0.2.0', current: '0.1.0' })
    // The panel heard it as an event too (its quiet banner).
    const sent = await booted.op<{ args: [{ type: string; status?: { update: UpdateStatus } }] }[]>('drainSent')
    const events = sent.map((send) => send.args[0])
    expect(events.some((e) => e.type === 'desktop.status' && e.status?.update.state === 'ready')).toBe(true)
    expect(feedRequests('/Chat-Tray-0.2.0.AppImage')).toBe(1)
    await booted.op('menuClick', ['Restart to update to 0.2.0'])
    expect(await booted.exited).toBe(0)
    // The runtime stopped and the single-instance lock was let go before the new version started.
    const calls = booted.finalState()?.calls.map((c) => c.name) ?? []
    expect(calls).toContain('app.releaseSingleInstanceLock')
    expect(readFileSync(join(booted.userData, 'logs', 'main.log'), 'utf8')).toMatch(/runtime stopped for the update/)
    expect(readFileSync(setup.appImagePath)).toEqual(appImage('0.2.0'))
    await eventually(() => expect(readFileSync(setup.marker, 'utf8').trim()).toBe('0.2.0'))
  }, 180_000)

  it('refuses a download whose sha512 does not match, says so, and does not fetch it again on its own', async () => {
    feed = await startUpdateFeed({ version: '0.2.0', artefact: appImage('0.2.0'), sha512: `${'A'.repeat(86)}==` })
    const setup = install({ updateUrl: feed.url }, { CHAT_TRAY_UPDATE_CHECK_MS: '1000' })
    const booted = await boot(setup)
    await waitForState(booted, (s) => expect(menuLabels(s)[0]).toBe('Update failed — check again'))
    const failed = await status(booted)
    expect(failed).toMatchObject({ state: 'failed', version: '0.2.0' })
    expect(failed.message).toMatch(/sha512/)
    // Further timer checks see 0.2.0 again but do not download it again (no retry loop).
    await vi.waitFor(() => expect(feedRequests('/latest-linux.yml')).toBeGreaterThanOrEqual(3), { timeout: 15_000 })
    expect(feedRequests('/Chat-Tray-0.2.0.AppImage')).toBe(1)
    expect(readFileSync(setup.appImagePath)).toEqual(appImage('0.1.0'))
    expect(failures(await booted.state())).toEqual([])
  }, 180_000)

  it('ignores a lower version', async () => {
    feed = await startUpdateFeed({ version: '0.0.9', artefact: appImage('0.0.9') })
    const booted = await boot(install({ updateUrl: feed.url }))
    await eventually(async () =>
      expect(await status(booted)).toMatchObject({ state: 'idle', checkedAt: expect.any(Number) }),
    )
    expect(feedRequests('/Chat-Tray-0.0.9.AppImage')).toBe(0)
    expect(menuLabels(await booted.state()).some((label) => /update/i.test(label))).toBe(false)
  }, 180_000)

  it('checks again on the timer and after the machine resumes', async () => {
    feed = await startUpdateFeed({ version: '0.1.0', artefact: appImage('0.1.0') })
    const booted = await boot(install({ updateUrl: feed.url }, { CHAT_TRAY_UPDATE_CHECK_MS: '1500' }))
    await vi.waitFor(() => expect(feedRequests('/latest-linux.yml')).toBeGreaterThanOrEqual(2), { timeout: 15_000 })
    await feed.close()
    feed = await startUpdateFeed({ version: '0.1.0', artefact: appImage('0.1.0') })
    // Another feed on another port is not the policy's: restart with the default (4 h) timer and count resumes.
    await booted.kill()
    const setup = install({ updateUrl: feed.url })
    const again = await boot(setup)
    await eventually(() => expect(feedRequests('/latest-linux.yml')).toBe(1))
    await again.op('power', 'suspend')
    await again.op('power', 'resume')
    await eventually(() => expect(feedRequests('/latest-linux.yml')).toBe(2))
  }, 180_000)

  it('a .deb install (no APPIMAGE) is told where 0.2.0 is, once, and downloads nothing itself', async () => {
    feed = await startUpdateFeed({ version: '0.2.0', artefact: appImage('0.2.0'), deb: true })
    const { APPIMAGE: _none, ...env } = install({ updateUrl: feed.url }).env
    const { layout } = await packagedApp()
    app = await bootToTray({ layout, platform: 'linux', env })
    const debUrl = `${feed.url}chat-tray_0.2.0_amd64.deb`
    const state = await waitForState(app, (s) => expect(menuLabels(s)[0]).toBe('Download Chat Tray 0.2.0…'))
    expect(state.toasts.filter((t) => t.title === 'Chat Tray 0.2.0 is available')).toHaveLength(1)
    expect(state.toasts.find((t) => t.title === 'Chat Tray 0.2.0 is available')?.body).toContain(debUrl)
    expect(await status(app)).toMatchObject({ state: 'available', downloadUrl: debUrl })
    await app.op('menuClick', ['Download Chat Tray 0.2.0…'])
    await waitForState(app, (s) => expect(s.opened).toContainEqual({ kind: 'external', target: debUrl }))
    await app.op('power', 'resume')
    await eventually(() => expect(feedRequests('/latest-linux.yml')).toBe(2))
    expect((await app.state()).toasts.filter((t) => t.title === 'Chat Tray 0.2.0 is available')).toHaveLength(1)
    expect(feed.requests.filter((p) => p.endsWith('.deb') || p.endsWith('.AppImage'))).toEqual([])
  }, 180_000)

  it('policy "updates": "off" makes no request at all, not at start, not after resume', async () => {
    feed = await startUpdateFeed({ version: '0.2.0', artefact: appImage('0.2.0') })
    const booted = await boot(install({ updates: 'off', updateUrl: feed.url }))
    await booted.op('power', 'resume')
    expect(await status(booted)).toMatchObject({ state: 'off', message: expect.stringMatching(/policy/) })
    const state = await booted.state()
    expect(state.requests ?? []).toEqual([])
    expect(feed.requests).toEqual([])
    expect(existsSync(join(booted.userData, '.updaterId'))).toBe(false)
  }, 180_000)
})
