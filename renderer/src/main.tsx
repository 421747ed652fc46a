import './zod-config'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'
// The chat list and alerts feed (kept apart from styles.css).
import './components/list.css'
import './components/list-popups.css'
import './components/alerts-feed.css'
// Narrow windows (zoomed in): loaded last.
import './components/narrow.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
