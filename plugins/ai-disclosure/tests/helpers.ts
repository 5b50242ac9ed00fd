import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { buildConfig, getPayload } from 'payload'
import type {
  CollectionConfig,
  CollectionSlug,
  Config,
  Payload,
  SanitizedConfig,
  SanitizedCollectionConfig,
} from 'payload'
import sharp from 'sharp'

import { aiDisclosurePlugin } from 'payload-plugin-ai-disclosure'

import { api, type ApiResponse } from './api'
import { quietPush, testLogger } from '../../../tests/helpers/quiet'
import type { AIDisclosurePluginOptions } from 'payload-plugin-ai-disclosure'

// A minimal Payload app of the plugin's own (no import from the newsroom app): posts with a hero
// image and a teaser image (in a group), a media upload collection, users, and en/de/fr content.

// The app's generated types know only the app's slugs; this test app has its own.
const MEDIA = 'media' as CollectionSlug

/** A collection of the test app's sanitized config by slug. */
export const collectionOf = (config: SanitizedConfig, slug: string): SanitizedCollectionConfig =>
  config.collections.find((c) => (c.slug as string) === slug)!

/** The fields the plugin adds to an image collection. */
export const IMAGE_FIELDS = ['aiGenerated', 'digitalSourceType', 'aiSystem', 'aiPrompt', 'badges']

export const calls = { appOnInit: 0, appBeforeChange: 0 }

export type TestContext = { config: SanitizedConfig; payload: Payload; staticDir: string }

/** The test app's config with the plugin; each call gets its own database and upload directory. */
export function buildTestConfig(
  pluginOptions: AIDisclosurePluginOptions,
  extra: Partial<Config> = {},
): { config: Promise<SanitizedConfig>; staticDir: string } {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-disclosure-media-'))
  const posts: CollectionConfig = {
    slug: 'posts',
    access: {
      // anonymous readers do not see hidden posts (for the JSON-LD access test)
      read: ({ req }) => (req.user ? true : { hidden: { not_equals: true } }),
    },
    admin: { useAsTitle: 'title' },
    endpoints: [
      { handler: () => Response.json({ own: true }), method: 'get', path: '/own-endpoint' },
    ],
    fields: [
      { name: 'title', type: 'text', localized: true, required: true },
      { name: 'summary', type: 'textarea', localized: true },
      { name: 'hidden', type: 'checkbox', defaultValue: false },
      { name: 'heroImage', type: 'upload', relationTo: MEDIA },
      {
        name: 'teaser',
        type: 'group',
        fields: [{ name: 'image', type: 'upload', relationTo: MEDIA }],
      },
      // not an image collection: must not be taken for an image
      { name: 'author', type: 'relationship', relationTo: 'users' },
    ],
    hooks: {
      beforeChange: [
        ({ data }) => {
          calls.appBeforeChange++
          return data
        },
      ],
    },
  }
  const config = buildConfig({
    admin: { user: 'users' },
    collections: [
      {
        slug: 'users',
        auth: true,
        fields: [{ name: 'name', type: 'text' }],
      },
      {
        slug: 'media',
        access: { read: () => true },
        fields: [{ name: 'alt', type: 'text', localized: true }],
        upload: { staticDir },
      },
      posts,
    ],
    db: quietPush(sqliteAdapter({ client: { url: ':memory:' }, idType: 'uuid' })),
    logger: testLogger(), // server logs shown only for a failing test
    endpoints: [{ handler: () => Response.json({ hello: true }), method: 'get', path: '/hello' }],
    i18n: {
      // the app's own translation of a plugin key wins over the plugin's
      translations: { de: { 'ai-disclosure': { aiSystem: 'KI-Modell (App)' } } },
    },
    localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de', 'fr'] },
    onInit: () => {
      calls.appOnInit++
    },
    plugins: [aiDisclosurePlugin(pluginOptions)],
    secret: 'ai-disclosure-test-secret',
    sharp,
    telemetry: false,
    ...extra,
  })
  return { config, staticDir }
}

/** Boots the test app (`key` keeps a second instance apart from the default one). */
export async function boot(
  pluginOptions: AIDisclosurePluginOptions,
  extra: Partial<Config> = {},
  key?: string,
): Promise<TestContext> {
  const { config, staticDir } = buildTestConfig(pluginOptions, extra)
  const payload = await getPayload({ config, key })
  return { config: payload.config, payload, staticDir }
}

export async function shutdown(ctx: TestContext | undefined): Promise<void> {
  if (!ctx) return
  await ctx.payload.destroy()
  fs.rmSync(ctx.staticDir, { force: true, recursive: true })
}

/** The Local API without the app's generated slug types (this config is not the app's). */
export const local = (payload: Payload) =>
  payload as unknown as {
    create: (args: Record<string, unknown>) => Promise<any>
    find: (args: Record<string, unknown>) => Promise<any>
    findByID: (args: Record<string, unknown>) => Promise<any>
    findGlobal: (args: Record<string, unknown>) => Promise<any>
    login: (args: Record<string, unknown>) => Promise<any>
    update: (args: Record<string, unknown>) => Promise<any>
    updateGlobal: (args: Record<string, unknown>) => Promise<any>
  }

export async function pngFile(name = 'x.png', background = '#336699') {
  const data = await sharp({ create: { background, channels: 3, height: 8, width: 12 } })
    .png()
    .toBuffer()
  return { data, mimetype: 'image/png', name, size: data.length }
}

export async function createMedia(payload: Payload, data: Record<string, unknown>) {
  return local(payload).create({
    collection: 'media',
    data: { alt: 'A picture', ...data },
    file: await pngFile(),
  })
}

/** Creates a user and returns a JWT for `Authorization: JWT <token>`. */
export async function tokenFor(payload: Payload, email: string): Promise<string> {
  const password = 'secret-password-1'
  await local(payload).create({ collection: 'users', data: { email, password } })
  const { token } = await local(payload).login({ collection: 'users', data: { email, password } })
  return token as string
}

export type Res = ApiResponse

/**
 * REST and GraphQL through Payload's own Next route handlers (./api.ts, which takes
 * any config), with GraphQL variables passed in the options.
 */
export function http(config: SanitizedConfig) {
  const client = api(config)
  return {
    get: client.get,
    patch: client.patch,
    post: client.post,
    graphql: (
      query: string,
      opts: { locale?: string; token?: string; variables?: Record<string, unknown> } = {},
    ) => client.graphql(query, opts.variables, opts),
  }
}
