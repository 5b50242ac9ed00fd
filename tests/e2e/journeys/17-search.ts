/**
 * Journey 17: search (docs/search.md). A German reader types into the search field of the article
 * page and presses Enter: /de/suche lists the German teaser with its match marked and its AI label;
 * axe clean. The language switch leads to /en/search, where an English stem finds the seed
 * article. An editor searches both languages in the admin (/admin/search) and opens a hit.
 */
import { assert, editorPage, type Journey, newPage, SEED_TITLE, screenshot } from '../helpers'
import { articlePath, assertAccessible } from '../reader'

export const searchJourney: Journey = {
  id: 17,
  name: 'search: reader field → /de/suche (marks, AI label, axe, keyboard) → /en/search (stems); editor searches drafts in the admin',
  async run(ctx) {
    const page = await newPage(ctx, { language: 'de' })
    await page.goto(`${ctx.base}${articlePath('de')}`)
    const field = page.getByRole('searchbox', { name: 'Artikel durchsuchen' })
    await field.focus()
    await page.keyboard.type('Gipfel Aussenminister')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/de\/suche\?q=Gipfel\+Aussenminister/)
    const first = page.locator('.search-results li').first()
    assert(
      (await first.locator('h2').innerText()).includes('Außenminister von Laos'),
      `first result: ${await first.innerText()}`,
    )
    assert((await first.locator('mark').count()) > 0, 'no marked match in the first result')
    assert(
      (await first.locator('.badge').allInnerTexts()).includes('Von KI berichtet'),
      'the AI label of the teaser is missing',
    )
    await assertAccessible(page, 'search page (de)')
    await screenshot(page, '17-search-german')

    await page.getByRole('navigation').getByRole('link', { name: 'English' }).click()
    await page.waitForURL(`${ctx.base}/en/search`)
    await page.getByRole('searchbox', { name: 'Search articles' }).fill('reelected Thongloun')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL(/\/en\/search\?q=/)
    await page.getByRole('link', { name: SEED_TITLE }).first().click()
    await page.waitForURL(`${ctx.base}${articlePath('en')}`)

    const editor = await editorPage(ctx)
    await editor.goto(`${ctx.base}/admin/search?q=Laos`)
    const rows = editor.locator('table tbody tr')
    await rows.first().waitFor()
    const languages = await rows.locator('td:nth-child(2)').allInnerTexts()
    assert(
      languages.includes('DE') && languages.includes('EN'),
      `admin search lists ${languages.join(', ')}`,
    )
    await rows.first().locator('a').first().click()
    await editor.waitForURL(/\/admin\/collections\/(articles|related-articles)\//)
  },
}
