/**
 * Journey 5: a developer reads the seed article with its teasers through GraphQL, authenticated
 * with an API key (`Authorization: users API-Key …`). The query runs in the browser on the app's
 * origin; the screenshot shows the query and the answer.
 */
import crypto from 'node:crypto'

import {
  api,
  assert,
  createUser,
  type Journey,
  newPage,
  screenshot,
  SEED_SLUG,
  SEED_TEASERS,
  SEED_TITLE,
} from '../helpers'

const QUERY = `{
  meUser { user { email roles } }
  Articles(where: { slug: { equals: "${SEED_SLUG}" } }, locale: en) {
    docs {
      title
      badges { type label }
      heroImage { alt aiGenerated }
      relatedArticles { title summary badges { label } }
    }
  }
}`

export const developerGraphQL: Journey = {
  id: 5,
  name: 'developer: the article with its teasers through GraphQL with an API key',
  async run(ctx) {
    const apiKey = crypto.randomUUID()
    await createUser(ctx, 'developer@newsroom.test', {
      name: 'Dana Developer',
      roles: ['developer'],
      enableAPIKey: true,
      apiKey,
    })

    // From Node: the key authenticates, a wrong key does not.
    const { status, body } = await api(ctx, '/api/graphql', { apiKey, body: { query: QUERY } })
    assert(
      status === 200 && !body.errors,
      `GraphQL: ${status} ${JSON.stringify(body).slice(0, 400)}`,
    )
    assert(
      body.data.meUser.user?.email === 'developer@newsroom.test',
      `meUser: ${JSON.stringify(body.data.meUser)}`,
    )
    const [article] = body.data.Articles.docs
    assert(article?.title === SEED_TITLE, `article: ${JSON.stringify(article).slice(0, 300)}`)
    assert(
      article.relatedArticles?.length === SEED_TEASERS,
      `${article.relatedArticles?.length} teasers, expected ${SEED_TEASERS}`,
    )
    // Every teaser has a summary; a title only when the scraped teaser had one (most seed teasers are text only).
    for (const teaser of article.relatedArticles) {
      assert(
        typeof teaser.summary === 'string' && teaser.summary,
        `a teaser without summary: ${JSON.stringify(teaser)}`,
      )
    }
    assert(
      article.heroImage?.aiGenerated === true,
      `heroImage: ${JSON.stringify(article.heroImage)}`,
    )
    assert(
      article.badges.some((badge: { type: string }) => badge.type === 'ai-image'),
      `badges: ${JSON.stringify(article.badges)}`,
    )
    const wrongKey = await api(ctx, '/api/graphql', {
      apiKey: crypto.randomUUID(),
      body: { query: '{ meUser { user { email } } }' },
    })
    assert(
      !wrongKey.body.data?.meUser?.user,
      `a wrong API key was accepted: ${JSON.stringify(wrongKey.body)}`,
    )

    // In the browser, on the app's origin: the same query, shown as a developer would see it.
    const page = await newPage(ctx)
    await page.goto(`${ctx.base}/healthz`)
    const answer = await page.evaluate(
      async ({ query, key }) => {
        const res = await fetch('/api/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `users API-Key ${key}` },
          body: JSON.stringify({ query }),
        })
        return { status: res.status, json: await res.json() }
      },
      { query: QUERY, key: apiKey },
    )
    assert(
      answer.status === 200 &&
        answer.json.data?.Articles?.docs?.[0]?.relatedArticles?.length === SEED_TEASERS,
      `in the browser: ${JSON.stringify(answer).slice(0, 300)}`,
    )
    await page.setContent(graphqlPage(QUERY, answer.json))
    await screenshot(page, '5-developer-graphql-api-key')
  },
}

const escapeHTML = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A plain two-column page: the request (with the key masked) and the start of the JSON answer. */
function graphqlPage(query: string, json: unknown): string {
  const answer = compactJSON(json).split('\n')
  const shown =
    answer.length > 40 ? [...answer.slice(0, 40), `  … ${answer.length - 40} more lines`] : answer
  return `<!doctype html><html><head><style>
    body { margin: 0; font: 13px/1.45 ui-monospace, 'DejaVu Sans Mono', monospace; background: #fff; color: #222; }
    header { padding: 14px 24px; background: #222; color: #fff; font-family: system-ui, sans-serif; font-size: 15px; }
    main { display: grid; grid-template-columns: 1fr 1.6fr; gap: 0; height: calc(100vh - 48px); }
    section { padding: 16px 24px; overflow: hidden; } section + section { border-left: 1px solid #ddd; background: #f7f7f7; }
    h2 { font: 600 12px system-ui, sans-serif; text-transform: uppercase; color: #666; margin: 0 0 8px; }
    pre { margin: 0 0 16px; white-space: pre-wrap; }
  </style></head><body>
    <header>POST /api/graphql</header>
    <main><section><h2>Headers</h2><pre>content-type: application/json
authorization: users API-Key ••••••••-••••-••••</pre>
      <h2>Query</h2><pre>${escapeHTML(query)}</pre></section>
      <section><h2>Response 200</h2><pre>${escapeHTML(shown.join('\n'))}</pre></section></main>
  </body></html>`
}

/**
 * JSON for the screenshot: objects and lists that fit on a line stay on one line, long strings are
 * shortened, so the answer's structure (article, teasers, badges) fits on one screen.
 */
function compactJSON(value: unknown, indent = ''): string {
  const shorten = (_key: string, v: unknown) =>
    typeof v === 'string' && v.length > 48 ? `${v.slice(0, 46)}…` : v
  const flat = JSON.stringify(value, shorten)
  if (
    flat === undefined ||
    value === null ||
    typeof value !== 'object' ||
    indent.length + flat.length <= 80
  )
    return flat ?? 'null'
  const inner = `${indent}  `
  if (Array.isArray(value))
    return `[\n${value.map((item) => inner + compactJSON(item, inner)).join(',\n')}\n${indent}]`
  const entries = Object.entries(value as Record<string, unknown>)
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${compactJSON(item, inner)}`).join(',\n')}\n${indent}}`
}
