import type { CollectionConfig, FieldHook } from 'payload'
import { requiredInSomeLocale } from 'payload-plugin-translation-workflow'

import {
  canUpdateContent,
  isAdminOrEditor,
  isStaff,
  readPublishedUnlessAllowed,
  readVersions,
} from '../src/features/accounts/roles'
import { scheduleEndpoints } from '../src/features/publishing/scheduleEndpoints'
import { LOCALE_CODES } from '../src/features/languages/locales'
import { slugify } from '../src/utilities/slug'
import { dropMissingOnRestore } from '../src/features/publishing/dropMissingOnRestore'
import { keepPublicationState } from '../src/features/publishing/keepPublicationState'
import { originalLanguage } from '../src/features/languages/originalLanguage'
import { publishAnswerWithoutFallback } from '../src/features/publishing/publishAnswerWithoutFallback'
import {
  hideUnpublishedLocales,
  liveField,
  liveInLocales,
  publicationField,
  publishedInSomeLocale,
  recordLive,
  recordUnpublishOnDelete,
} from '../src/features/publishing/localePublication'
import { notSetCell } from '../src/features/languages/notSet'
import { label } from '../src/features/languages/translations'

// An empty slug is made from the title (in the locale being saved) so editors rarely type one.
const slugFromTitle: FieldHook = ({ data, originalDoc, value }) => {
  if (typeof value === 'string' && value.trim()) return slugify(value)
  if (typeof originalDoc?.slug === 'string' && originalDoc.slug) return originalDoc.slug
  const title = data?.title ?? originalDoc?.title
  return typeof title === 'string' && title.trim() ? slugify(title) : value
}

// The first publication date is kept; later edits do not move it.
const stampPublishedAt: FieldHook = ({ siblingData, value }) => {
  if (!value && siblingData?._status === 'published') return new Date().toISOString()
  return value
}

export const Articles: CollectionConfig = {
  slug: 'articles',
  labels: {
    singular: label('articlesSingular'),
    plural: label('articlesPlural'),
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: [
      'title',
      'language',
      '_status',
      'liveIn',
      'translationStatus',
      'publishedAt',
      'updatedAt',
    ],
    listSearchableFields: ['title', 'slug', 'summary'],
    // Our publish button: Payload's publish actions, with our schedule drawer (src/features/publishing/components).
    components: {
      edit: { PublishButton: '/features/publishing/components/PublishButton#PublishButton' },
    },
    description: label('articlesDescription'),
  },
  access: {
    create: isAdminOrEditor,
    read: publishedInSomeLocale(readPublishedUnlessAllowed),
    readVersions,
    update: canUpdateContent,
    delete: isAdminOrEditor,
  },
  versions: {
    // `_status` per locale: publishing one language leaves the other's live version as it is.
    drafts: {
      localizeStatus: true,
      // Any minute (Payload offers every 5th): an embargo at 10:01 is scheduled for 10:01.
      schedulePublish: { timeFormat: 'HH:mm', timeIntervals: 1 },
    },
    maxPerDoc: 50,
  },
  hooks: {
    beforeOperation: [keepPublicationState, publishAnswerWithoutFallback],
    beforeValidate: [dropMissingOnRestore],
    afterChange: [recordLive],
    afterDelete: [recordUnpublishOnDelete],
    afterRead: [hideUnpublishedLocales(readPublishedUnlessAllowed)],
  },
  endpoints: scheduleEndpoints('articles'),
  defaultSort: '-publishedAt',
  fields: [
    {
      name: 'title',
      type: 'text',
      localized: true,
      maxLength: 300,
      validate: requiredInSomeLocale,
      label: label('title'),
    },
    {
      name: 'summary',
      type: 'textarea',
      localized: true,
      maxLength: 2000,
      label: label('articlesSummary'),
      admin: {
        description: label('articlesSummaryDescription'),
      },
    },
    {
      name: 'body',
      type: 'richText',
      localized: true,
      label: label('articlesBody'),
    },
    {
      name: 'heroImage',
      type: 'upload',
      relationTo: 'images',
      label: label('articlesHeroImage'),
      // the image's AI label and Content Credentials, without opening the image
      admin: { components: { afterInput: ['/features/images/HeroImageStatus#HeroImageStatus'] } },
    },
    {
      name: 'relatedArticles',
      type: 'relationship',
      relationTo: 'related-articles',
      hasMany: true,
      label: label('relatedArticles'),
      admin: {
        description: label('articlesRelatedArticlesDescription'),
      },
    },
    {
      name: 'slug',
      type: 'text',
      unique: true,
      index: true,
      label: label('articlesSlug'),
      admin: {
        position: 'sidebar',
        description: label('articlesSlugDescription'),
      },
      hooks: { beforeValidate: [slugFromTitle] },
    },
    {
      name: 'language',
      type: 'relationship',
      relationTo: 'locales',
      label: label('originalLanguage'),
      ...originalLanguage,
      admin: {
        components: { Cell: notSetCell() },
        position: 'sidebar',
        description: label('articlesLanguageDescription'),
      },
    },
    {
      name: 'publishedAt',
      type: 'date',
      label: label('articlesPublishedAt'),
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime', displayFormat: 'PPP, p' },
      },
      hooks: { beforeChange: [stampPublishedAt] },
    },
    {
      // The locales the article is live in, for the list (each language's state at a glance).
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
    },
    liveField,
    publicationField(LOCALE_CODES),
    {
      name: 'source',
      type: 'group',
      label: label('articlesSource'),
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: label('articlesSourceDescription'),
      },
      fields: [
        { name: 'file', type: 'text', label: label('articlesSourceFile') },
        {
          name: 'contentHash',
          type: 'text',
          index: true,
          label: label('articlesSourceContentHash'),
        },
      ],
    },
  ],
}
