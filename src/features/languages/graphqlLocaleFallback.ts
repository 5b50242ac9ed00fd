import { type SanitizedConfig, sanitizeFallbackLocale } from 'payload'

type Localization = Exclude<SanitizedConfig['localization'], false>
type Req = {
  searchParams?: URLSearchParams
  locale?: string
  fallbackLocale?: false | string | string[]
}
type Field = {
  resolve?: (
    source: unknown,
    args: Record<string, unknown>,
    context: { req: Req },
    info: unknown,
  ) => unknown
}
type Fields = Record<string, Field>

/**
 * Payload's GraphQL resolvers take the `locale` argument but keep the fallback the URL implied
 * (for a URL without `?locale`, the default locale's), so `RelatedArticle(locale: en)` of a
 * German-only teaser answered `null` where REST's `?locale=en` falls back to German. With a
 * `locale` argument and no `fallbackLocale` argument or `fallback-locale` URL parameter, every
 * query and mutation gets that locale's configured fallback, exactly as REST does.
 */
export function withLocaleArgumentFallback(localization: Localization, fields: Fields): Fields {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => {
      const resolve = field.resolve
      if (!resolve) return [name, field]
      return [
        name,
        {
          ...field,
          resolve: (
            source: unknown,
            args: Record<string, unknown>,
            context: Parameters<NonNullable<Field['resolve']>>[2],
            info: unknown,
          ) => {
            const { req } = context
            const explicit =
              args.fallbackLocale !== undefined ||
              req.searchParams?.has('fallback-locale') ||
              req.searchParams?.has('fallbackLocale')
            if (typeof args.locale === 'string' && !explicit) {
              // What REST's `?locale=` gets: the locale's own fallback, else the default locale.
              const fallback =
                args.locale === 'all'
                  ? false
                  : sanitizeFallbackLocale({
                      fallbackLocale: null,
                      locale: args.locale,
                      localization,
                    })
              args = { ...args, fallbackLocale: fallback === false ? 'none' : fallback }
            }
            // Payload hands replaced fields a copy of the context, so the request the nested
            // relationship resolvers read would keep the URL's locale: give it the arguments'.
            if (typeof args.locale === 'string') req.locale = args.locale
            if (typeof args.fallbackLocale === 'string')
              req.fallbackLocale = args.fallbackLocale === 'none' ? false : args.fallbackLocale
            return resolve(source, args, context, info)
          },
        },
      ]
    }),
  )
}

type Schema = { config: SanitizedConfig; Query: { fields: Fields }; Mutation: { fields: Fields } }
const wrap = (schema: Schema, fields: Fields) =>
  schema.config.localization ? withLocaleArgumentFallback(schema.config.localization, fields) : {}

/** For the config's `graphQL`: Payload's own queries and mutations, wrapped (same names replace them). */
export const graphQLLocaleFallback = {
  queries: (_graphQL: unknown, schema: Schema) => wrap(schema, schema.Query.fields),
  mutations: (_graphQL: unknown, schema: Schema) => wrap(schema, schema.Mutation.fields),
}
