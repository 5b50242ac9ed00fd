// The reader pages as plain server-rendered HTML (react-dom/server, no React in the browser).
import {
  LinkJSXConverter,
  RichText,
  type JSXConvertersFunction,
} from '@payloadcms/richtext-lexical/react'
import { JsonLdScript } from 'payload-plugin-ai-disclosure/rsc'
import type { ReactNode } from 'react'

import type { AiBadge, Consent, Image } from '../../payload-types'
import type { ArticlePageData, FallbackFields, SiteData, Teaser } from './load'
import { isAllowedLink } from '../../utilities/links'
import { siteText, type SiteText } from '../languages/translations'
import { searchPath } from '../search/paths'

/** An href from stored content, or none when its scheme is not allowed (src/utilities/links.ts). */
const safeHref = (url: string | null | undefined) => (url && isAllowedLink(url) ? url : undefined)

// Rich-text links checked again when rendered (stored before the rule, or written around the API):
// a link whose URL is not allowed shows its text without a link.
const links = LinkJSXConverter({ internalDocToHref: () => '#' }) as Record<
  'link' | 'autolink',
  (args: LinkArgs) => ReactNode
>
type LinkArgs = {
  node: { fields: { url?: string | null; linkType?: string }; children: unknown[] }
  nodesToJSX: (args: { nodes: unknown[] }) => ReactNode[]
}
const checked =
  (type: 'link' | 'autolink') =>
  (args: LinkArgs): ReactNode =>
    args.node.fields.linkType === 'internal' || isAllowedLink(args.node.fields.url) ? (
      links[type](args)
    ) : (
      <span>{args.nodesToJSX({ nodes: args.node.children })}</span>
    )
const bodyConverters = (({ defaultConverters }) => ({
  ...defaultConverters,
  link: checked('link'),
  autolink: checked('autolink'),
})) as JSXConvertersFunction

/** Public assets (public/site/). */
export const ASSETS = {
  css: '/site/site.css',
  consent: '/site/consent.js',
  preview: '/site/preview.js',
}
/** Where the consent form posts without JavaScript. */
export const CONSENT_FORM_PATH = '/site/consent'

type Badge = NonNullable<AiBadge>[number]

export type ConsentView = {
  consent: Consent
  /** Show the banner (no current decision, or the reader asked for the settings). */
  open: boolean
  /** The reader decided on an older revision: say why we ask again. */
  outdated: boolean
  settingsOpen: boolean
  /** The page to come back to after a form post. */
  returnTo: string
}

export type PageShell = {
  site: SiteData
  title: string
  description?: string | null
  canonical?: string
  /** hreflang alternates: locale → absolute URL. */
  alternates?: Record<string, string>
  /** Language switch: locale → path. */
  languageLinks?: Record<string, string>
  /** Feeds of the page's language (`rel="alternate"` with their type). */
  feeds?: { type: string; href: string; title: string }[]
  jsonLd?: Record<string, unknown>
  consent?: ConsentView
  preview?: boolean
  robots?: string
  /** The search field's text (on the search page). */
  query?: string
  children: ReactNode
}

const badgeOf = (badges: AiBadge | undefined, type: string): Badge | undefined =>
  (badges ?? []).find((badge) => badge?.type === type)

export function BadgeLabel({ badge }: { badge: Badge | undefined }) {
  if (!badge) return null
  return (
    <span className={`badge badge--${badge.type}`} data-badge={badge.type}>
      {badge.label}
    </span>
  )
}

/** What a `Text` needs of its page: which fields came from the fallback locale, the site, its strings. */
type TextSource = { fallback: FallbackFields; site: SiteData; text: SiteText }

/** A text that may come from the fallback language; marked in preview so translators see it. */
function Text({
  field,
  from: { fallback, site, text },
  as: Tag = 'span',
  className,
  children,
}: {
  field: string
  from: TextSource
  as?: 'span' | 'p' | 'h1' | 'h3' | 'div'
  className?: string
  children: ReactNode
}) {
  if (!fallback.has(field)) return <Tag className={className}>{children}</Tag>
  // Readers: the text's own language for screen readers; preview: a visible mark as well.
  if (!site.preview)
    return (
      <Tag className={className} lang={site.fallbackLocale}>
        {children}
      </Tag>
    )
  const from = site.locales.find((l) => l.code === site.fallbackLocale)
  const cls = `${className ?? ''} fallback`.trim()
  return (
    <Tag className={cls} lang={site.fallbackLocale} data-fallback={field}>
      {children}
      <span className="fallback-mark" lang={site.locale}>
        {text('siteFallback', {
          language: from?.nativeName || from?.name || site.fallbackLocale || '',
        })}
      </span>
    </Tag>
  )
}

/** In a preview, an image's alt text that came from the fallback language (readers do not see it). */
function AltNote({ alt, from }: { alt: ReactNode; from: TextSource }) {
  if (!from.site.preview || !from.fallback.has('alt')) return null
  return (
    <Text field="alt" from={from} className="alt-note">
      {alt}
    </Text>
  )
}

function Picture({
  image,
  size,
  sizes,
  lazy,
}: {
  image: Image
  size: 'hero' | 'card'
  sizes: string
  lazy?: boolean
}) {
  const variant = image.sizes?.[size]
  const src = variant?.url || image.url
  if (!src) return null
  const srcSet = [image.sizes?.card, image.sizes?.hero]
    .filter((s): s is { url: string; width: number } => Boolean(s?.url && s.width))
    .map((s) => `${s.url} ${s.width}w`)
    .join(', ')
  return (
    <img
      src={src}
      srcSet={srcSet || undefined}
      sizes={srcSet ? sizes : undefined}
      alt={image.alt ?? ''}
      width={variant?.width ?? image.width ?? undefined}
      height={variant?.height ?? image.height ?? undefined}
      loading={lazy ? 'lazy' : undefined}
      decoding="async"
    />
  )
}

function ConsentBanner({
  view,
  site,
  text,
}: {
  view: ConsentView
  site: SiteData
  text: SiteText
}) {
  const { consent } = view
  const categories = consent.categories ?? []
  const button = `button${consent.equalWeightButtons === false ? '' : ' button--equal'}`
  const choice = (value: 'all' | 'necessary', modifier: string, label: ReactNode) => (
    <button type="submit" name="acceptType" value={value} className={`${button} ${modifier}`}>
      {label}
    </button>
  )
  return (
    <section
      id="consent"
      className="consent"
      aria-labelledby="consent-title"
      data-revision={consent.revision}
      hidden={!view.open}
    >
      <form method="post" action={CONSENT_FORM_PATH}>
        <h2 id="consent-title">{consent.title}</h2>
        {view.outdated && consent.revisionMessage ? (
          <p className="consent-revision">{consent.revisionMessage}</p>
        ) : null}
        <p>
          {consent.text}
          {safeHref(consent.privacyPolicy?.url) ? (
            <>
              {' '}
              <a href={safeHref(consent.privacyPolicy?.url)}>
                {consent.privacyPolicy?.label || consent.privacyPolicy?.url}
              </a>
            </>
          ) : null}
        </p>
        <input type="hidden" name="revision" value={consent.revision} />
        <input type="hidden" name="locale" value={site.locale} />
        <input type="hidden" name="return" value={view.returnTo} />
        <div className="consent-actions">
          {choice('all', 'button--accept', consent.acceptLabel)}
          {choice('necessary', 'button--reject', consent.rejectLabel)}
        </div>
        {categories.length ? (
          <details className="consent-settings" open={view.settingsOpen}>
            <summary>{consent.settingsLabel || text('siteConsentSave')}</summary>
            <fieldset>
              <legend className="visually-hidden">{consent.settingsLabel}</legend>
              {categories.map((category) => {
                const id = `consent-category-${category.key}`
                const locked = Boolean(category.required) || category.key === 'necessary'
                return (
                  <div className="consent-category" key={category.key}>
                    <input
                      type="checkbox"
                      id={id}
                      name="category"
                      value={category.key}
                      defaultChecked={locked}
                      disabled={locked}
                      aria-describedby={category.description ? `${id}-description` : undefined}
                    />
                    <label htmlFor={id}>
                      {category.label}
                      {locked ? ` (${text('siteConsentAlwaysOn')})` : ''}
                    </label>
                    {category.description ? (
                      <p id={`${id}-description`}>{category.description}</p>
                    ) : null}
                  </div>
                )
              })}
            </fieldset>
            <button type="submit" name="acceptType" value="custom" className="button">
              {text('siteConsentSave')}
            </button>
          </details>
        ) : null}
        <p className="consent-error" role="alert" hidden></p>
      </form>
    </section>
  )
}

/** The search field of every reader page: a plain GET form to the search page of its language. */
function SearchField({ locale, query, text }: { locale: string; query?: string; text: SiteText }) {
  return (
    <form role="search" className="site-search" action={searchPath(locale)} method="get">
      <label htmlFor="site-search" className="visually-hidden">
        {text('siteSearchLabel')}
      </label>
      <input type="search" id="site-search" name="q" maxLength={200} defaultValue={query} />
      <button type="submit" className="button">
        {text('siteSearchButton')}
      </button>
    </form>
  )
}

export function Shell(props: PageShell) {
  const { site, consent, preview } = props
  const text = siteText(site.locale)
  return (
    <html lang={site.locale} data-consent-revision={consent?.consent.revision}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.robots ? <meta name="robots" content={props.robots} /> : null}
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
        {Object.entries(props.alternates ?? {}).map(([hreflang, href]) => (
          <link key={hreflang} rel="alternate" hrefLang={hreflang} href={href} />
        ))}
        {(props.feeds ?? []).map((feed) => (
          <link
            key={feed.href}
            rel="alternate"
            type={feed.type}
            href={feed.href}
            title={feed.title}
          />
        ))}
        <link rel="stylesheet" href={ASSETS.css} />
        {consent ? <script src={ASSETS.consent} defer /> : null}
        {preview ? <script src={ASSETS.preview} defer /> : null}
        {props.jsonLd ? <JsonLdScript data={props.jsonLd} /> : null}
      </head>
      <body>
        {consent ? <ConsentBanner view={consent} site={site} text={text} /> : null}
        <header className="site-header">
          {props.languageLinks ? (
            <nav aria-label={text('siteLanguages')}>
              <ul className="languages">
                {site.locales.map((l) =>
                  props.languageLinks?.[l.code] ? (
                    <li key={l.code}>
                      <a
                        href={props.languageLinks[l.code]}
                        hrefLang={l.code}
                        lang={l.code}
                        aria-current={l.code === site.locale ? 'page' : undefined}
                      >
                        {l.nativeName || l.name}
                      </a>
                    </li>
                  ) : null,
                )}
              </ul>
            </nav>
          ) : null}
          <SearchField locale={site.locale} query={props.query} text={text} />
        </header>
        {preview ? (
          <p className="preview-notice" role="status">
            {text('sitePreviewNotice')}
          </p>
        ) : null}
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
        {consent ? (
          <footer className="site-footer">
            <a href="?consent=settings#consent" data-consent-open="">
              {consent.consent.settingsLabel || text('siteConsentSave')}
            </a>
          </footer>
        ) : null}
      </body>
    </html>
  )
}

export function TeaserCard({
  teaser,
  site,
  text,
  headingLevel = 3,
}: {
  teaser: Teaser
  site: SiteData
  text: SiteText
  headingLevel?: 2 | 3
}) {
  const { doc, image } = teaser
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const href = safeHref(teaser.href)
  const link = (children: ReactNode) => (href ? <a href={href}>{children}</a> : children)
  const source = { fallback: teaser.fallback, site, text }
  return (
    <article className="teaser" data-teaser={doc.id}>
      {image ? (
        <figure>
          <Picture image={image} size="card" sizes="(min-width: 48rem) 20rem, 100vw" lazy />
          <AltNote alt={image.alt} from={{ fallback: teaser.imageFallback, site, text }} />
        </figure>
      ) : null}
      {doc.title ? (
        <Heading className="teaser-title">
          <Text field="title" from={source}>
            {link(doc.title)}
          </Text>
        </Heading>
      ) : null}
      {doc.badges?.length ? (
        <p className="badges">
          {doc.badges.map((badge) => (
            <BadgeLabel key={badge.type} badge={badge} />
          ))}
        </p>
      ) : null}
      {doc.summary ? (
        <Text as="p" field="summary" from={source} className="teaser-summary">
          {doc.title ? doc.summary : link(doc.summary)}
        </Text>
      ) : null}
    </article>
  )
}

export function ArticleView({ data, site }: { data: ArticlePageData; site: SiteData }) {
  const text = siteText(site.locale)
  const { article, hero } = data
  const imageBadge = badgeOf(hero?.badges, 'ai-image') ?? badgeOf(article.badges, 'ai-image')
  // the text's own labels (resolveDisclosure, via the API's badges): origin, then "reviewed"
  const textBadges = (article.badges ?? []).filter((badge) => badge?.type !== 'ai-image')
  const heading = site.current?.labels.relatedHeading
  const source = { fallback: data.fallback, site, text }
  const heroSource = { fallback: data.heroFallback, site, text }
  return (
    <>
      <article className="article">
        {hero ? (
          <figure className="hero">
            <Picture image={hero} size="hero" sizes="(min-width: 48rem) 46rem, 100vw" />
            {imageBadge ||
            hero.caption ||
            hero.credit ||
            (site.preview && data.heroFallback.has('alt')) ? (
              <figcaption>
                <BadgeLabel badge={imageBadge} />
                <AltNote alt={hero.alt} from={heroSource} />
                {hero.caption ? (
                  <Text field="caption" from={heroSource}>
                    {hero.caption}
                  </Text>
                ) : null}
                {hero.credit ? <span className="credit">{hero.credit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        <Text as="h1" field="title" from={source}>
          {article.title}
        </Text>
        {textBadges.length ? (
          <p className="badges">
            {textBadges.map((badge) => (
              <BadgeLabel key={badge.type} badge={badge} />
            ))}
          </p>
        ) : null}
        {article.summary ? (
          <Text as="p" field="summary" from={source} className="lead">
            {article.summary}
          </Text>
        ) : null}
        {article.body ? (
          <Text as="div" field="body" from={source} className="body">
            <RichText data={article.body as never} converters={bodyConverters} disableContainer />
          </Text>
        ) : null}
      </article>
      {data.teasers.length ? (
        <section className="related" aria-labelledby="related-heading">
          <h2 id="related-heading">{heading}</h2>
          <ul className="teasers">
            {data.teasers.map((teaser) => (
              <li key={teaser.doc.id}>
                <TeaserCard teaser={teaser} site={site} text={text} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}

export function Message({
  title,
  text,
  link,
}: {
  title: string
  text?: string
  link?: { href: string; label: string }
}) {
  return (
    <div className="message">
      <h1>{title}</h1>
      {text ? <p>{text}</p> : null}
      {link ? (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      ) : null}
    </div>
  )
}

/**
 * A full HTML document. Next refuses `react-dom/server` inside app routes (it expects Server
 * Components), so the renderer is loaded from node_modules at run time, outside the bundle. The
 * pages use no hooks or context, so elements made by the bundled React render fine with it.
 */
export async function renderDocument(element: ReactNode): Promise<string> {
  const specifier = 'react-dom/server'
  const { renderToStaticMarkup } = (await import(
    /* turbopackIgnore: true */ /* webpackIgnore: true */ specifier
  )) as typeof import('react-dom/server')
  return `<!DOCTYPE html>${renderToStaticMarkup(element)}`
}
