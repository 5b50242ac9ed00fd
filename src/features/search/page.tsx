// The readers' search page: /de/suche?q= and /en/search?q= (plain HTML like the other reader pages,
// src/features/site/), with highlighted snippets, paging and the AI labels of each result.
import type { ReactNode } from 'react'

import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL, surrogateKeyOf } from '../cache/plugin'
import { DEFAULT_LOCALE } from '../languages/locales'
import { siteText, type SiteText } from '../languages/translations'
import { html, markFor, notFound, visitor, type PageHandler } from '../site/handlers'
import { renderDocument, Shell } from '../site/render'
import { publicUrl } from '../../server/publicUrl'
import { searchPath, searchWord } from './paths'
import type { Highlighted, SearchResult } from './query'
import { SearchUnavailableError } from './engine'
import { SearchInputError } from './query'
import { searchFor } from './service'

/** A text with its matched words in `<mark>`. */
function Marked({ value }: { value: Highlighted }) {
  const parts: ReactNode[] = []
  let at = 0
  value.highlights.forEach(([start, end], i) => {
    if (start < at) return
    parts.push(value.text.slice(at, start), <mark key={i}>{value.text.slice(start, end)}</mark>)
    at = end
  })
  parts.push(value.text.slice(at))
  return <>{parts}</>
}

function Results({
  result,
  text,
  pageLink,
}: {
  result: SearchResult
  text: SiteText
  pageLink: (page: number) => string
}) {
  const { total, page, totalPages } = result
  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading">{text('siteSearchTitle')}</h1>
      <p role="status">
        {!result.query
          ? text('siteSearchEmpty')
          : total
            ? text('siteSearchResults', {
                count: result.totalCapped ? `${total.toLocaleString(result.locale)}+` : total,
                query: result.query,
              })
            : text('siteSearchNone', { query: result.query })}
      </p>
      {result.docs.length ? (
        <ol className="search-results" start={(page - 1) * result.limit + 1}>
          {result.docs.map((hit) => (
            <li key={`${hit.collection}:${hit.id}`} data-result={hit.id}>
              <h2>
                {hit.href ? (
                  <a href={hit.href}>
                    <Marked value={hit.title} />
                  </a>
                ) : (
                  <Marked value={hit.title} />
                )}
              </h2>
              {hit.labels.length ? (
                <p className="badges">
                  {hit.labels.map((label) => (
                    <span key={label.kind} className={`badge badge--${label.kind}`}>
                      {label.text}
                    </span>
                  ))}
                </p>
              ) : null}
              <p className="teaser-summary">
                <Marked value={hit.snippet} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {totalPages > 1 ? (
        <nav aria-label={text('siteSearchPages')} className="search-pages">
          {page > 1 ? <a href={pageLink(page - 1)}>{text('siteSearchPrevious')}</a> : null}
          <span>{text('siteSearchPage', { page, pages: totalPages })}</span>
          {page < totalPages ? <a href={pageLink(page + 1)}>{text('siteSearchNext')}</a> : null}
        </nav>
      ) : null}
    </section>
  )
}

/** `GET /{locale}/{suche|search}?q=&page=`: 400 for text the search refuses, never a 500. */
export const searchPageGET: PageHandler<{ locale: string }> =
  (configPromise) =>
  async (request, { params }) => {
    const { locale: requested } = await params
    const { locale, reader, req, site, user } = await visitor(
      configPromise,
      request,
      requested,
      false,
    )
    const cacheControl = user ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL
    const word = new URL(request.url).pathname.split('/')[2]
    if (!locale || word !== searchWord(locale)) return notFound(site, cacheControl, reader.req)
    const url = new URL(request.url)
    const q = url.searchParams.get('q') ?? ''
    const text = siteText(locale)
    let result: SearchResult
    let status = 200
    try {
      result = (
        await searchFor(req, { q, locale, page: url.searchParams.get('page') ?? undefined })
      ).result
    } catch (err) {
      if (!(err instanceof SearchInputError || err instanceof SearchUnavailableError)) throw err
      status = err instanceof SearchInputError ? 400 : 501
      result = {
        query: '',
        locale,
        index: 'public',
        page: 1,
        limit: 10,
        total: 0,
        totalCapped: false,
        totalPages: 0,
        docs: [],
      }
    }
    const origin = publicUrl()
    const alternates: Record<string, string> = {}
    const languageLinks: Record<string, string> = {}
    for (const l of site.locales) {
      alternates[l.code] = `${origin}${searchPath(l.code)}`
      languageLinks[l.code] = searchPath(l.code)
    }
    alternates['x-default'] = `${origin}${searchPath(DEFAULT_LOCALE)}`
    const pageLink = (page: number) =>
      `${searchPath(locale)}?q=${encodeURIComponent(result.query)}&page=${page}`
    const page = (
      <Shell
        site={site}
        title={
          result.query ? `${text('siteSearchTitle')}: ${result.query}` : text('siteSearchTitle')
        }
        canonical={`${origin}${searchPath(locale)}`}
        alternates={alternates}
        languageLinks={languageLinks}
        // Result lists are for readers, not for search engines' indexes.
        robots="noindex, follow"
        query={result.query}
      >
        <Results result={result} text={text} pageLink={pageLink} />
      </Shell>
    )
    return html(await renderDocument(page), status, {
      'cache-control': status === 200 ? cacheControl : PRIVATE_CACHE_CONTROL,
      'content-language': locale,
      'surrogate-key': surrogateKeyOf(req),
      ...(status === 200 ? markFor(req, cacheControl) : {}),
    })
  }
