import '../../src/zod-config'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Board } from './Board'
// The panel's colours, base and focus styles, then the board's own layout.
import '../../src/styles.css'
import './board.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Board />
    </StrictMode>,
  )
}
