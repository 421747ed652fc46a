/**
 * Component-test setup: unmount between tests (vitest runs without globals, so RTL cannot do it itself); every
 * time is shown in one pinned locale and zone, so no test depends on where it runs. `CHAT_TRAY_TEST_NOW`
 * (an ISO time) starts the clock at that instant instead of now — to run the suite at a chosen hour.
 */
import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'
import { setTimeFormat } from '../lib/time-format'
import { usePanelStore } from '../stores/panel-store'
import { TEST_SOURCES } from './fake-bridge'

setTimeFormat({ locale: 'en-GB', timeZone: 'UTC' })

const startAt = process.env.CHAT_TRAY_TEST_NOW
if (startAt) vi.useFakeTimers({ now: Date.parse(startAt), toFake: ['Date'], shouldAdvanceTime: true })

// Main names the shipped sources in their statuses; component tests start as if it already had.
beforeEach(() => usePanelStore.setState({ sourceInfo: TEST_SOURCES }))

afterEach(cleanup)
