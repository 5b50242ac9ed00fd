import type { Config } from 'payload'

import { withSourceText } from '../components/translation/withSourceText'
import { translationFields } from './fields'
import { lockNonLocalized, translatorGuard } from './guard'
import { markStaleTranslations, setTranslationStatus, translationStatusEndpoint } from './status'
import { localizedTextFields } from './texts'

type Options = {
  /** Collections with a per-locale translation status, staleness and the status endpoint. */
  tracked: string[]
  /** Collections translators may edit (localized fields, their locales only). */
  translatable: string[]
}

/**
 * The translator workflow as a config transformer (see README "Roles and translation"): runs after
 * the other plugins so the translator rules also cover the fields they add.
 */
export const translationWorkflow =
  ({ tracked, translatable }: Options) =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => {
      if (!tracked.includes(collection.slug) && !translatable.includes(collection.slug)) return collection
      let { fields, hooks = {}, endpoints } = collection
      if (tracked.includes(collection.slug)) {
        const texts = localizedTextFields(fields)
        fields = [...fields, ...translationFields()]
        hooks = {
          ...hooks,
          beforeChange: [...(hooks.beforeChange ?? []), setTranslationStatus(texts)],
          afterChange: [...(hooks.afterChange ?? []), markStaleTranslations(texts)],
        }
        endpoints = [...(endpoints || []), translationStatusEndpoint(texts)]
      }
      if (translatable.includes(collection.slug)) {
        hooks = { ...hooks, beforeOperation: [translatorGuard(fields), ...(hooks.beforeOperation ?? [])] }
        // Translators see the source text under each field they translate.
        fields = withSourceText(lockNonLocalized(fields))
      }
      return { ...collection, fields, hooks, endpoints }
    }),
  })
