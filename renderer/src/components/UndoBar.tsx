/** The Undo offer at the bottom of the list; it settles by itself after a few seconds. */
import { useEffect } from 'react'
import { UNDO_MS, useUndo } from '../stores/undo-store'

/** The bar (nothing when there is no offer). */
export function UndoBar() {
  const offer = useUndo((s) => s.offer)
  useEffect(() => {
    if (!offer) return
    const timer = setTimeout(() => {
      if (useUndo.getState().offer?.id === offer.id) useUndo.getState().settle()
    }, UNDO_MS)
    return () => clearTimeout(timer)
  }, [offer])
  return (
    <div className="undo-bar" role="status">
      {offer ? (
        <>
          <span className="undo-message">{offer.message}</span>
          {offer.undo ? (
            <button type="button" className="link" onClick={() => useUndo.getState().undo()}>
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
