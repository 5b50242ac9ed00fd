/**
 * Helpers of the reader-page journeys (6–9): accessibility (axe), keyboard focus, page weight.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'

import { assert, gotoAdmin, type JourneyContext, SEED_SLUG } from './helpers'

export const articlePath = (locale: string, slug = SEED_SLUG) => `/${locale}/articles/${slug}`

/** Runs axe (WCAG 2.x A/AA and best practices); throws on any serious or critical violation. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  assert(
    bad.length === 0,
    `axe (${what}): ${bad
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      )
      .join('; ')}`,
  )
}

/**
 * Tabs through the page from the top: every focused element shows a visible outline, and focus
 * leaves the consent banner and reaches the article (no trap). Returns the focused elements' texts.
 */
export async function assertKeyboardPath(page: Page, maxTabs = 25): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  const seen: string[] = []
  let leftBanner = false
  let wasInBanner = false
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab')
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return null
      const style = getComputedStyle(el)
      return {
        text: (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40),
        inBanner: Boolean(el.closest('#consent')),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      }
    })
    if (!info) continue
    assert(info.outline, `no visible focus outline on "${info.text}"`)
    seen.push(info.text)
    if (info.inBanner) wasInBanner = true
    else if (wasInBanner) {
      leftBanner = true
      break
    }
  }
  assert(wasInBanner, `the banner never got keyboard focus (focused: ${seen.join(' | ')})`)
  assert(
    leftBanner,
    `focus did not leave the banner within ${maxTabs} tabs (focused: ${seen.join(' | ')})`,
  )
  return seen
}

/**
 * Bytes transferred for the page's HTML, CSS and JS (images and fonts excluded), measured on a
 * fresh load with an empty cache.
 */
export async function pageWeight(
  ctx: JourneyContext,
  page: Page,
  path: string,
): Promise<{ total: number; parts: Record<string, number> }> {
  const parts: Record<string, number> = {}
  const pending: Promise<void>[] = []
  const onResponse = (response: import('playwright-core').Response) => {
    const type = response.request().resourceType()
    if (!['document', 'stylesheet', 'script'].includes(type)) return
    pending.push(
      response
        .request()
        .sizes()
        .then((sizes) => {
          parts[new URL(response.url()).pathname] =
            sizes.responseBodySize + sizes.responseHeadersSize
        })
        .catch(() => {}),
    )
  }
  page.on('response', onResponse)
  await page.goto(`${ctx.base}${path}`, { waitUntil: 'load' })
  await page.waitForLoadState('networkidle').catch(() => {})
  page.off('response', onResponse)
  await Promise.all(pending)
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts }
}

/** Consent decisions announced through the `newsroom:consent` event (recorded from the first script on). */
export async function recordConsentEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __consentEvents: unknown[] }
    w.__consentEvents = []
    document.addEventListener('newsroom:consent', (event) =>
      w.__consentEvents.push((event as CustomEvent).detail),
    )
  })
}

export const consentEvents = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __consentEvents: Array<{ acceptType: string; categories: string[] }>
        }
      ).__consentEvents,
  )

/**
 * Opens a document's edit view; when someone else still holds its lock (an earlier journey left it
 * open), takes it over, as a colleague would.
 */
export async function openDocumentTakingOver(
  page: Page,
  ctx: JourneyContext,
  adminPath: string,
): Promise<void> {
  await gotoAdmin(page, ctx, adminPath)
  const locked = page.locator('#document-locked')
  if (
    await locked.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    )
  ) {
    await locked.locator('.document-locked__controls button').last().click()
    await locked.waitFor({ state: 'hidden' })
  }
}
