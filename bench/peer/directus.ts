/**
 * Directus for bench:peer: installed from npm into a temp folder (kept between runs), bootstrapped
 * on a fresh SQLite file, given the same content through its REST API in Directus's translations
 * pattern (articles + articles_translations, teasers + teasers_translations, languages, an m2m
 * junction articles_teasers), readable by the public policy when published.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Article, Seeded } from './data'

// 11.4 and later need Node 22; 11.3.5 is the newest that runs on Node 20.
export const DIRECTUS_VERSION = process.env.BENCH_DIRECTUS_VERSION || '11.3.5'
export const ADMIN_TOKEN = 'peer-admin-token'

/** Installs Directus once into os.tmpdir() (its sqlite3 builds from source: minutes). */
export function installDirectus(log: (line: string) => void): string {
  const dir = path.join(os.tmpdir(), `newsroom-peer-directus-${DIRECTUS_VERSION}`)
  const cli = path.join(dir, 'node_modules', 'directus', 'cli.js')
  const sqlite = path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node')
  if (fs.existsSync(cli) && fs.existsSync(sqlite)) return cli
  log(`Installing directus@${DIRECTUS_VERSION} into ${dir} (npm; sqlite3 builds from source)…`)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "peer", "private": true }\n')
  try {
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', `directus@${DIRECTUS_VERSION}`],
      { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] },
    )
  } catch (error) {
    throw new Error(
      `npm install directus@${DIRECTUS_VERSION} failed in ${dir}: ${(error as Error).message}`,
    )
  }
  if (!fs.existsSync(sqlite))
    throw new Error(`directus installed, but sqlite3 was not built (${sqlite} is missing)`)
  return cli
}

export const directusEnv = (work: string, cache: boolean): Record<string, string> => ({
  NODE_OPTIONS: '',
  NODE_ENV: 'production',
  DB_CLIENT: 'sqlite3',
  DB_FILENAME: path.join(work, 'directus.db'),
  KEY: 'peer-key',
  SECRET: 'peer-secret-0123456789abcdef0123456789',
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'peer-admin-password',
  ADMIN_TOKEN,
  TELEMETRY: 'false',
  LOG_LEVEL: 'warn',
  // Its output cache as the docs describe it: memory, cleared on every write.
  CACHE_ENABLED: String(cache),
  CACHE_STORE: 'memory',
  CACHE_AUTO_PURGE: 'true',
  CACHE_TTL: '5m',
})

export function bootstrapDirectus(cli: string, env: Record<string, string>): void {
  execFileSync(process.execPath, [cli, 'bootstrap'], {
    cwd: path.dirname(path.dirname(path.dirname(cli))),
    env: { ...process.env, ...env },
    stdio: 'ignore',
  })
}

type Api = (method: string, route: string, body?: unknown) => Promise<any>

export const directusApi =
  (base: string): Api =>
  async (method, route, body) => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`Directus ${method} ${route}: ${res.status} ${text.slice(0, 400)}`)
    return text ? JSON.parse(text).data : undefined
  }

const uuidKey = {
  field: 'id',
  type: 'uuid',
  schema: { is_primary_key: true },
  meta: { special: ['uuid'] },
}
const intKey = {
  field: 'id',
  type: 'integer',
  schema: { is_primary_key: true, has_auto_increment: true },
  meta: { hidden: true },
}
const text = (field: string, type = 'string') => ({ field, type, schema: {}, meta: {} })

/** Directus's translations pattern for `collection` with the given translated fields. */
async function translated(api: Api, collection: string, fields: Record<string, string>) {
  const translations = `${collection}_translations`
  await api('POST', '/collections', {
    collection: translations,
    schema: {},
    meta: { hidden: true },
    fields: [
      intKey,
      text(`${collection}_id`, 'uuid'),
      text('languages_code'),
      ...Object.entries(fields).map(([field, type]) => text(field, type)),
    ],
  })
  await api('POST', '/relations', {
    collection: translations,
    field: `${collection}_id`,
    related_collection: collection,
    meta: { one_field: 'translations', junction_field: 'languages_code' },
    schema: { on_delete: 'CASCADE' },
  })
  await api('POST', '/relations', {
    collection: translations,
    field: 'languages_code',
    related_collection: 'languages',
    meta: { junction_field: `${collection}_id` },
  })
  await api('POST', `/fields/${collection}`, {
    field: 'translations',
    type: 'alias',
    meta: { special: ['translations'], interface: 'translations' },
  })
}

export async function createSchema(api: Api): Promise<void> {
  await api('POST', '/collections', {
    collection: 'languages',
    schema: {},
    meta: {},
    fields: [
      { field: 'code', type: 'string', schema: { is_primary_key: true }, meta: {} },
      text('name'),
    ],
  })
  await api('POST', '/items/languages', [
    { code: 'en', name: 'English' },
    { code: 'de', name: 'Deutsch' },
  ])
  await api('POST', '/collections', {
    collection: 'teasers',
    schema: {},
    meta: {},
    fields: [uuidKey],
  })
  await translated(api, 'teasers', { title: 'string', summary: 'text' })
  await api('POST', '/collections', {
    collection: 'articles',
    schema: {},
    meta: {},
    fields: [uuidKey, text('status'), text('published_at', 'timestamp'), text('slug')],
  })
  await translated(api, 'articles', { title: 'string', summary: 'text', body: 'text' })
  await api('POST', '/collections', {
    collection: 'articles_teasers',
    schema: {},
    meta: { hidden: true },
    fields: [
      intKey,
      text('articles_id', 'uuid'),
      text('teasers_id', 'uuid'),
      text('sort', 'integer'),
    ],
  })
  await api('POST', '/relations', {
    collection: 'articles_teasers',
    field: 'articles_id',
    related_collection: 'articles',
    meta: { one_field: 'teasers', junction_field: 'teasers_id', sort_field: 'sort' },
    schema: { on_delete: 'CASCADE' },
  })
  await api('POST', '/relations', {
    collection: 'articles_teasers',
    field: 'teasers_id',
    related_collection: 'teasers',
    meta: { junction_field: 'articles_id' },
  })
  await api('POST', '/fields/articles', {
    field: 'teasers',
    type: 'alias',
    meta: { special: ['m2m'], interface: 'list-m2m' },
  })
  // Anonymous reads: published articles and everything they show.
  const policies: { id: string; name: string }[] = await api('GET', '/policies?fields=id,name')
  const policy = policies.find((p) => p.name === '$t:public_label')!.id
  const read = (collection: string, permissions = {}) => ({
    policy,
    collection,
    action: 'read',
    fields: ['*'],
    permissions,
  })
  await api('POST', '/permissions', [
    read('articles', { status: { _eq: 'published' } }),
    read('articles_translations'),
    read('articles_teasers'),
    read('teasers'),
    read('teasers_translations'),
    read('languages'),
  ])
}

const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('')

/** The same articles with the ids our seeding gave them, 20 per request. */
export async function seedDirectus(api: Api, content: Article[], ids: Seeded): Promise<void> {
  const items = content.map((article, a) => ({
    id: ids[a]!.id,
    status: 'published',
    published_at: article.publishedAt,
    slug: `peer-article-${a}`,
    translations: (['en', 'de'] as const).map((code) => ({
      languages_code: code,
      title: article[code].title,
      summary: article[code].summary,
      body: html(article[code].body),
    })),
    teasers: article.teasers.map((teaser, t) => ({
      sort: t,
      teasers_id: {
        id: ids[a]!.teaserIds[t],
        translations: (['en', 'de'] as const).map((code) => ({
          languages_code: code,
          ...teaser[code],
        })),
      },
    })),
  }))
  for (let i = 0; i < items.length; i += 20)
    await api('POST', '/items/articles', items.slice(i, i + 20))
}

/** The fields and German filters of Directus's answers, as one query string. */
export const DIRECTUS_FIELDS =
  'fields=*,translations.*,teasers.sort,teasers.teasers_id.*,teasers.teasers_id.translations.*' +
  '&deep[translations][_filter][languages_code][_eq]=de' +
  '&deep[teasers][teasers_id][translations][_filter][languages_code][_eq]=de'
