/** Render counters read by the renderer benchmark and tests (a plain object: incrementing costs nothing). */
export const renderStats = { rows: 0 }
