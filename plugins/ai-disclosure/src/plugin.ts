import type { CollectionConfig, CollectionSlug, Config, Field } from 'payload'

import { deepMergeSimple } from 'payload/shared'

import type { AIDisclosurePluginOptions } from './types'
import type { ImageFieldRef } from './utilities/imageFields'

import { AI_DISCLOSURE_GROUP, BADGES_FIELD, PLUGIN_NAMESPACE } from './constants'
import { createConsentDefaults } from './consent/defaults'
import { createConsentGlobal } from './consent/global'
import { createConsentRecordsCollection } from './consent/records'
import { seedConsentGlobal } from './consent/seed'
import { createBackfillEndpoint } from './endpoints/backfillProvenance'
import { createJsonLdEndpoint } from './endpoints/jsonLd'
import { aiDisclosureField } from './fields/aiDisclosure'
import { badgesField } from './fields/badges'
import { imageProvenanceFields } from './fields/imageProvenance'
import { createImageBadgesHook, createTextBadgesHook } from './hooks/badges'
import { createInvalidateImageCache } from './hooks/imageProvenance'
import { createReadOnUpload, rememberSentFields, syncImageProvenance } from './hooks/provenance'
import { rewriteCopyXmp } from './hooks/provenanceCopies'
import { wrapSharp } from './provenance/copies'
import { createProvenanceReader } from './provenance/read'
import { translations } from './translations'
import { isAdminUser } from './utilities/access'
import { resolveImageFields } from './utilities/imageFields'
import { createImageProvenanceReader } from './utilities/imageProvenance'
import { rootDataFields } from './utilities/existingFields'
import { createLabelResolver } from './utilities/labels'
import { approveMutation, createApproveEndpoint } from './disclosure/approve'
import {
  createDisclosureAfterChange,
  createDisclosureBeforeChange,
  rememberSentDisclosure,
  type DisclosureSettings,
} from './disclosure/hooks'
import { createDisclosureLogCollection } from './disclosure/log'
import {
  createComplianceEndpoint,
  createLogExportEndpoint,
  defaultIsLive,
} from './disclosure/report'

type Hooks = NonNullable<CollectionConfig['hooks']>

/** Appends hooks, keeping the collection's own ones first. */
const appendHooks = (hooks: Hooks | undefined, added: Partial<Hooks>): Hooks => {
  const result: Record<string, unknown[]> = { ...(hooks as Record<string, unknown[]>) }
  for (const [name, list] of Object.entries(added) as Array<[string, unknown[]]>) {
    result[name] = [...(result[name] ?? []), ...list]
  }
  return result as Hooks
}

/** Names of the columns Payload would show by default (useAsTitle + the next 3 data fields). */
const initialColumns = (collection: CollectionConfig): string[] => {
  const names: string[] = []
  const collect = (fields: Field[]): void => {
    for (const field of fields) {
      if ('name' in field && field.name) {
        names.push(field.name)
      } else if (field.type === 'tabs') {
        field.tabs.forEach((tab) =>
          'name' in tab && tab.name ? names.push(tab.name) : collect(tab.fields),
        )
      } else if ('fields' in field) {
        collect(field.fields)
      }
    }
  }
  collect(collection.fields)
  const useAsTitle = collection.admin?.useAsTitle
  const rest = names.filter(
    (name) => name !== useAsTitle && name !== BADGES_FIELD && name !== AI_DISCLOSURE_GROUP,
  )
  return [...(useAsTitle ? [useAsTitle] : []), ...rest].slice(0, 4)
}

/**
 * AI disclosure for Payload: "reported by AI" badges on opted-in text collections, AI image
 * provenance (IPTC digital source type) on opted-in upload collections, a schema.org JSON-LD
 * endpoint, and a cookie-consent global with proof-of-consent records.
 *
 * @example
 * ```ts
 * plugins: [
 *   aiDisclosurePlugin({
 *     collections: ['articles', 'related-articles'],
 *     imageCollections: ['images'],
 *   }),
 * ]
 * ```
 */
export const aiDisclosurePlugin =
  (pluginOptions: AIDisclosurePluginOptions = {}) =>
  (incomingConfig: Config): Config => {
    const config: Config = { ...incomingConfig }
    const enabled = pluginOptions.enabled !== false
    const textCollections: string[] = pluginOptions.collections ?? []
    const imageCollections: string[] = pluginOptions.imageCollections ?? []
    const consentOptions =
      pluginOptions.consent === false ? undefined : (pluginOptions.consent ?? {})
    const collections = [...(config.collections ?? [])]

    for (const slug of [...textCollections, ...imageCollections]) {
      if (!collections.some((collection) => collection.slug === slug)) {
        throw new Error(`[${PLUGIN_NAMESPACE}] The collection "${slug}" does not exist.`)
      }
    }

    // translations: the plugin's under its namespace; the user's win
    const mergedTranslations = deepMergeSimple(
      translations,
      (config.i18n?.translations ?? {}) as Record<string, unknown>,
    ) as Record<string, Record<string, unknown>>
    config.i18n = {
      ...config.i18n,
      translations: mergedTranslations as NonNullable<Config['i18n']>['translations'],
    }

    const getLabels = createLabelResolver({
      options: pluginOptions,
      translations: mergedTranslations,
    })
    const images = createImageProvenanceReader(pluginOptions.keepAcrossRequests)
    const provenanceOptions =
      pluginOptions.provenance === false || pluginOptions.provenance?.enabled === false
        ? undefined
        : (pluginOptions.provenance ?? {})
    const readProvenance = provenanceOptions ? createProvenanceReader(provenanceOptions) : undefined
    const xmpOnCopies = Boolean(provenanceOptions && provenanceOptions.xmpOnCopies !== false)
    const imageFieldsByCollection = new Map<string, ImageFieldRef[]>()
    const localeCodes = config.localization
      ? config.localization.locales.map((l) => (typeof l === 'string' ? l : l.code))
      : []
    const publishRule = pluginOptions.publishRule ?? 'label-always'
    const settingsByCollection = new Map<string, DisclosureSettings>()
    const canApprove = pluginOptions.access?.approve ?? isAdminUser
    const readLog = pluginOptions.access?.readDisclosureLog ?? isAdminUser

    config.collections = collections.map((collection) => {
      const isText = textCollections.includes(collection.slug)
      const isImage = imageCollections.includes(collection.slug)
      if (!isText && !isImage) {
        return collection
      }
      if (isText && isImage) {
        throw new Error(
          `[${PLUGIN_NAMESPACE}] "${collection.slug}" cannot be both a text and an image collection.`,
        )
      }

      const existing = rootDataFields(collection.fields)
      for (const name of isText ? [AI_DISCLOSURE_GROUP, BADGES_FIELD] : [BADGES_FIELD]) {
        if (existing.has(name)) {
          throw new Error(
            `[${PLUGIN_NAMESPACE}] "${collection.slug}" already has a field "${name}", which the plugin adds.`,
          )
        }
      }

      if (isText) {
        const imageFields = resolveImageFields({
          collectionSlug: collection.slug,
          explicitPaths: pluginOptions.imageFields?.[collection.slug as CollectionSlug],
          fields: collection.fields,
          imageCollections,
        })
        imageFieldsByCollection.set(collection.slug, imageFields)
        const settings: DisclosureSettings = {
          aiAuthors: pluginOptions.aiAuthors,
          locales: localeCodes,
          refuseUnreviewed: pluginOptions.refuseUnreviewed === true,
          rule: publishRule,
          textFields:
            pluginOptions.textFields?.[collection.slug as CollectionSlug] ??
            ['title', 'summary', 'body'].filter((name) => existing.has(name)),
        }
        settingsByCollection.set(collection.slug, settings)

        const fields: Field[] = [
          ...collection.fields,
          aiDisclosureField({ enabled }),
          badgesField({
            afterRead: createTextBadgesHook({
              collectionSlug: collection.slug,
              getLabels,
              imageFields,
              images,
              settings,
            }),
            enabled,
            kind: 'text',
          }),
        ]
        if (!enabled) {
          return { ...collection, fields }
        }
        const defaultColumns = collection.admin?.defaultColumns ?? initialColumns(collection)
        return {
          ...collection,
          admin: {
            ...collection.admin,
            components: {
              ...collection.admin?.components,
              edit: {
                ...collection.admin?.components?.edit,
                beforeDocumentControls: [
                  ...(collection.admin?.components?.edit?.beforeDocumentControls ?? []),
                  'payload-plugin-ai-disclosure/client#ReviewWarning',
                ],
              },
            },
            defaultColumns: defaultColumns.includes(BADGES_FIELD)
              ? defaultColumns
              : [...defaultColumns, BADGES_FIELD],
          },
          // the same object the hooks read: the running config's settings (see the README)
          custom: { ...collection.custom, [PLUGIN_NAMESPACE]: settings },
          endpoints: [
            ...(collection.endpoints || []),
            createApproveEndpoint({ canApprove, collection: collection.slug, settings }),
          ],
          fields,
          hooks: appendHooks(collection.hooks, {
            afterChange: [createDisclosureAfterChange({ slug: collection.slug })],
            beforeChange: [createDisclosureBeforeChange({ settings, slug: collection.slug })],
            beforeOperation: [rememberSentDisclosure],
          }),
        }
      }

      // image collection
      if (!collection.upload) {
        throw new Error(
          `[${PLUGIN_NAMESPACE}] The image collection "${collection.slug}" is not an upload collection.`,
        )
      }
      const fields: Field[] = [
        ...collection.fields,
        ...imageProvenanceFields({ enabled, existing }),
        badgesField({
          afterRead: createImageBadgesHook({ collectionSlug: collection.slug, getLabels, images }),
          enabled,
          kind: 'image',
        }),
      ]
      if (!enabled) {
        return { ...collection, fields }
      }
      return {
        ...collection,
        fields,
        hooks: appendHooks(collection.hooks, {
          afterChange: [
            createInvalidateImageCache(images),
            ...(xmpOnCopies ? [rewriteCopyXmp] : []),
          ],
          beforeOperation: [
            rememberSentFields,
            ...(readProvenance ? [createReadOnUpload({ read: readProvenance, xmpOnCopies })] : []),
          ],
          beforeValidate: [syncImageProvenance],
        }),
      }
    })

    if (consentOptions) {
      const defaults = createConsentDefaults(consentOptions)
      const global = createConsentGlobal({
        defaults,
        enabled,
        updateAccess:
          consentOptions.access?.update ?? pluginOptions.access?.manageConsent ?? isAdminUser,
      })
      const records = createConsentRecordsCollection({
        enabled,
        options: consentOptions,
        readAccess: pluginOptions.access?.readConsentRecords ?? isAdminUser,
      })
      config.globals = [
        ...(config.globals ?? []),
        consentOptions.overrides?.global ? consentOptions.overrides.global(global) : global,
      ]
      // rejected consent records are the client's mistake, not a server error
      config.loggingLevels = {
        ...({ ConsentRecordError: 'info' } as Config['loggingLevels']),
        ...config.loggingLevels,
      }
      config.collections.push(
        consentOptions.overrides?.records ? consentOptions.overrides.records(records) : records,
      )

      if (enabled && consentOptions.seed !== false) {
        const incomingOnInit = config.onInit
        config.onInit = async (payload) => {
          // the app's own onInit first
          if (incomingOnInit) {
            await incomingOnInit(payload)
          }
          try {
            await seedConsentGlobal(payload, defaults)
          } catch (err) {
            payload.logger.warn({
              err,
              msg: `[${PLUGIN_NAMESPACE}] Could not seed the consent global`,
            })
          }
        }
      }
    }

    if (textCollections.length) {
      config.collections.push(createDisclosureLogCollection({ read: readLog }))
    }

    if (!enabled) {
      return config
    }

    if (textCollections.length) {
      const mutations = config.graphQL?.mutations
      const approve = approveMutation({
        canApprove,
        settingsOf: (slug) => settingsByCollection.get(slug),
      })
      config.graphQL = {
        ...config.graphQL,
        mutations: (graphQL, payload) => ({
          ...(mutations ? mutations(graphQL, payload) : {}),
          ...approve(graphQL as never),
        }),
      }
      config.admin = {
        ...config.admin,
        components: {
          ...config.admin?.components,
          afterDashboard: [
            ...(config.admin?.components?.afterDashboard ?? []),
            'payload-plugin-ai-disclosure/client#ComplianceDashboard',
          ],
        },
      }
      config.endpoints = [
        ...(config.endpoints ?? []),
        createComplianceEndpoint({
          access: readLog,
          collections: textCollections,
          isLive: pluginOptions.isLive ?? defaultIsLive,
          locales: localeCodes,
        }),
        createLogExportEndpoint({ access: readLog }),
      ]
    }

    config.endpoints = [
      ...(config.endpoints ?? []),
      createJsonLdEndpoint({ imageFieldsByCollection, options: pluginOptions.jsonLd }),
      ...(readProvenance && imageCollections.length
        ? [
            createBackfillEndpoint({
              access: pluginOptions.access?.backfillProvenance ?? isAdminUser,
              imageCollections,
              read: readProvenance,
            }),
          ]
        : []),
    ]
    if (xmpOnCopies && imageCollections.length && config.sharp) {
      config.sharp = wrapSharp(config.sharp)
    }

    return config
  }
