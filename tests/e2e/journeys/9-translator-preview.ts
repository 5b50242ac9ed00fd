/**
 * Journey 9: a translator previews the German page of the seed article: texts that have no German
 * yet are shown in English and visibly marked; the same in the live preview beside the German
 * fields, and on the teaser preview card.
 */
import {
  adminToken,
  api,
  assert,
  createUser,
  type Journey,
  loggedInPage,
  newPage,
  screenshot,
  seedArticle,
} from '../helpers'
import { articlePath, assertAccessible, openDocumentTakingOver } from '../reader'

export const translatorPreview: Journey = {
  id: 9,
  name: 'translator: preview of the German page marks the texts still falling back to English',
  async run(ctx) {
    const seed = await seedArticle(ctx)
    const translator = await createUser(ctx, 'preview-translator@newsroom.test', {
      name: 'Pia Preview',
      roles: ['translator'],
      translatorLocales: ['de'],
    })
    const page = await loggedInPage(ctx, translator, { language: 'de' })

    await page.goto(`${ctx.base}${articlePath('de')}?preview=1`)
    await page.locator('.preview-notice').waitFor()
    const body = page.locator('[data-fallback="body"]')
    assert((await body.count()) === 1, 'the English body is not marked as a fallback')
    assert((await body.getAttribute('lang')) === 'en', 'the fallback body has no lang="en"')
    const mark = await body.locator('.fallback-mark').innerText()
    assert(mark.includes('noch nicht übersetzt'), `fallback mark "${mark}"`)
    const teaserMarks = await page.locator('.teaser [data-fallback]').count()
    assert(teaserMarks > 0, 'no teaser is marked although most have no German')
    await assertAccessible(page, 'de preview with fallback marks')
    await page.locator('[data-fallback="body"]').first().scrollIntoViewIfNeeded()
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, '9-translator-preview-fallback-marks')

    // The live preview beside the German fields shows the same marks.
    await openDocumentTakingOver(page, ctx, `/collections/articles/${seed.id}?locale=de`)
    await page.locator('#live-preview-toggler').click()
    await page
      .frameLocator('iframe[src*="preview=1"]')
      .locator('[data-fallback="body"]')
      .waitFor({ timeout: 30_000 })

    // A teaser card: an English teaser previewed in German is marked.
    const token = await adminToken(ctx)
    const teasers = await api(
      ctx,
      `/api/related-articles?locale=de&fallback-locale=none&depth=0&limit=50`,
      { token },
    )
    const english = teasers.body.docs.find((t: { summary?: string }) => !t.summary)
    assert(english, 'no teaser without German text')
    await page.goto(`${ctx.base}/de/preview/related-articles/${english.id}`)
    await page.locator('.teaser [data-fallback="summary"] .fallback-mark').waitFor()

    // Nobody else gets the preview.
    const anonymous = await newPage(ctx)
    const res = await anonymous.goto(`${ctx.base}/de/preview/related-articles/${english.id}`)
    assert(res?.status() === 401, `anonymous teaser preview answered ${res?.status()}`)
  },
}
