/**
 * Shared helpers of the browser journeys: the journey context, REST calls, users, log-in, navigation,
 * saving in the admin and screenshots. See tests/e2e/run.ts for the runner.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'

export const root = path.resolve(import.meta.dirname, '..', '..')
export const screenshotsDir = path.join(root, 'docs', 'screenshots')

/** The seed document imported on the first start (seed/documents/). */
export const SEED_TITLE = "North Korea's Kim congratulates Lao president on reelection"
export const SEED_SLUG = 'north-koreas-kim-congratulates-lao-president-on-reelection'
export const SEED_TEASERS = 7

/** The first admin, created through the UI by journey 1 (or through REST when journey 1 is skipped). */
export const ADMIN = { email: 'admin@newsroom.test', password: 'e2e-admin-password-1' }

export type User = { email: string; password: string }

/** What every journey gets. */
export type JourneyContext = {
  base: string
  browser: Browser
  /** Temp dir of this run (database, media, generated pictures); removed at the end. */
  tmp: string
  /** Browser contexts opened by the current journey (closed after it; the last page is captured on failure). */
  contexts: BrowserContext[]
  /** Values journeys hand on, e.g. the admin's REST token. */
  state: Map<string, unknown>
  /** Everything the server printed so far (stdout and stderr), e.g. its start message. */
  serverOutput: () => string
}

export type Journey = {
  id: number
  name: string
  run: (ctx: JourneyContext) => Promise<void>
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

/**
 * Soft assertions: every check runs and the journey fails at the end with the list of the ones that
 * did not pass (so a journey waiting on unfinished app work reports everything that is missing).
 */
export class Checks {
  private failures: string[] = []
  private total = 0

  async check(what: string, fn: () => unknown): Promise<boolean> {
    this.total++
    try {
      await fn()
      return true
    } catch (error) {
      this.failures.push(`${what}: ${(error as Error).message.split('\n')[0]}`)
      return false
    }
  }

  get ok(): boolean {
    return this.failures.length === 0
  }

  /** Throws when a check failed. */
  done(): void {
    if (this.failures.length) {
      throw new Error(
        `${this.failures.length} of ${this.total} checks failed:\n- ${this.failures.join('\n- ')}`,
      )
    }
  }
}

// ---------------------------------------------------------------------------------------------
// REST

type ApiOptions = { token?: string; apiKey?: string; body?: unknown; method?: string }

/** Calls the REST (or GraphQL) API from Node; anonymous unless a token or API key is given. */
export async function api<T = any>(
  ctx: JourneyContext,
  urlPath: string,
  options: ApiOptions = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {}
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `JWT ${options.token}`
  if (options.apiKey) headers.authorization = `users API-Key ${options.apiKey}`
  const res = await fetch(`${ctx.base}${urlPath}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await res.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: res.status, body: body as T }
}

/** A REST login token of this user. */
export async function loginToken(ctx: JourneyContext, user: User): Promise<string> {
  const { status, body } = await api(ctx, '/api/users/login', { body: user })
  assert(
    status === 200 && body.token,
    `REST login of ${user.email} failed: ${status} ${JSON.stringify(body)}`,
  )
  return body.token as string
}

/**
 * The admin's REST token. Journey 1 creates the admin through the UI; when it is not run
 * (E2E_ONLY), the admin is registered through the first-register endpoint instead.
 */
export async function adminToken(ctx: JourneyContext): Promise<string> {
  const cached = ctx.state.get('adminToken')
  if (typeof cached === 'string') return cached
  const login = await api(ctx, '/api/users/login', { body: ADMIN })
  if (login.status !== 200) {
    const reg = await api(ctx, '/api/users/first-register', {
      body: { ...ADMIN, roles: ['admin'] },
    })
    assert(
      reg.status === 200 || reg.status === 201,
      `could not register the first admin: ${reg.status} ${JSON.stringify(reg.body)}`,
    )
  }
  const token = await loginToken(ctx, ADMIN)
  ctx.state.set('adminToken', token)
  return token
}

/** Creates a user as the admin (REST) and returns its credentials. */
export async function createUser(
  ctx: JourneyContext,
  email: string,
  data: Record<string, unknown>,
): Promise<User> {
  const user = { email, password: `${email.split('@')[0]}-password-1` }
  const { status, body } = await api(ctx, '/api/users', {
    token: await adminToken(ctx),
    body: { ...user, ...data },
  })
  assert(status === 201, `creating ${email} failed: ${status} ${JSON.stringify(body)}`)
  return user
}

/** The editor of the journeys, created on first use. */
export async function editorUser(ctx: JourneyContext): Promise<User> {
  const cached = ctx.state.get('editor') as User | undefined
  if (cached) return cached
  const editor = await createUser(ctx, 'editor@newsroom.test', {
    name: 'Erin Editor',
    roles: ['editor'],
  })
  ctx.state.set('editor', editor)
  return editor
}

/** The seed article as the admin sees it (all locales, draft included). */
export async function seedArticle(ctx: JourneyContext): Promise<any> {
  const { status, body } = await api(
    ctx,
    `/api/articles?where[slug][equals]=${SEED_SLUG}&locale=all&depth=0&draft=true`,
    {
      token: await adminToken(ctx),
    },
  )
  assert(
    status === 200 && body.docs?.length === 1,
    `seed article not found: ${status} ${JSON.stringify(body).slice(0, 300)}`,
  )
  return body.docs[0]
}

// ---------------------------------------------------------------------------------------------
// Browser

// Payload's default avatar is a Gravatar image; the machines running this have no internet, so the
// browser gets a plain grey picture instead of a broken image (and makes no outside request).
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4BwAA4QDgOnWjcgAAAABJRU5ErkJggg==',
  'base64',
)

/**
 * A new browser page of 1280×800 in its own context (own cookies). `language: 'de'` sets the
 * `payload-lng` cookie, which is how Payload remembers the admin language.
 */
export async function newPage(
  ctx: JourneyContext,
  options: { language?: 'en' | 'de'; timezoneId?: string } = {},
): Promise<Page> {
  const context = await ctx.browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: options.language === 'de' ? 'de-DE' : 'en-US',
    timezoneId: options.timezoneId ?? 'Europe/Berlin',
  })
  ctx.contexts.push(context)
  context.setDefaultTimeout(30_000)
  context.setDefaultNavigationTimeout(60_000)
  await context.route(/gravatar\.com/, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: AVATAR_PNG }),
  )
  if (options.language) {
    await context.addCookies([{ name: 'payload-lng', value: options.language, url: ctx.base }])
  }
  return context.newPage()
}

/** Opens an admin path (e.g. `/collections/articles?locale=en`) and waits until it has settled. */
export async function gotoAdmin(page: Page, ctx: JourneyContext, adminPath: string): Promise<void> {
  await page.goto(`${ctx.base}/admin${adminPath}`)
  await settle(page)
}

/** Waits for the network to go quiet (the admin loads form state and list data after the first paint). */
/**
 * A field of the edit view's sidebar, scrolled to as an editor would: Payload renders form fields
 * only once they come into view, so one below the fold is not in the page until then.
 */
export async function sidebarField(page: Page, selector: string) {
  const field = page.locator(selector)
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 }
  for (let i = 0; i < 20 && !(await field.count()); i++) {
    await page.mouse.move(width - 150, height - 100)
    await page.mouse.wheel(0, 400)
    await page.waitForTimeout(150)
  }
  await field.scrollIntoViewIfNeeded()
  return field
}

export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {})
}

/** Logs in through the admin's login form. */
export async function loginUI(page: Page, ctx: JourneyContext, user: User): Promise<void> {
  await gotoAdmin(page, ctx, '/login')
  await page.locator('#field-email').fill(user.email)
  await page.locator('#field-password').fill(user.password)
  await page.locator('form button[type="submit"]').click()
  await page.waitForURL(
    (url) => url.pathname.startsWith('/admin') && !url.pathname.startsWith('/admin/login'),
  )
  await settle(page)
}

/** A new page (see newPage) on which `user` has logged in through the admin's login form. */
export async function loggedInPage(
  ctx: JourneyContext,
  user: User,
  options: Parameters<typeof newPage>[1] = {},
): Promise<Page> {
  const page = await newPage(ctx, options)
  await loginUI(page, ctx, user)
  return page
}

/** A new page on which the journeys' editor has logged in. */
export async function editorPage(
  ctx: JourneyContext,
  options: Parameters<typeof newPage>[1] = {},
): Promise<Page> {
  return loggedInPage(ctx, await editorUser(ctx), options)
}

/**
 * Clicks a save/publish button of the edit view and waits for the API call it triggers; throws
 * with the API's answer when it is not a success.
 */
export async function clickAndWaitForSave(
  page: Page,
  button: string,
  apiPath: RegExp,
): Promise<any> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (res) =>
        apiPath.test(new URL(res.url()).pathname) &&
        ['POST', 'PATCH'].includes(res.request().method()),
    ),
    page.locator(button).click(),
  ])
  const body = await response.json().catch(() => null)
  assert(response.ok(), `save answered ${response.status()}: ${JSON.stringify(body).slice(0, 400)}`)
  await settle(page)
  return body
}

/**
 * Saves a PNG screenshot of the visible page as docs/screenshots/NAME.png. `height` crops the
 * bottom (the screenshots stay small and show the part that matters).
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { height?: number } = {},
): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true })
  const file = path.join(screenshotsDir, `${name}.png`)
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 }
  // Let fonts finish; hide the text cursor and the "saved" toasts, which would cover the form.
  await page.evaluate(() => document.fonts.ready)
  await page.addStyleTag({
    content: `*, *::before, *::after { caret-color: transparent !important; transition: none !important; }
      .payload-toast-container, [data-sonner-toaster] { display: none !important; }`,
  })
  const png = await page.screenshot({
    type: 'png',
    clip: { x: 0, y: 0, width, height: Math.min(height, options.height ?? height) },
  })
  // A 128-colour palette keeps the admin's flat UI sharp at a third of the size.
  await sharp(png).png({ palette: true, colors: 128, compressionLevel: 9 }).toFile(file)
  return file
}

/** A Lexical rich text of one paragraph, as the admin's editor stores it. */
export function richText(text: string): Record<string, unknown> {
  const node = { direction: null, format: '', indent: 0, version: 1 }
  return {
    root: {
      ...node,
      type: 'root',
      children: [
        {
          ...node,
          type: 'paragraph',
          textFormat: 0,
          textStyle: '',
          children: [
            { type: 'text', version: 1, text, format: 0, mode: 'normal', style: '', detail: 0 },
          ],
        },
      ],
    },
  }
}

/** Creates an article through REST as the admin (English, published) and returns its id. */
export async function createArticle(
  ctx: JourneyContext,
  data: { title: string; summary?: string; body?: string; slug?: string },
): Promise<string> {
  const { status, body } = await api(ctx, '/api/articles?locale=en', {
    token: await adminToken(ctx),
    body: {
      ...data,
      body: data.body === undefined ? undefined : richText(data.body),
      _status: 'published',
    },
  })
  assert(status === 201, `creating "${data.title}" failed: ${status} ${JSON.stringify(body)}`)
  return body.doc.id as string
}
