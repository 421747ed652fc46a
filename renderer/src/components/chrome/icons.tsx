/** Small inline icons for the header buttons (decorative: the buttons carry the words). */

const common = {
  width: 14,
  height: 14,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
}

/** A bell; struck through when `off`. */
export function BellIcon({ off = false }: { off?: boolean }) {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <path d="M4 11V7a4 4 0 0 1 8 0v4l1 1.5H3L4 11Z" />
      <path d="M6.5 14h3" />
      {off ? <path d="M2 2l12 12" /> : null}
    </svg>
  )
}

/** Circular arrow (refresh). */
export function RefreshIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <path d="M13 8a5 5 0 1 1-1.5-3.5" />
      <path d="M12 1.5v3.2H8.8" />
    </svg>
  )
}

/** A push pin. */
export function PinIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <path d="M6 2h4l-.5 4 2.5 2.5H4L6.5 6 6 2Z" />
      <path d="M8 8.5V14" />
    </svg>
  )
}
