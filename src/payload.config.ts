import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Articles } from '../collections/Articles'
import { Images } from '../collections/Images'
import { Locales } from '../collections/Locales'
import { RelatedArticles } from '../collections/RelatedArticles'
import { Users } from '../collections/Users'
import { aiDisclosure } from './aiDisclosure'
import { apiGuards } from './apiGuards'
import { ensureLocales } from './bootstrap'
import { responseCachePlugin } from './cache/plugin'
import { databaseAdapter } from './db'
import { DEFAULT_LOCALE, LOCALES } from './locales'
import { DEV_SECRET } from './secret'
import { translationWorkflow } from './translation'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: dirname },
    meta: { titleSuffix: ' – Newsroom' },
    avatar: 'default', // no Gravatar request: the admin works without outside network
    components: {
      // Translators start from the documents that still need German.
      beforeDashboard: ['/components/translation/MissingTranslations#MissingTranslations'],
    },
  },
  collections: [Articles, RelatedArticles, Images, Locales, Users],
  editor: lexicalEditor(),
  db: databaseAdapter(),
  secret: process.env.PAYLOAD_SECRET || (process.env.NODE_ENV === 'production' ? '' : DEV_SECRET),
  sharp,
  localization: {
    locales: LOCALES.map((l) => ({ code: l.code, label: l.label, fallbackLocale: l.fallbackLocale })),
    defaultLocale: DEFAULT_LOCALE,
    fallback: true,
  },
  i18n: {
    supportedLanguages: { en, de },
    fallbackLanguage: 'en',
  },
  graphQL: {
    schemaOutputFile: path.resolve(dirname, 'generated-schema.graphql'),
  },
  typescript: {
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
  onInit: async (payload) => {
    await ensureLocales(payload)
  },
  // Order matters: the translator rules and apiGuards also cover the fields the plugins before add.
  plugins: [
    aiDisclosure,
    translationWorkflow({
      tracked: ['articles', 'related-articles'],
      translatable: ['articles', 'related-articles', 'images'],
    }),
    apiGuards,
    // Last, so that it tags and purges every collection and global the others added.
    responseCachePlugin(),
  ],
})
