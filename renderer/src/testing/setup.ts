/** Component-test setup: unmount between tests (vitest runs without globals, so RTL cannot do it itself). */
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { setTimeLocale } from '../lib/format'

// Times are locale-aware; the tests read them in one fixed 24-hour locale.
setTimeLocale('en-GB')

afterEach(cleanup)
