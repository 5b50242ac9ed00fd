import type { CollectionConfig, Field, Payload, Plugin } from 'payload'

import { isStaff } from '../accounts/roles'
import { LOCALE_CODES } from '../languages/locales'
import { label } from '../languages/translations'
import { appendHooks, extendCollections, insertAfter } from '../../utilities/config'
import { dropMissingOnRestore } from './dropMissingOnRestore'
import { jobsConfig } from './jobs'
import { keepPublicationState } from './keepPublicationState'
import {
  backfillLive,
  hideUnpublishedLocales,
  liveField,
  liveInLocales,
  publicationField,
  publishedInSomeLocale,
  recordLive,
  recordUnpublishOnDelete,
} from './localePublication'
import { publishAnswerWithoutFallback } from './publishAnswerWithoutFallback'
import { scheduleEndpoints } from './scheduleEndpoints'
import { guardLocaleQueries } from './localeQueryGuard'
import { withLocaleAwareSchedulePublish } from './schedulePublish'
import { refuseUnknownStatus } from './validStatus'

export type PublishingOptions = {
  /** Versioned collections with drafts published per locale (`localizeStatus`). */
  collections: string[]
}

// The locales an article is live in, for the list (each language's state at a glance).
const liveInField: Field = {
  name: 'liveIn',
  type: 'text',
  virtual: true,
  label: label('articlesLiveIn'),
  access: { read: ({ req }) => isStaff(req.user), create: () => false, update: () => false },
  admin: {
    readOnly: true,
    position: 'sidebar',
    disableListFilter: true,
    // A list column only: rendered in the edit form it stops the sidebar fields after it.
    condition: () => false,
  },
  hooks: { afterRead: [liveInLocales] },
}

function publishing(collection: CollectionConfig): CollectionConfig {
  // The schema's read rule decides who reads drafts; others read what is live in some locale.
  const canReadDrafts = collection.access?.read
  if (!canReadDrafts) throw new Error(`publishingPlugin: ${collection.slug} needs access.read`)
  const drafts = typeof collection.versions === 'object' ? collection.versions.drafts : undefined
  const components = collection.admin?.components
  // Payload's publish actions with our schedule drawer (./components).
  const PublishButton = '/features/publishing/components/PublishButton#PublishButton'
  return {
    ...collection,
    admin: {
      ...collection.admin,
      components: { ...components, edit: { ...components?.edit, PublishButton } },
    },
    access: { ...collection.access, read: publishedInSomeLocale(canReadDrafts) },
    // Which locales a reader may see follows each document's per-locale status: a `select` that
    // leaves it out would make hideUnpublishedLocales read it back, once per document.
    forceSelect: { ...collection.forceSelect, _status: true },
    versions: {
      ...(typeof collection.versions === 'object' && collection.versions),
      drafts: {
        ...(typeof drafts === 'object' && drafts),
        // Any minute (Payload offers every 5th): an embargo at 10:01 is scheduled for 10:01.
        schedulePublish: { timeFormat: 'HH:mm', timeIntervals: 1 },
      },
    },
    hooks: appendHooks(collection.hooks, {
      beforeOperation: [keepPublicationState, publishAnswerWithoutFallback],
      beforeValidate: [dropMissingOnRestore],
      afterChange: [recordLive],
      afterDelete: [recordUnpublishOnDelete],
      afterRead: [hideUnpublishedLocales(canReadDrafts)],
    }),
    endpoints: [...(collection.endpoints || []), ...scheduleEndpoints(collection.slug)],
    fields: insertAfter(collection.fields, 'publishedAt', [
      liveInField,
      liveField,
      publicationField(LOCALE_CODES),
    ]),
  }
}

// Every collection guards the queries of readers without draft access, so that no condition or
// sort touches a locale they may not read (./localeQueryGuard.ts). Added at start to be the last
// beforeOperation hook of every collection, also of those Payload and later plugins add: the
// others still see the request as asked, e.g. the response cache sees `draft=true` and keeps no
// such answer, although the guard answers it as the plain read.
function guardQueries(payload: Payload) {
  for (const { config } of Object.values(payload.collections)) {
    config.hooks.beforeOperation = [...(config.hooks.beforeOperation ?? []), guardLocaleQueries]
  }
}

// Every collection with drafts refuses a `_status` other than `draft` or `published` (./validStatus.ts)
// before any other hook, also those of later plugins (the translator guard reads it), sees it.
function validateStatus(payload: Payload) {
  for (const { config } of Object.values(payload.collections))
    if (config.versions?.drafts)
      config.hooks.beforeOperation = [refuseUnknownStatus, ...(config.hooks.beforeOperation ?? [])]
}

/**
 * Per-locale publication (docs/publishing.md): the `live` flag and the `publication`
 * record with the hooks that keep them, visibility of unpublished locales (also in the queries of
 * every collection), and scheduled publish and unpublish (endpoints, the job runner, Payload's
 * schedule task replaced by a per-locale one).
 */
export const publishingPlugin =
  ({ collections }: PublishingOptions): Plugin =>
  (config) => ({
    ...config,
    collections: extendCollections(config.collections, collections, publishing),
    // Scheduled publication: runners start in ./jobs.ts (startJobs), not on a request.
    jobs: { ...config.jobs, ...jobsConfig },
    onInit: async (payload) => {
      // Payload adds its schedule task when it builds the config; ours replaces its handler.
      withLocaleAwareSchedulePublish(payload.config)
      guardQueries(payload)
      validateStatus(payload)
      for (const slug of collections) await backfillLive(payload, slug as 'articles')
      await config.onInit?.(payload)
    },
  })
