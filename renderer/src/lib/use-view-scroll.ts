/** Keeps one scroll position per view, so coming back from Settings lands where the list was. */
import { type RefObject, type UIEvent, useLayoutEffect, useRef } from 'react'

/** Restores `view`'s last position on `ref` when the view changes; returns the scroll handler that records it. */
export function useViewScroll<V extends string>(ref: RefObject<HTMLElement | null>, view: V): (e: UIEvent) => void {
  const positions = useRef(new Map<V, number>())
  const current = useRef(view)
  useLayoutEffect(() => {
    current.current = view
    if (ref.current) ref.current.scrollTop = positions.current.get(view) ?? 0
  }, [view, ref])
  return (e) => {
    positions.current.set(current.current, e.currentTarget.scrollTop)
  }
}
