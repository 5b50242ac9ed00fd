/**
 * Journey 14: the admin URL the server prints on start works. The e2e server runs with
 * `PUBLIC_URL=http://127.0.0.1:PORT`; its start message prints that origin (not `localhost`), and
 * through it an admin logs in, saves a draft (stored: read back through REST) and opens the hero
 * image's "Create New" drawer, which shows the upload form (not a spinner left by a refused server
 * action). The e2e server runs like a deployment (NODE_ENV=production set by its starter, not a
 * local `npm start`), so the other loopback name (`localhost`) is a wrong origin there: the login
 * form works, and the save is answered 403 with where the site is, shown to the admin, instead of
 * "You are not allowed to perform this action.". Both loopback names working on a local run is
 * covered by tests/edge.server.ts.
 */
import type { Page } from 'playwright-core'

import {
  ADMIN,
  adminToken,
  api,
  assert,
  Checks,
  clickAndWaitForSave,
  type Journey,
  type JourneyContext,
  newPage,
  screenshot,
  settle,
} from '../helpers'

const NOT_ALLOWED = 'You are not allowed to perform this action'

export const printedAdminUrl: Journey = {
  id: 14,
  name: 'admin: the printed admin URL (from PUBLIC_URL) logs in, saves a draft and opens the image drawer; the other loopback name (a wrong origin in a deployment) is told where the site is',
  async run(ctx) {
    await adminToken(ctx) // the admin exists (journey 1 or first-register)
    const printed = /Newsroom CMS ready \([^)]*\): (\S+)\/admin\b/.exec(ctx.serverOutput())
    assert(printed, `no admin URL in the start message:\n${ctx.serverOutput().slice(-800)}`)
    const origin = printed[1]
    assert(
      origin === ctx.base,
      `the start message prints ${origin}/admin, PUBLIC_URL is ${ctx.base}`,
    )

    const other = origin.includes('127.0.0.1')
      ? origin.replace('127.0.0.1', 'localhost')
      : origin.replace('localhost', '127.0.0.1')
    const checks = new Checks()
    const page = await newPage({ ...ctx, base: origin })
    const ok = await checks.check(`${origin}: log in, save a draft, open "Create New"`, () =>
      draftAndDrawer(ctx, page, origin, `Printed URL draft ${Date.now()}`),
    )
    if (ok) await screenshot(page, '14-printed-admin-url-image-drawer')

    const wrong = await newPage({ ...ctx, base: other })
    await checks.check(
      `${other} (a wrong origin in a deployment): the save says where the site is`,
      async () => {
        await logIn(wrong, other)
        await wrong.goto(`${other}/admin/collections/articles/create?locale=en`)
        await settle(wrong)
        await wrong.locator('#field-title').fill('Wrong origin draft')
        const [response] = await Promise.all([
          wrong.waitForResponse(
            (res) =>
              new URL(res.url()).pathname === '/api/articles' && res.request().method() === 'POST',
          ),
          wrong.locator('#action-save-draft').click(),
        ])
        assert(response.status() === 403, `answered ${response.status()}`)
        const message: string = (await response.json())?.errors?.[0]?.message ?? ''
        assert(message.includes(`${origin}/admin`), `message "${message}"`)
        await wrong.getByText(`Open ${origin}/admin`, { exact: false }).first().waitFor()
        const body = await wrong.locator('body').innerText()
        assert(!body.includes(NOT_ALLOWED), `the page says "${NOT_ALLOWED}"`)
      },
    )
    checks.done()
  },
}

async function draftAndDrawer(
  ctx: JourneyContext,
  page: Page,
  base: string,
  title: string,
): Promise<void> {
  await logIn(page, base)
  await page.goto(`${base}/admin/collections/articles/create?locale=en`)
  await settle(page)
  await page.locator('#field-title').fill(title)
  const saved = await clickAndWaitForSave(page, '#action-save-draft', /^\/api\/articles$/)
  const id: string = saved.doc.id
  const body = await page.locator('body').innerText()
  assert(!body.includes(NOT_ALLOWED), `the page says "${NOT_ALLOWED}"`)
  const { status, body: stored } = await api(ctx, `/api/articles/${id}?draft=true&locale=en`, {
    token: await adminToken(ctx),
  })
  assert(status === 200 && stored.title === title, `read back: ${status} ${stored.title}`)
  assert(stored._status === 'draft', `status ${stored._status}`)

  // The hero image's "Create New": the images form with its file input, not LOADING.
  await page.waitForURL(`**/admin/collections/articles/${id}**`)
  await settle(page)
  await page.locator('.field-type.upload .upload__createNewToggler').first().click()
  const drawer = page.locator('.drawer').last()
  await drawer.locator('#field-alt').waitFor({ state: 'visible', timeout: 20_000 })
  assert((await drawer.locator('input[type="file"]').count()) > 0, 'the drawer has no file input')
  const text = await drawer.innerText()
  assert(!/loading/i.test(text), `the drawer still says loading: ${text.slice(0, 200)}`)
}

/** Opens the printed link (`/admin`, which sends a visitor to the login form) and logs in. */
async function logIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/admin`)
  await page.waitForURL(/\/admin\/login/)
  await page.locator('#field-email').fill(ADMIN.email)
  await page.locator('#field-password').fill(ADMIN.password)
  await page.locator('form button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/login'))
  await settle(page)
  assert(new URL(page.url()).origin === base, `left ${base}: ${page.url()}`)
}
