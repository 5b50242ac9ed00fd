// The editors' search in the admin (`/admin/search`): both languages at once, the latest drafts the
// user may read (the staff index), each hit a link to its document in that language.
import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'

import { LOCALE_CODES } from '../languages/locales'
import { translate } from '../languages/translations'
import { runSearch, SearchInputError, searchParams, type SearchResult } from './query'
import { searchEngine } from './service'

export async function AdminSearchView({
  initPageResult,
  params,
  searchParams: query,
}: AdminViewServerProps) {
  const { permissions, req, visibleEntities, locale } = initPageResult
  const t = (key: Parameters<typeof translate>[1]) => translate(req.i18n, key)
  const q = typeof query?.q === 'string' ? query.q : ''
  const results: SearchResult[] = []
  let error = ''
  if (q && req.user)
    for (const code of LOCALE_CODES) {
      try {
        results.push(
          await runSearch(
            searchEngine(req.payload),
            req,
            searchParams({ q, locale: code, limit: 20 }),
          ),
        )
      } catch (err) {
        if (!(err instanceof SearchInputError)) throw err
        error = err.message
      }
    }
  const admin = req.payload.config.routes.admin
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      req={req}
      searchParams={query}
      user={req.user ?? undefined}
      visibleEntities={{
        collections: visibleEntities?.collections,
        globals: visibleEntities?.globals,
      }}
    >
      <Gutter>
        <h1 style={{ margin: 'calc(var(--base) * 2) 0 var(--base)' }}>{t('adminSearchTitle')}</h1>
        <form
          role="search"
          method="get"
          style={{ display: 'flex', gap: '0.5rem', marginBottom: 'var(--base)' }}
        >
          <label htmlFor="admin-search" className="sr-only">
            {t('adminSearchLabel')}
          </label>
          <input
            id="admin-search"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={200}
            placeholder={t('adminSearchLabel')}
            style={{ flex: 1, padding: '0.5rem' }}
          />
          <button
            type="submit"
            className="btn btn--style-primary btn--size-medium"
            style={{ margin: 0 }}
          >
            {t('adminSearchTitle')}
          </button>
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {q && !error && !results.some((r) => r.docs.length) ? (
          <p role="status">{t('adminSearchNone')}</p>
        ) : null}
        {results.some((r) => r.docs.length) ? (
          <table className="table" style={{ width: '100%' }}>
            <thead>
              <tr>
                <th>{t('adminSearchDocument')}</th>
                <th>{t('adminSearchLanguage')}</th>
                <th>{t('adminSearchCollection')}</th>
              </tr>
            </thead>
            <tbody>
              {results.flatMap((result) =>
                result.docs.map((hit) => (
                  <tr key={`${hit.collection}:${hit.id}:${hit.locale}`}>
                    <td>
                      <a
                        href={`${admin}/collections/${hit.collection}/${hit.id}?locale=${hit.locale}`}
                      >
                        {hit.title.text || hit.lead || hit.id}
                      </a>
                      <div style={{ color: 'var(--theme-elevation-500)' }}>{hit.snippet.text}</div>
                    </td>
                    <td>{hit.locale.toUpperCase()}</td>
                    <td>{hit.collection}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        ) : null}
      </Gutter>
    </DefaultTemplate>
  )
}
