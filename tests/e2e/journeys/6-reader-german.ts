/**
 * Journey 6: a reader opens the German page of the seed article: both AI badges, the seven teasers,
 * the cookie banner. The page passes axe with the banner open and closed and is keyboard-operable;
 * the reader rejects cookies ("Ablehnen"): a consent record with acceptType "necessary" exists,
 * the banner stays closed on reload and shows again after an editor raises the revision. Without
 * JavaScript, the same buttons work through the form post. Prints the page weight.
 */
import {
  adminToken,
  api,
  assert,
  type Journey,
  newPage,
  SEED_TEASERS,
  screenshot,
} from '../helpers'
import {
  articlePath,
  assertAccessible,
  assertKeyboardPath,
  consentEvents,
  pageWeight,
  recordConsentEvents,
} from '../reader'

const BUDGET = 100 * 1024

export const readerGerman: Journey = {
  id: 6,
  name: 'reader (de): badges, teasers, banner; axe and keyboard; "Ablehnen" recorded, remembered, asked again after a revision bump; works without JS',
  async run(ctx) {
    const path = articlePath('de')
    const page = await newPage(ctx, { language: 'de' })
    await recordConsentEvents(page)

    const weight = await pageWeight(ctx, page, path)
    console.log(
      `      page weight (HTML+CSS+JS transferred): ${(weight.total / 1024).toFixed(1)} KB ${JSON.stringify(weight.parts)}`,
    )
    assert(weight.total <= BUDGET, `page weight ${weight.total} B over the ${BUDGET} B budget`)

    assert((await page.locator('html').getAttribute('lang')) === 'de', 'html lang is not "de"')
    await page.locator('.hero figcaption').getByText('Bild generiert von KI').waitFor()
    assert(
      (await page.locator('.teaser [data-badge="reported-by-ai"]').first().innerText()) ===
        'Von KI berichtet',
      'no "Von KI berichtet" on the AI-reported teasers',
    )
    assert(
      (await page.locator('#related-heading').innerText()) === 'Verwandte Artikel',
      'related heading',
    )
    const teasers = await page.locator('.teaser').count()
    assert(teasers === SEED_TEASERS, `${teasers} teasers, expected ${SEED_TEASERS}`)
    const banner = page.locator('#consent')
    assert(await banner.isVisible(), 'the consent banner is not shown')
    assert((await page.locator('#consent-title').innerText()).length > 0, 'banner without title')
    const events = await consentEvents(page)
    assert(events.at(-1)?.acceptType === 'none', `first event ${JSON.stringify(events)}`)
    assert(
      (await page.locator('html').getAttribute('data-consent')) === 'none',
      'data-consent before a decision',
    )

    // Accept and reject look the same (equalWeightButtons).
    const [accept, reject] = await Promise.all(
      ['.button--accept', '.button--reject'].map((s) =>
        page.locator(s).evaluate((el) => {
          const s = getComputedStyle(el)
          return `${s.backgroundColor} ${s.color} ${s.fontSize} ${s.fontWeight} ${s.borderWidth} ${Math.round(el.getBoundingClientRect().height)}`
        }),
      ),
    )
    assert(accept === reject, `accept and reject differ: ${accept} vs ${reject}`)

    await assertAccessible(page, 'de, banner open')
    await page.locator('.consent-settings summary').click()
    await assertAccessible(page, 'de, banner settings open')
    await page.locator('.consent-settings summary').click()
    await assertKeyboardPath(page)
    await page.evaluate(() => {
      ;(document.activeElement as HTMLElement | null)?.blur()
      window.scrollTo(0, 0)
    })
    await screenshot(page, '6-reader-german-consent-banner')

    // "Ablehnen"
    const [response] = await Promise.all([
      page.waitForResponse(
        (res) =>
          new URL(res.url()).pathname === '/api/consent-records' &&
          res.request().method() === 'POST',
      ),
      page.locator('.button--reject').click(),
    ])
    assert(response.status() === 201, `POST /api/consent-records answered ${response.status()}`)
    await banner.waitFor({ state: 'hidden' })
    assert(
      (await page.locator('html').getAttribute('data-consent')) === 'necessary',
      'data-consent after rejecting',
    )
    const after = await consentEvents(page)
    assert(
      after.at(-1)?.acceptType === 'necessary' && after.at(-1)?.categories.join() === 'necessary',
      `event ${JSON.stringify(after.at(-1))}`,
    )
    const cookie = (await page.context().cookies()).find((c) => c.name === 'newsroom_consent')
    const match = /^(\d+)\.([0-9a-f-]{36})\.necessary$/.exec(cookie?.value ?? '')
    assert(match && cookie?.path === '/', `cookie ${JSON.stringify(cookie)}`)
    const token = await adminToken(ctx)
    const records = await api(ctx, `/api/consent-records?where[consentId][equals]=${match[2]}`, {
      token,
    })
    assert(
      records.body.docs?.[0]?.acceptType === 'necessary',
      `consent record ${JSON.stringify(records.body).slice(0, 300)}`,
    )
    await assertAccessible(page, 'de, banner closed')

    await page.reload()
    assert(await banner.isHidden(), 'the banner shows again after a reload')
    assert(
      (await page.locator('html').getAttribute('data-consent')) === 'necessary',
      'data-consent after reload',
    )

    // "Einstellungen" reopens it
    await page.locator('[data-consent-open]').click()
    await banner.waitFor({ state: 'visible' })
    assert(
      await page.locator('.consent-settings').evaluate((el) => (el as HTMLDetailsElement).open),
      'settings not open',
    )
    assert(await page.locator('#consent-category-necessary').isChecked(), 'necessary not checked')
    assert(await page.locator('#consent-category-necessary').isDisabled(), 'necessary not locked')

    // An editor raises the revision: the reader is asked again.
    const consent = await api(ctx, '/api/globals/consent', { token })
    const bumped = await api(ctx, '/api/globals/consent', {
      token,
      method: 'POST',
      body: { revision: consent.body.revision + 1 },
    })
    assert(
      bumped.status === 200,
      `raising the revision: ${bumped.status} ${JSON.stringify(bumped.body).slice(0, 300)}`,
    )
    await page.reload()
    await banner.waitFor({ state: 'visible' })
    assert((await page.locator('.consent-revision').count()) === 1, 'no revision message')

    // Without JavaScript: the form posts, the server records and redirects back.
    const noJs = await ctx.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 800 },
    })
    ctx.contexts.push(noJs)
    const plain = await noJs.newPage()
    await plain.goto(`${ctx.base}${path}`)
    assert(await plain.locator('#consent').isVisible(), 'no-JS: banner not shown')
    await Promise.all([
      plain.waitForURL(`${ctx.base}${path}`),
      plain.locator('.button--reject').click(),
    ])
    assert(
      await plain.locator('#consent').isHidden(),
      'no-JS: the banner is still shown after "Ablehnen"',
    )
    const noJsCookie = (await noJs.cookies()).find((c) => c.name === 'newsroom_consent')
    assert(noJsCookie?.value.endsWith('.necessary'), `no-JS cookie ${JSON.stringify(noJsCookie)}`)
  },
}
