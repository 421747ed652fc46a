/**
 * Renders resources/icon.svg to resources/icon.png (512×512, transparent) in Debian's Chromium.
 * electron-builder derives the macOS .icns and Windows .ico from that PNG. Run: `npx tsx tests/tools/render-icon.ts`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { findBrowser } from '../e2e/browser'

const resources = join(import.meta.dirname, '..', '..', 'resources')
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8')
const browser = await chromium.launch({ executablePath: findBrowser().path, args: ['--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 512, height: 512 } })
await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`)
await page.screenshot({ path: join(resources, 'icon.png'), omitBackground: true })
await browser.close()
