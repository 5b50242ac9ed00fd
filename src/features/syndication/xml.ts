// The XML formats, written with xmlbuilder2 (it escapes every text and attribute): sitemaps.org
// sitemaps and index with xhtml:link alternates, Google News sitemaps, RSS 2.0 and Atom (RFC 4287).
import { create } from 'xmlbuilder2'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces'

import type { PublicationOptions } from './config'
import { clean, DIGITAL_SOURCE_TYPE_SCHEME, LABEL_SCHEME, type Item } from './items'

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const XHTML_NS = 'http://www.w3.org/1999/xhtml'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
const ATOM_NS = 'http://www.w3.org/2005/Atom'
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/'

const doc = () => create({ version: '1.0', encoding: 'UTF-8' })
const text = (parent: XMLBuilder, name: string, value: string) =>
  parent.ele(name).txt(clean(value)).up()
const end = (root: XMLBuilder) => root.end({ prettyPrint: false })

/** `<sitemapindex>` of absolute sitemap URLs. */
export function sitemapIndex(locs: string[]): string {
  const root = doc().ele('sitemapindex', { xmlns: SITEMAP_NS })
  for (const loc of locs) text(root.ele('sitemap'), 'loc', loc)
  return end(root)
}

export type SitemapUrl = { loc: string; lastmod: string; alternates: Record<string, string> }

/** `<urlset>` with each URL's language versions (`xhtml:link`, itself and `x-default` included). */
export function urlset(urls: SitemapUrl[]): string {
  const root = doc().ele('urlset', { xmlns: SITEMAP_NS, 'xmlns:xhtml': XHTML_NS })
  for (const url of urls) {
    const node = root.ele('url')
    text(node, 'loc', url.loc)
    text(node, 'lastmod', url.lastmod)
    for (const [hreflang, href] of Object.entries(url.alternates))
      node.ele('xhtml:link', { rel: 'alternate', hreflang, href }).up()
  }
  return end(root)
}

export type NewsUrl = { loc: string; title: string; publishedAt: string }

/**
 * A Google News sitemap: `news:publication` (name, language), `news:publication_date` (W3C) and
 * `news:title` per URL, in the order Google's schema gives them.
 */
export function newsSitemap(urls: NewsUrl[], name: string, language: string): string {
  const root = doc().ele('urlset', { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS })
  for (const url of urls) {
    const node = root.ele('url')
    text(node, 'loc', url.loc)
    const news = node.ele('news:news')
    const publication = news.ele('news:publication')
    text(publication, 'news:name', name)
    text(publication, 'news:language', language)
    text(news, 'news:publication_date', url.publishedAt)
    text(news, 'news:title', url.title)
  }
  return end(root)
}

export type FeedHead = {
  publication: PublicationOptions
  /** The feed's own absolute URL (rel=self, Atom id). */
  self: string
  /** The site's home. */
  home: string
  /** The newest change of any item, or now for an empty feed. */
  updated: string
}

/** Categories of an item: each AI label of its text, its digital source type, the image's label. */
function categories(item: Item): { term: string; scheme: string; label: string }[] {
  const result = item.disclosure.labels.map((l) => ({
    term: l.kind,
    scheme: LABEL_SCHEME,
    label: l.text,
  }))
  result.push({
    term: item.disclosure.digitalSourceType,
    scheme: DIGITAL_SOURCE_TYPE_SCHEME,
    label: item.disclosure.digitalSourceType.slice(DIGITAL_SOURCE_TYPE_SCHEME.length),
  })
  if (item.image?.label)
    result.push({ term: 'ai-image', scheme: LABEL_SCHEME, label: item.image.label })
  return result
}

const rfc822 = (iso: string) => new Date(iso).toUTCString()

/** RSS 2.0 with `atom:link rel=self`, `content:encoded` for the full text, a category per label. */
export function rss(head: FeedHead, items: Item[]): string {
  const root = doc().ele('rss', {
    version: '2.0',
    'xmlns:atom': ATOM_NS,
    'xmlns:content': CONTENT_NS,
  })
  const channel = root.ele('channel')
  text(channel, 'title', head.publication.name)
  text(channel, 'link', head.home)
  text(channel, 'description', head.publication.description)
  text(channel, 'language', head.publication.language)
  text(channel, 'lastBuildDate', rfc822(head.updated))
  channel.ele('atom:link', { href: head.self, rel: 'self', type: 'application/rss+xml' }).up()
  for (const item of items) {
    const node = channel.ele('item')
    text(node, 'title', item.title)
    text(node, 'link', item.url)
    if (item.summary) text(node, 'description', item.summary)
    if (item.html)
      node.ele('content:encoded').dat(item.html.replaceAll(']]>', ']]]]><![CDATA[>')).up()
    node.ele('guid', { isPermaLink: 'false' }).txt(item.entryId).up()
    text(node, 'pubDate', rfc822(item.firstPublishedAt))
    for (const c of categories(item))
      node
        .ele('category', { domain: c.scheme })
        .txt(c.term === c.label ? c.term : c.label)
        .up()
    if (item.image)
      node
        .ele('enclosure', {
          url: item.image.url,
          length: String(item.image.filesize ?? 0),
          type: item.image.mimeType ?? 'image/jpeg',
        })
        .up()
  }
  return end(root)
}

/** Atom (RFC 4287): `xml:lang` of the feed, the publication as author, a category per label. */
export function atom(head: FeedHead, items: Item[]): string {
  const root = doc().ele('feed', { xmlns: ATOM_NS, 'xml:lang': head.publication.language })
  text(root, 'id', head.self)
  text(root, 'title', head.publication.name)
  text(root, 'subtitle', head.publication.description)
  text(root, 'updated', head.updated)
  root.ele('link', { rel: 'self', type: 'application/atom+xml', href: head.self }).up()
  root.ele('link', { rel: 'alternate', type: 'text/html', href: head.home }).up()
  text(root.ele('author'), 'name', head.publication.name)
  for (const item of items) {
    const entry = root.ele('entry')
    text(entry, 'id', item.entryId)
    text(entry, 'title', item.title)
    text(entry, 'updated', item.updatedAt)
    text(entry, 'published', item.firstPublishedAt)
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: item.url }).up()
    if (item.summary) text(entry, 'summary', item.summary)
    if (item.html) entry.ele('content', { type: 'html' }).txt(item.html).up()
    for (const c of categories(item))
      entry.ele('category', { term: c.term, scheme: c.scheme, label: c.label }).up()
    if (item.image)
      entry
        .ele('link', {
          rel: 'enclosure',
          href: item.image.url,
          type: item.image.mimeType ?? 'image/jpeg',
          ...(item.image.filesize ? { length: String(item.image.filesize) } : {}),
        })
        .up()
  }
  return end(root)
}
