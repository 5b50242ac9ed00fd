import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import type { CollectionConfig, CollectionSlug, Config, Payload, SanitizedConfig } from 'payload'
import { buildConfig, getPayload } from 'payload'

import type { TranslationWorkflowPluginOptions } from 'payload-plugin-translation-workflow'
import {
  requiredInSomeLocale,
  translationWorkflowPlugin,
} from 'payload-plugin-translation-workflow'
import { quietPush, testLogger } from '../../../tests/helpers/quiet'

// A minimal Payload app of the plugin's own (nothing from the newsroom app): posts with a per-post
// source language, notes that translators may edit but that have no status, languages, and users
// with a `role` and the `locales` a translator may edit. en/de/fr, a fresh SQLite file each boot.

export const calls = { ownBeforeOperation: 0, ownBeforeChange: 0 }

const posts: CollectionConfig = {
  slug: 'posts',
  access: { read: () => true, create: () => true, update: () => true, delete: () => true },
  admin: { useAsTitle: 'title' },
  versions: { drafts: true },
  endpoints: [{ path: '/own', method: 'get', handler: () => Response.json({ own: true }) }],
  hooks: {
    beforeOperation: [({ args }) => (calls.ownBeforeOperation++, args)],
    beforeChange: [({ data }) => (calls.ownBeforeChange++, data)],
  },
  fields: [
    { name: 'title', type: 'text', localized: true, validate: requiredInSomeLocale },
    { name: 'summary', type: 'textarea', localized: true },
    { name: 'body', type: 'richText', localized: true },
    { name: 'category', type: 'text' },
    { name: 'language', type: 'relationship', relationTo: 'languages' as CollectionSlug },
  ],
}

export const testOptions: TranslationWorkflowPluginOptions = {
  collections: ['posts'],
  translatableCollections: ['posts', 'notes'],
  sourceLanguageField: { field: 'language', collection: 'languages' },
  translatorLocales: (user) => {
    const u = user as unknown as { role?: string; locales?: string[] } | null
    return u?.role === 'translator' ? (u.locales ?? []) : null
  },
}

export function buildTestConfig(
  options: TranslationWorkflowPluginOptions = testOptions,
  dbFile: string,
  extra: Partial<Config> = {},
): Promise<SanitizedConfig> {
  return buildConfig({
    admin: { user: 'users' },
    collections: [
      {
        slug: 'users',
        auth: true,
        fields: [
          {
            name: 'role',
            type: 'select',
            options: ['editor', 'translator'],
            defaultValue: 'editor',
          },
          { name: 'locales', type: 'text', hasMany: true },
        ],
      },
      { slug: 'languages', access: { read: () => true }, fields: [{ name: 'code', type: 'text' }] },
      posts,
      {
        slug: 'notes',
        access: { read: () => true, create: () => true, update: () => true, delete: () => true },
        fields: [
          { name: 'text', type: 'text', localized: true },
          { name: 'pinned', type: 'checkbox' },
        ],
      },
    ],
    db: quietPush(sqliteAdapter({ client: { url: `file:${dbFile}` }, idType: 'uuid' })),
    logger: testLogger(), // server logs shown only for a failing test
    editor: lexicalEditor(),
    i18n: { translations: { de: { 'translation-workflow': { status_done: 'Erledigt (App)' } } } },
    localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de', 'fr'] },
    plugins: [translationWorkflowPlugin(options)],
    secret: 'translation-workflow-test-secret',
    telemetry: false,
    ...extra,
  })
}

export type TestContext = { config: SanitizedConfig; dir: string; payload: Payload }

/** Boots the test app on a fresh SQLite file (`key` keeps a second instance apart). */
export async function boot(
  options: TranslationWorkflowPluginOptions = testOptions,
  key?: string,
): Promise<TestContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'translation-workflow-'))
  const config = await buildTestConfig(options, path.join(dir, 'test.db'))
  const payload = await getPayload({ config, key })
  return { config: payload.config, dir, payload }
}

export async function shutdown(ctx: TestContext | undefined): Promise<void> {
  if (!ctx) return
  await ctx.payload.destroy()
  fs.rmSync(ctx.dir, { force: true, recursive: true })
}

/** The Local API without the app's generated slug types (this config is not the app's). */
export const local = (payload: Payload) =>
  payload as unknown as {
    create: (args: Record<string, unknown>) => Promise<any>
    delete: (args: Record<string, unknown>) => Promise<any>
    find: (args: Record<string, unknown>) => Promise<any>
    findByID: (args: Record<string, unknown>) => Promise<any>
    login: (args: Record<string, unknown>) => Promise<any>
    update: (args: Record<string, unknown>) => Promise<any>
  }

/** Creates a user and returns it with a JWT for `Authorization: JWT <token>`. */
export async function userWithToken(
  payload: Payload,
  email: string,
  data: Record<string, unknown> = {},
) {
  const password = 'secret-password-1'
  const user = await local(payload).create({
    collection: 'users',
    data: { email, password, ...data },
  })
  const { token } = await local(payload).login({ collection: 'users', data: { email, password } })
  return { token: token as string, user }
}

/** A Lexical document of plain paragraphs. */
export const lexical = (...paragraphs: string[]) => ({
  root: {
    type: 'root',
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
    children: paragraphs.map((text) => ({
      type: 'paragraph',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      textFormat: 0,
      children: [
        { type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 },
      ],
    })),
  },
})

export type Res = { body: any; status: number }
type Opts = { body?: unknown; token?: string }
const handlers = { DELETE: REST_DELETE, GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST }

/** REST and GraphQL through Payload's own route handlers with web Requests (no server needed). */
export function http(config: SanitizedConfig) {
  const headers = (opts: Opts) => ({
    'content-type': 'application/json',
    ...(opts.token ? { authorization: `JWT ${opts.token}` } : {}),
  })
  const parse = async (res: Response): Promise<Res> => {
    const text = await res.text()
    return { body: text ? JSON.parse(text) : null, status: res.status }
  }
  const rest = async (method: keyof typeof handlers, pathAndQuery: string, opts: Opts = {}) => {
    const url = new URL(`http://localhost/api${pathAndQuery}`)
    const slug = url.pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body)
    const request = new Request(url, { body, headers: headers(opts), method })
    return parse(await handlers[method](config)(request, { params: Promise.resolve({ slug }) }))
  }
  return {
    delete: (p: string, o?: Opts) => rest('DELETE', p, o),
    get: (p: string, o?: Opts) => rest('GET', p, o),
    patch: (p: string, o?: Opts) => rest('PATCH', p, o),
    post: (p: string, o?: Opts) => rest('POST', p, o),
    graphql: async (query: string, opts: Opts & { locale?: string } = {}) => {
      const qs = opts.locale ? `?locale=${opts.locale}` : ''
      const request = new Request(`http://localhost/api/graphql${qs}`, {
        body: JSON.stringify({ query }),
        headers: headers(opts),
        method: 'POST',
      })
      return parse(await GRAPHQL_POST(config)(request))
    },
  }
}
