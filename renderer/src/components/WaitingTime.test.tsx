import { act, render } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useClock } from '../stores/ui-store'
import { WaitingTime } from './WaitingTime'

const T = 1_800_000_000_000

function labels(container: HTMLElement) {
  return [...container.querySelectorAll('time')].map((t) => `${t.className}|${t.textContent}`)
}

describe('waiting time labels', () => {
  beforeEach(() => act(() => useClock.setState({ now: T })))

  it('all follow one clock: each tick updates every mounted label, words and colour', () => {
    const { container } = render(
      <>
        <WaitingTime since={T - 30_000} thresholdMs={60_000} />
        <WaitingTime since={T - 90_000} thresholdMs={60_000} />
      </>,
    )
    expect(labels(container)).toEqual([
      'waiting-time wait-calm|waiting for 30s',
      'waiting-time wait-late|waiting for 1m 30s',
    ])
    act(() => useClock.getState().tick(T + 60_000))
    expect(labels(container)).toEqual([
      'waiting-time wait-late|waiting for 1m 30s',
      'waiting-time wait-overdue|waiting for 2m 30s, long wait',
    ])
  })

  it('a re-render with a newer message starts again from the clock, and an unmounted label is left alone', () => {
    const { container, rerender, unmount } = render(<WaitingTime since={T - 200_000} thresholdMs={60_000} />)
    act(() => useClock.getState().tick(T + 10_000))
    expect(labels(container)).toEqual(['waiting-time wait-overdue|waiting for 3m 30s, long wait'])
    rerender(<WaitingTime since={T + 5_000} thresholdMs={60_000} />)
    expect(labels(container)).toEqual(['waiting-time wait-calm|waiting for 5s'])
    act(() => useClock.getState().tick(T + 20_000))
    expect(labels(container)).toEqual(['waiting-time wait-calm|waiting for 15s'])
    unmount()
    expect(() => act(() => useClock.getState().tick(T + 30_000))).not.toThrow()
  })
})
