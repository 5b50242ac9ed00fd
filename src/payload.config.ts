import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import { buildConfig, type Config } from 'payload'
import sharp from 'sharp'

import { Articles } from '../collections/Articles'
import { Images } from '../collections/Images'
import { Locales } from '../collections/Locales'
import { RelatedArticles } from '../collections/RelatedArticles'
import { Users } from '../collections/Users'
import { countConfigLoad, countInit } from './server/payload'
import { databaseAdapter } from './database/adapter'
import { emailAdapter } from './features/accounts/email'
import { keepPlannerStatistics } from './database/indexes'
import { translations } from './features/languages/translations'
import { DEFAULT_LOCALE, LOCALES } from './features/languages/locales'
import { plugins } from './plugins'
import { DEV_SECRET } from './server/secret'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** The app's config before Payload builds it (benchmarks derive a bare variant from it). */
export const appConfig: Config = {
  admin: {
    user: Users.slug,
    importMap: { baseDir: dirname },
    meta: { titleSuffix: ' – Newsroom' },
    // Localized by date-fns: "2. Dezember 2026, 17:37" in German, "December 2nd, 2026, 5:37 PM".
    dateFormat: 'PPP, p',
    avatar: 'default', // no Gravatar request: the admin works without outside network
    // The newsroom's time zone first and preselected (the schedule drawer's time zone picker).
    timezones: {
      defaultTimezone: 'Europe/Berlin',
      supportedTimezones: ({ defaultTimezones }) => [
        ...defaultTimezones.filter((tz) => tz.value === 'Europe/Berlin'),
        ...defaultTimezones.filter((tz) => tz.value !== 'Europe/Berlin'),
      ],
    },
  },
  experimental: { localizeStatus: true },
  collections: [Articles, RelatedArticles, Images, Locales, Users],
  editor: lexicalEditor(),
  db: databaseAdapter(),
  email: emailAdapter(), // SMTP from the environment (src/features/accounts/email.ts)
  secret: process.env.PAYLOAD_SECRET || (process.env.NODE_ENV === 'production' ? '' : DEV_SECRET),
  sharp,
  localization: {
    locales: LOCALES.map((l) => ({
      code: l.code,
      label: l.label,
      fallbackLocale: l.fallbackLocale,
    })),
    defaultLocale: DEFAULT_LOCALE,
    fallback: true,
    // The publish button publishes the locale being edited; "all locales" is in its menu.
    defaultLocalePublishOption: 'active',
  },
  i18n: {
    supportedLanguages: { en, de },
    fallbackLanguage: 'en',
    // Ours under `newsroom:` and the Payload words we replace, formal "Sie" in German: one file per
    // language in src/features/languages/translations/.
    translations,
  },

  graphQL: {
    schemaOutputFile: path.resolve(dirname, 'generated-schema.graphql'),
  },
  typescript: {
    outputFile: path.resolve(dirname, 'payload-types.ts'),
    // `npm run generate` writes the types (CI fails when stale). Payload's own run at every
    // non-production init was a child process that outlived each jest file and raced the others.
    autoGenerate: false,
  },
  // Runs after the features' start-up steps (src/plugins.ts), so the planner's statistics cover
  // the Locale documents and the back-filled `live` flags.
  onInit: async (payload) => {
    countInit()
    await keepPlannerStatistics(payload)
  },
  plugins, // src/plugins.ts: the newsroom's features
  // No event to telemetry.payloadcms.com at every init: it spawned `git` and held a TLS socket that
  // kept jest workers (and short scripts) from exiting.
  telemetry: false,
}

countConfigLoad()
export default buildConfig(appConfig)
