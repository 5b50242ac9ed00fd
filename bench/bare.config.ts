/**
 * Bench only: "bare Payload" — the app's collections and globals with the same database schema
 * (the plugins are applied so the tables match) but without any hook or custom endpoint, so that
 * `npm run bench:read` can tell what our hooks cost. Access rules stay: they are the API contract.
 */
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type CollectionConfig, type Config, type Field, type GlobalConfig } from 'payload'

import { Articles } from '../collections/Articles'
import { Images } from '../collections/Images'
import { Locales } from '../collections/Locales'
import { RelatedArticles } from '../collections/RelatedArticles'
import { Users } from '../collections/Users'
import { aiDisclosure } from '../src/aiDisclosure'
import { apiGuards } from '../src/apiGuards'
import { databaseAdapter } from '../src/db'
import { DEFAULT_LOCALE, LOCALES } from '../src/locales'
import { translationWorkflow } from '../src/translation'

type Node = Record<string, unknown>

function withoutHooks(fields: Field[]): Field[] {
  return fields.map((field) => {
    const { hooks: _hooks, ...rest } = field as Node
    if (Array.isArray(rest.fields)) rest.fields = withoutHooks(rest.fields as Field[])
    if (Array.isArray(rest.tabs))
      rest.tabs = (rest.tabs as Node[]).map((tab) => ({ ...tab, fields: withoutHooks(tab.fields as Field[]) }))
    if (Array.isArray(rest.blocks))
      rest.blocks = (rest.blocks as Node[]).map((block) => ({
        ...block,
        fields: withoutHooks(block.fields as Field[]),
      }))
    return rest as Field
  })
}

const bareCollection = ({
  hooks: _hooks,
  endpoints: _endpoints,
  ...collection
}: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: withoutHooks(collection.fields),
})
const bareGlobal = ({ hooks: _hooks, endpoints: _endpoints, ...global }: GlobalConfig): GlobalConfig => ({
  ...global,
  fields: withoutHooks(global.fields),
})

const schema: Config = [
  aiDisclosure,
  translationWorkflow({
    tracked: ['articles', 'related-articles'],
    translatable: ['articles', 'related-articles', 'images'],
  }),
  apiGuards,
].reduce<Config>((config, plugin) => plugin(config) as Config, {
  collections: [Articles, RelatedArticles, Images, Locales, Users],
  localization: {
    locales: LOCALES.map((l) => ({ code: l.code, label: l.label, fallbackLocale: l.fallbackLocale })),
    defaultLocale: DEFAULT_LOCALE,
    fallback: true,
  },
  secret: 'x',
  db: databaseAdapter(),
} as Config)

export default buildConfig({
  admin: { user: Users.slug },
  collections: (schema.collections ?? []).map(bareCollection),
  globals: (schema.globals ?? []).map(bareGlobal),
  editor: lexicalEditor(),
  db: databaseAdapter(),
  secret: process.env.PAYLOAD_SECRET || 'bench-only-secret-not-for-production-use',
  localization: schema.localization,
  graphQL: { disable: false },
})
