// Next route handlers of the reader pages (mounted under src/app/(site)/). Each takes the Payload
// config like Payload's own REST_GET(config), so tests call them with web Requests.
import { REST_POST } from '@payloadcms/next/routes'
import { buildNewsArticleJsonLd, CONSENT_PROOF_COOKIE } from 'payload-plugin-ai-disclosure'
import { DISCLOSURE_RULE } from './disclosureRule'
import {
  createLocalReq,
  getPayload,
  type PayloadRequest,
  type SanitizedConfig,
  type TypedUser,
} from 'payload'
import { createElement } from 'react'

import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL, surrogateKeyOf } from '../cache/plugin'
import { publicMarkHeaders } from '../cache/publicMark'
import { publicImage } from '../images/publicImage'
import { crossSiteReason, sameSitePath, trustedOrigins } from '../limits/csrf'
import { publicUrl } from '../../server/publicUrl'
import { consentDecision, consentSetCookies, readCookie } from './consentCookie'
import { canPreview, loadArticle, loadSite, loadTeaser, type SiteData } from './load'
import { ArticleView, type ConsentView, Message, renderDocument, Shell, TeaserCard } from './render'
import { siteText } from '../languages/translations'
import { DEFAULT_LOCALE, fallbackOf, LOCALE_CODES } from '../languages/locales'
import {
  articleUrl,
  defaultVersion,
  hreflangAlternates,
  type PublicationState,
} from '../syndication/alternates'
import { syndicationOptionsOf } from '../syndication/config'
import { feedLinks } from '../syndication/urls'

type Config = Promise<SanitizedConfig> | SanitizedConfig
/** A page route's handler for the config, as Next's route files mount them (`params` of the path). */
export type PageHandler<T> = (
  configPromise: Config,
) => (request: Request, context: { params: Promise<T> }) => Promise<Response>

export function html(body: string, status: number, headers: Record<string, string>): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  })
}

/** The consent banner's state for this request, from the global and the reader's cookie. */
export function consentView(
  site: SiteData,
  request: Request,
  returnTo: string,
): ConsentView | undefined {
  const consent = site.consent
  if (!consent || consent.enabled === false) return undefined
  const decision = consentDecision(request.headers.get('cookie'))
  const current = decision?.revision === consent.revision
  const settingsOpen = new URL(request.url).searchParams.get('consent') === 'settings'
  return {
    consent,
    open: !current || settingsOpen,
    outdated: Boolean(decision) && !current,
    settingsOpen,
    returnTo,
  }
}

const localeOf = (locale: string) => (LOCALE_CODES.includes(locale) ? locale : undefined)

/**
 * Who is asking, and the request every read of the page runs on: Payload judges each of them, and
 * only a page whose reads were all public carries the mark the response cache requires; the site
 * in the page's locale (`locale`: the requested one when the site has it).
 */
export async function visitor(
  config: Config,
  request: Request,
  requested: string,
  preview: boolean,
) {
  const payload = await getPayload({ config: await config })
  const { user: found } = await payload.auth({ headers: request.headers })
  const user = (found ?? null) as TypedUser | null
  const req = await createLocalReq({ user: found ?? undefined }, payload)
  const locale = localeOf(requested)
  // An unknown locale still gets a page (its 404) in the default one.
  const reader = { payload, user, req, preview, locale: locale ?? DEFAULT_LOCALE }
  return { locale, reader, req, site: await loadSite(reader), user }
}

/** The mark for an anonymous, published page whose every read Payload judged public. */
export const markFor = (req: PayloadRequest, cacheControl: string) =>
  cacheControl === PUBLIC_CACHE_CONTROL ? publicMarkHeaders(req) : {}

export async function notFound(
  site: SiteData,
  cacheControl: string,
  req: PayloadRequest,
): Promise<Response> {
  const text = siteText(site.locale)
  const page = createElement(Shell, {
    site,
    title: text('siteNotFoundTitle'),
    robots: 'noindex',
    children: createElement(Message, {
      title: text('siteNotFoundTitle'),
      text: text('siteNotFoundText'),
    }),
  })
  return html(await renderDocument(page), 404, {
    'cache-control': cacheControl,
    'surrogate-key': surrogateKeyOf(req),
    ...markFor(req, cacheControl),
  })
}

async function previewLogin(site: SiteData, request: Request): Promise<Response> {
  const text = siteText(site.locale)
  const url = new URL(request.url)
  const redirect = encodeURIComponent(`${url.pathname}${url.search}`)
  const page = createElement(Shell, {
    site,
    title: text('sitePreviewLoginTitle'),
    robots: 'noindex',
    children: createElement(Message, {
      title: text('sitePreviewLoginTitle'),
      text: text('sitePreviewLoginText'),
      link: { href: `/admin/login?redirect=${redirect}`, label: 'Admin' },
    }),
  })
  return html(await renderDocument(page), 401, { 'cache-control': PRIVATE_CACHE_CONTROL })
}

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * `GET /{locale}/articles/{slug}`: the published article (anonymous: published only, else 404), or
 * with `?preview` for a user with draft access the latest draft with fallback texts marked.
 */
export const articlePageGET: PageHandler<{ locale: string; slug: string }> =
  (configPromise) =>
  async (request, { params }) => {
    const { locale: requested, slug } = await params
    const preview = new URL(request.url).searchParams.has('preview')
    const { locale, reader, req, site, user } = await visitor(
      configPromise,
      request,
      requested,
      preview,
    )
    if (preview && !canPreview(user)) return previewLogin(site, request)
    // Logged-in staff get the same page, but no shared cache may keep a response made for them.
    const cacheControl = preview || user ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL
    if (!locale) return notFound(site, cacheControl, req)

    const data = await loadArticle(reader, safeDecode(slug), preview)
    if (!data) return notFound(site, cacheControl, req)

    const origin = publicUrl()
    const slugOf = data.article.slug ?? ''
    const pathFor = (code: string) => `/${code}/articles/${encodeURIComponent(slugOf)}`
    const languageLinks: Record<string, string> = {}
    for (const l of site.locales)
      languageLinks[l.code] = `${pathFor(l.code)}${preview ? '?preview=1' : ''}`
    // hreflang: the published language versions only (src/features/syndication/alternates.ts, the
    // rule the sitemaps follow). A page whose locale is not published shows the fallback locale's
    // text: its canonical is that published original, and it is no hreflang version of its own.
    const publication = data.article.publication as PublicationState
    const alternates = hreflangAlternates(origin, slugOf, publication)
    const fallback = fallbackOf(locale)
    const canonicalLocale =
      publication?.[locale]?.live === true
        ? locale
        : fallback && publication?.[fallback]?.live === true
          ? fallback
          : (defaultVersion(publication) ?? locale)
    const canonical = articleUrl(origin, canonicalLocale, slugOf)
    // The text shown may be the fallback language's: its language and label (docs/ai-disclosure.md).
    const shownLocale =
      data.fallback.has('body') || data.fallback.has('title') ? site.fallbackLocale : undefined
    const language = data.article.language
    const jsonLd = buildNewsArticleJsonLd({
      baseURL: origin,
      doc: data.article as unknown as Record<string, unknown>,
      images: data.hero ? [data.hero as unknown as Record<string, unknown>] : [],
      locale,
      shownLocale,
      rule: DISCLOSURE_RULE,
      alternates,
      originalLocale: typeof language === 'object' && language ? language.code : undefined,
      publicImage: (image) => publicImage(image),
      url: canonical,
    })
    const page = createElement(Shell, {
      site,
      title: data.article.title ?? '',
      description: data.article.summary,
      canonical,
      alternates,
      feeds: feedLinks(syndicationOptionsOf(await configPromise), locale),
      languageLinks,
      jsonLd,
      preview,
      robots: preview ? 'noindex' : undefined,
      // The banner records decisions: not in the editors' preview.
      consent: preview ? undefined : consentView(site, request, pathFor(locale)),
      children: createElement(ArticleView, { data, site }),
    })
    return html(await renderDocument(page), 200, {
      'cache-control': cacheControl,
      'content-language': locale,
      'surrogate-key': surrogateKeyOf(req),
      ...markFor(req, cacheControl),
    })
  }

/** `GET /{locale}/preview/related-articles/{id}`: a teaser card as readers see it (staff only). */
export const teaserPreviewGET: PageHandler<{ locale: string; id: string }> =
  (configPromise) =>
  async (request, { params }) => {
    const { locale: requested, id } = await params
    const { locale, reader, req, site, user } = await visitor(
      configPromise,
      request,
      requested,
      true,
    )
    if (!canPreview(user)) return previewLogin(site, request)
    const teaser = locale ? await loadTeaser(reader, id) : undefined
    if (!teaser) return notFound(site, PRIVATE_CACHE_CONTROL, req)
    const text = siteText(reader.locale)
    const languageLinks = Object.fromEntries(
      site.locales.map((l) => [l.code, `/${l.code}/preview/related-articles/${id}`]),
    )
    const page = createElement(Shell, {
      site,
      title: `${text('siteTeaserPreviewTitle')}: ${teaser.doc.title || teaser.doc.summary?.slice(0, 60) || id}`,
      robots: 'noindex',
      preview: true,
      languageLinks,
      children: createElement(
        'section',
        { className: 'teaser-preview', 'aria-labelledby': 'teaser-preview-heading' },
        createElement(
          'h1',
          { id: 'teaser-preview-heading', className: 'visually-hidden' },
          text('siteTeaserPreviewTitle'),
        ),
        createElement(TeaserCard, { teaser, site, text, headingLevel: 2 }),
      ),
    })
    return html(await renderDocument(page), 200, {
      'cache-control': PRIVATE_CACHE_CONTROL,
      'content-language': reader.locale,
    })
  }

/** Only same-site paths are valid places to return to after the form post. */

/**
 * `POST /site/consent`: the consent banner without JavaScript. Records the decision through
 * Payload's own `POST /api/consent-records` handler (same validation, rate limit and IP hash),
 * sets the consent cookies and redirects back (303).
 */
export const consentFormPOST =
  (configPromise: Config) =>
  async (request: Request): Promise<Response> => {
    const config = await configPromise
    // A form on another site must not decide for our readers (src/features/limits/csrf.ts).
    const crossSite = crossSiteReason(request.headers, [
      ...trustedOrigins(),
      ...(config.serverURL ? [new URL(config.serverURL).origin] : []),
    ])
    if (crossSite) {
      return new Response(`Only this site's own consent form may post here (${crossSite}).`, {
        status: 403,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': PRIVATE_CACHE_CONTROL,
        },
      })
    }
    let form: FormData
    try {
      form = await request.formData()
    } catch {
      return new Response('Send the consent form as application/x-www-form-urlencoded.', {
        status: 400,
      })
    }
    const returnTo = sameSitePath(form.get('return'))
    const acceptType = form.get('acceptType')
    const previous = consentDecision(request.headers.get('cookie'))
    const record: Record<string, unknown> = {
      acceptType,
      revision: form.get('revision'),
      locale: form.get('locale') || undefined,
      // Only with the proof that this browser holds it; otherwise the record starts a new one.
      consentId: readCookie(request.headers.get('cookie'), CONSENT_PROOF_COOKIE)
        ? previous?.consentId
        : undefined,
    }
    if (acceptType === 'custom') record.acceptedCategories = form.getAll('category').map(String)

    const headers: Record<string, string> = { 'content-type': 'application/json' }
    for (const name of ['x-forwarded-for', 'x-real-ip', 'user-agent']) {
      const value = request.headers.get(name)
      if (value) headers[name] = value
    }
    // Only the proof that this browser holds its consentId, not the reader's other cookies.
    const proof = readCookie(request.headers.get('cookie'), CONSENT_PROOF_COOKIE)
    if (proof) headers.cookie = `${CONSENT_PROOF_COOKIE}=${encodeURIComponent(proof)}`
    const apiRequest = new Request(new URL('/api/consent-records', request.url), {
      method: 'POST',
      headers,
      body: JSON.stringify(record),
    })
    const response = await REST_POST(configPromise as Promise<SanitizedConfig>)(apiRequest, {
      params: Promise.resolve({ slug: ['consent-records'] }),
    })
    const body = (await response.json().catch(() => ({}))) as {
      doc?: {
        consentId: string
        revision: number
        acceptType: string
        acceptedCategories?: string[]
      }
      errors?: Array<{ message: string }>
    }
    const locale = localeOf(String(form.get('locale') ?? '')) ?? DEFAULT_LOCALE
    if (response.status !== 201 || !body.doc) {
      const text = siteText(locale)
      const page = `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text('siteConsentErrorTitle')}</title><link rel="stylesheet" href="/site/site.css"></head><body><main class="message"><h1>${text('siteConsentErrorTitle')}</h1><p>${escapeHTML(body.errors?.[0]?.message ?? String(response.status))}</p><p><a href="${escapeHTML(returnTo)}">${text('siteBack')}</a></p></main></body></html>`
      return html(page, response.status >= 400 ? response.status : 500, {
        'cache-control': PRIVATE_CACHE_CONTROL,
      })
    }
    const { doc } = body
    const secure = publicUrl().startsWith('https:')
    const result = new Response(null, {
      status: 303,
      headers: { location: returnTo, 'cache-control': PRIVATE_CACHE_CONTROL },
    })
    for (const cookie of consentSetCookies(doc, doc.acceptedCategories ?? [], secure))
      result.headers.append('set-cookie', cookie)
    for (const cookie of response.headers.getSetCookie())
      result.headers.append('set-cookie', cookie)
    return result
  }

const escapeHTML = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
