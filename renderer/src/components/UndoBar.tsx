/**
 * The result line at the bottom of the list: one sentence per action, with Undo (also `z`) and, when part of a
 * bulk action failed, Retry for the rest. A passing result settles by itself after a few seconds; a failure
 * stays until dismissed. Undo gives focus back to the row it brought back.
 */
import { useEffect } from 'react'
import { undoLast } from '../lib/snooze-flow'
import { UNDO_MS, useUndo } from '../stores/undo-store'

/** The bar (an empty live region when there is no offer). */
export function UndoBar() {
  const offer = useUndo((s) => s.offer)
  useEffect(() => {
    if (!offer || offer.sticky) return
    const timer = setTimeout(() => {
      if (useUndo.getState().offer?.id === offer.id) useUndo.getState().settle()
    }, UNDO_MS)
    return () => clearTimeout(timer)
  }, [offer])
  return (
    <div className={`undo-bar${offer?.sticky ? ' failed' : ''}`} role="status">
      {offer ? (
        <>
          <span className="undo-message">{offer.message}</span>
          {offer.retry ? (
            <button
              type="button"
              className="link"
              onClick={() => {
                const retry = offer.retry
                useUndo.getState().clear()
                void retry?.run()
              }}
            >
              {offer.retry.label}
            </button>
          ) : null}
          {offer.undo ? (
            <button type="button" className="link" aria-keyshortcuts="z" onClick={() => void undoLast()}>
              Undo
            </button>
          ) : null}
          <button type="button" className="link" aria-label="Dismiss" onClick={() => useUndo.getState().settle()}>
            ×
          </button>
        </>
      ) : null}
    </div>
  )
}
