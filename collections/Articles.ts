import type { CollectionConfig, FieldHook } from 'payload'
import { requiredInSomeLocale } from 'payload-plugin-translation-workflow'

import {
  canUpdateContent,
  isAdminOrEditor,
  readPublishedUnlessAllowed,
  readVersions,
} from '../src/features/accounts/roles'
import { slugify } from '../src/utilities/slug'
import { notSetCell } from '../src/features/languages/notSet'
import { label } from '../src/features/languages/translations'

// Extended by: publishingPlugin, languagesPlugin, imagesPlugin, aiDisclosure, translationWorkflow, readerPreview (src/plugins.ts)

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
    description: label('articlesDescription'),
  },
  access: {
    create: isAdminOrEditor,
    read: readPublishedUnlessAllowed,
    readVersions,
    update: canUpdateContent,
    delete: isAdminOrEditor,
  },
  versions: {
    // `_status` per locale: publishing one language leaves the other's live version as it is.
    drafts: { localizeStatus: true },
    maxPerDoc: 50,
  },
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
    // publishingPlugin adds `liveIn`, `live` and `publication` here.
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
