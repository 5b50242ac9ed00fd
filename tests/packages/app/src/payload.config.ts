// A fresh Payload 3 app of the shape of Payload's templates/blank, with the packed plugins.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import { aiDisclosurePlugin } from 'payload-plugin-ai-disclosure'
import { translationWorkflowPlugin } from 'payload-plugin-translation-workflow'
import sharp from 'sharp'

import { Media } from './collections/Media'
import { Posts } from './collections/Posts'
import { Users } from './collections/Users'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: { user: Users.slug, importMap: { baseDir: path.resolve(dirname) } },
  collections: [Users, Media, Posts],
  editor: lexicalEditor(),
  localization: { locales: ['en', 'de'], defaultLocale: 'en', fallback: true },
  secret: process.env.PAYLOAD_SECRET || 'foreign-app-secret-0123456789',
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  db: sqliteAdapter({ client: { url: process.env.DATABASE_URI || 'file:./foreign.db' } }),
  sharp,
  // The checks provoke 401/403 answers on purpose: keep them out of the output.
  loggingLevels: { APIError: 'debug', Forbidden: 'debug', ValidationError: 'debug' },
  plugins: [
    aiDisclosurePlugin({
      collections: ['posts'],
      imageCollections: ['media'],
      access: { manageConsent: ({ req }) => req.user?.role === 'admin' },
    }),
    translationWorkflowPlugin({
      collections: ['posts'],
      translatableCollections: ['posts', 'media'],
      translatorLocales: (user) => (user?.role === 'translator' ? ['de'] : null),
    }),
  ],
})
