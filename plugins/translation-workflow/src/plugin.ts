import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionConfig,
  Config,
} from 'payload'

import { deepMergeSimple } from 'payload/shared'

import type { TranslationWorkflowPluginOptions } from './types'
import { forgetLanguageCodes, type SourceSettings } from './utilities/sourceLocale'

import {
  CREATE_DENIED_PATH,
  CREATE_DENIED_VIEW,
  PACKAGE_NAME,
  PLUGIN_NAMESPACE,
  STATUS_FIELD,
} from './constants'
import { translationStatusEndpoint } from './endpoints/translationStatus'
import { translationStatusFields } from './fields/translationStatus'
import { withSourceText } from './fields/withSourceText'
import { withSourceDocumentTitle, withSourceTitleCell } from './fields/withSourceTitleCell'
import {
  markStaleTranslations,
  setTranslationStatus,
  showEffectiveStatus,
} from './hooks/translationStatus'
import { lockNonLocalized, translatorGuard } from './hooks/translatorGuard'
import { translations } from './translations'
import { localizedTextFields } from './utilities/texts'

type Hooks = NonNullable<CollectionConfig['hooks']>

/**
 * The translation workflow for Payload: translators limited to their locales on every write path
 * (REST, GraphQL, Local API with a user, "Copy to locale"), a per-locale translation status that
 * turns stale when the source text changes, `GET /api/<slug>/translation-status`, the source text
 * beside each translated field and a dashboard of missing translations.
 *
 * Add it after the plugins whose fields translators should be held to (the guard covers the
 * fields present when it runs).
 *
 * @example
 * ```ts
 * plugins: [
 *   translationWorkflowPlugin({
 *     collections: ['articles'],
 *     translatableCollections: ['articles', 'images'],
 *     translatorLocales: (user) => (user?.roles?.includes('translator') ? ['de'] : null),
 *   }),
 * ]
 * ```
 */
export const translationWorkflowPlugin =
  (pluginOptions: TranslationWorkflowPluginOptions) =>
  (incomingConfig: Config): Config => {
    const config: Config = { ...incomingConfig }
    const enabled = pluginOptions.enabled !== false
    const tracked: readonly string[] = pluginOptions.collections
    const translatable: readonly string[] = pluginOptions.translatableCollections ?? tracked
    const translatorLocales = pluginOptions.translatorLocales ?? (() => null)
    const collections = config.collections ?? []

    for (const slug of [...tracked, ...translatable]) {
      if (!collections.some((collection) => collection.slug === slug)) {
        throw new Error(`[${PLUGIN_NAMESPACE}] The collection "${slug}" does not exist.`)
      }
    }
    const localization = config.localization || undefined
    if (!localization) {
      throw new Error(
        `[${PLUGIN_NAMESPACE}] The config has no localization: there is nothing to translate.`,
      )
    }
    const localeCodes = localization.locales.map((l) => (typeof l === 'string' ? l : l.code))
    const defaultSource = pluginOptions.sourceLocale ?? localization.defaultLocale
    const targetLocales =
      pluginOptions.targetLocales ?? localeCodes.filter((code) => code !== defaultSource)
    for (const code of [defaultSource, ...targetLocales]) {
      if (!localeCodes.includes(code)) {
        throw new Error(`[${PLUGIN_NAMESPACE}] "${code}" is not one of the configured locales.`)
      }
    }
    const languageField = pluginOptions.sourceLanguageField
    const sources: SourceSettings = {
      defaultSource,
      languageField: languageField && { codeField: 'code', ...languageField },
    }

    // translations: the plugin's under its namespace; the user's win
    config.i18n = {
      ...config.i18n,
      translations: deepMergeSimple(
        translations,
        (config.i18n?.translations ?? {}) as Record<string, unknown>,
      ) as NonNullable<Config['i18n']>['translations'],
    }

    config.collections = collections.map((collection) => {
      // The kept locale codes (utilities/sourceLocale.ts) follow changes of the language collection.
      if (enabled && collection.slug === sources.languageField?.collection) {
        const afterChange: CollectionAfterChangeHook = ({ doc, req }) => {
          forgetLanguageCodes(req.payload)
          return doc
        }
        const afterDelete: CollectionAfterDeleteHook = ({ doc, req }) => {
          forgetLanguageCodes(req.payload)
          return doc
        }
        const hooks = collection.hooks ?? {}
        return {
          ...collection,
          hooks: {
            ...hooks,
            afterChange: [...(hooks.afterChange ?? []), afterChange],
            afterDelete: [...(hooks.afterDelete ?? []), afterDelete],
          },
        }
      }
      const isTracked = tracked.includes(collection.slug)
      const isTranslatable = translatable.includes(collection.slug)
      if (!isTracked && !isTranslatable) return collection
      if (isTracked && collection.fields.some((f) => 'name' in f && f.name === STATUS_FIELD)) {
        throw new Error(
          `[${PLUGIN_NAMESPACE}] "${collection.slug}" already has a field "${STATUS_FIELD}", which the plugin adds.`,
        )
      }
      // Disabled: the status fields stay (stable schema), nothing else is added.
      if (!enabled) {
        return isTracked
          ? {
              ...collection,
              fields: [
                ...collection.fields,
                ...translationStatusFields({
                  withCell: false,
                  readAccess: pluginOptions.statusReadAccess,
                }),
              ],
            }
          : collection
      }

      let { admin, endpoints, fields, hooks = {} } = collection
      if (isTracked) {
        const texts = localizedTextFields(fields)
        fields = [
          ...fields,
          ...translationStatusFields({ readAccess: pluginOptions.statusReadAccess }),
        ]
        hooks = {
          ...hooks,
          beforeChange: [...(hooks.beforeChange ?? []), setTranslationStatus(texts, sources)],
          afterChange: [...(hooks.afterChange ?? []), markStaleTranslations(texts, sources)],
          beforeRead: [...(hooks.beforeRead ?? []), showEffectiveStatus(sources)],
        } satisfies Hooks
        endpoints = [
          ...(endpoints || []),
          translationStatusEndpoint(texts, sources, pluginOptions.statusReadAccess),
        ]
      }
      if (isTranslatable) {
        // The guard runs first, before the collection's own beforeOperation hooks.
        hooks = {
          ...hooks,
          beforeOperation: [
            translatorGuard(fields, translatorLocales),
            ...(hooks.beforeOperation ?? []),
          ],
        }
        // Non-localized fields read-only for translators; the source text under each translated field.
        fields = withSourceText(lockNonLocalized(fields, translatorLocales), {
          defaultSource: sources.defaultSource,
          languageField: sources.languageField,
        })
        fields = withSourceTitleCell(fields, collection.admin?.useAsTitle, sources)
        admin = withSourceDocumentTitle(collection, sources)
        // Translators never create (translatorGuard): the app shows them this view at `/create`.
        admin = {
          ...admin,
          components: {
            ...admin?.components,
            views: {
              ...admin?.components?.views,
              [CREATE_DENIED_VIEW]: {
                Component: {
                  path: `${PACKAGE_NAME}/rsc#CreateDeniedView`,
                  serverProps: { translatorLocales },
                },
                exact: true,
                path: CREATE_DENIED_PATH,
              },
            },
          },
        }
      }
      return { ...collection, admin, endpoints, fields, hooks }
    })

    if (!enabled || pluginOptions.dashboard === false) return config

    config.admin = {
      ...config.admin,
      components: {
        ...config.admin?.components,
        beforeDashboard: [
          ...(config.admin?.components?.beforeDashboard ?? []),
          {
            path: `${PACKAGE_NAME}/rsc#MissingTranslations`,
            serverProps: { collections: tracked, sources, targetLocales },
          },
        ],
      },
    }
    return config
  }
