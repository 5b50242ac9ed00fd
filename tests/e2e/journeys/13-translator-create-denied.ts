/**
 * Journey 13: a logged-in translator who opens an article's create page reads why it is closed —
 * what the API answers them ("Translators cannot create documents.", German in the German admin) —
 * not Payload's "Nicht autorisiert – du musst angemeldet sein …", which stays for visitors who are
 * not logged in. The same German admin titles an English-only article "[EN] <title>" in its
 * German edit view and breadcrumb, as its list row, instead of its ID.
 */
import {
  api,
  assert,
  Checks,
  createArticle,
  createUser,
  gotoAdmin,
  type Journey,
  loggedInPage,
  loginToken,
  newPage,
  screenshot,
} from '../helpers'

const GERMAN = 'Übersetzer können keine Dokumente anlegen.'
const GENERIC = 'Nicht autorisiert'

export const translatorCreateDenied: Journey = {
  id: 13,
  name: 'translator: the create page says "Translators cannot create documents." (German admin: German); the untranslated article is titled "[EN] …"',
  async run(ctx) {
    // An English article of its own: other journeys give the seed article a German title.
    const englishTitle = 'Harbour cranes run a night shift without operators'
    const seed = { id: await createArticle(ctx, { title: englishTitle, summary: 'Lead.' }) }
    const translator = await createUser(ctx, 'translator13@newsroom.test', {
      name: 'Tarik Translator',
      roles: ['translator'],
      translatorLocales: ['de'],
    })
    const checks = new Checks()

    // What the API answers the translator: the one string the page must show.
    const created = await api(ctx, '/api/articles?locale=de', {
      token: await loginToken(ctx, translator),
      body: { title: 'Neu' },
    })
    const apiMessage: string | undefined = created.body?.errors?.[0]?.message
    assert(created.status === 403, `the API let the translator create: ${created.status}`)

    for (const language of ['en', 'de'] as const) {
      const page = await loggedInPage(ctx, translator, { language })
      await gotoAdmin(page, ctx, '/collections/articles/create')
      await checks.check(`${language}: the create page says why`, async () => {
        const heading = page.locator('.create-denied__message')
        await heading.waitFor({ timeout: 15_000 })
        const text = (await heading.innerText()).trim()
        const expected = language === 'en' ? apiMessage : GERMAN
        assert(text === expected, `heading "${text}", expected "${expected}"`)
        const body = await page.locator('main, body').first().innerText()
        assert(!body.includes(GENERIC) && !body.includes('Unauthorized'), 'the generic text shows')
        assert(new URL(page.url()).pathname === '/admin/collections/articles/create', page.url())
      })
      if (language === 'de') {
        if (checks.ok) await screenshot(page, '13-translator-create-denied', { height: 360 })

        await gotoAdmin(page, ctx, `/collections/articles/${seed.id}?locale=de`)
        await page.locator('#field-title').waitFor()
        await checks.check(
          'de: the German view of the English article is titled "[EN] …"',
          async () => {
            const expected = `[EN] ${englishTitle}`
            const title = page.locator('.doc-header__title, .render-title').first()
            await page.waitForFunction(
              (text) =>
                Array.from(document.querySelectorAll('.render-title')).some(
                  (el) => el.textContent?.trim() === text,
                ),
              expected,
              { timeout: 15_000 },
            )
            const shown = (await title.innerText()).trim()
            assert(shown === expected, `title "${shown}"`)
            const crumbs = await page.locator('.step-nav').first().innerText()
            assert(crumbs.includes(expected), `breadcrumb "${crumbs}"`)
            assert(!crumbs.includes(String(seed.id)), `breadcrumb shows the ID: "${crumbs}"`)
          },
        )
      }
    }

    // Logged out, the create page is still Payload's own (the login screen).
    const visitor = await newPage(ctx, { language: 'de' })
    await gotoAdmin(visitor, ctx, '/collections/articles/create')
    await checks.check('visitor: no translator message', async () => {
      await visitor.waitForURL(/\/admin\/login/, { timeout: 15_000 })
      assert(!(await visitor.locator('.create-denied__message').count()), 'message shown')
    })
    checks.done()
  },
}
