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
    singular: { en: 'Article', de: 'Artikel' },
    plural: { en: 'Articles', de: 'Artikel' },
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
    description: {
      en: 'News stories. Write in one language; translators fill the other.',
      de: 'Nachrichtenartikel. In einer Sprache schreiben; Übersetzer füllen die andere.',
    },
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
      label: { en: 'Title', de: 'Titel' },
    },
    {
      name: 'summary',
      type: 'textarea',
      localized: true,
      maxLength: 2000,
      label: { en: 'Lead', de: 'Vorspann' },
      admin: {
        description: {
          en: 'The lead paragraph shown in teasers.',
          de: 'Der Vorspann, der in Teasern erscheint.',
        },
      },
    },
    {
      name: 'body',
      type: 'richText',
      localized: true,
      label: { en: 'Body', de: 'Text' },
    },
    {
      name: 'heroImage',
      type: 'upload',
      relationTo: 'images',
      label: { en: 'Hero image', de: 'Aufmacherbild' },
    },
    {
      name: 'relatedArticles',
      type: 'relationship',
      relationTo: 'related-articles',
      hasMany: true,
      label: { en: 'Related articles', de: 'Verwandte Artikel' },
      admin: {
        description: {
          en: 'Shown in this order below the article.',
          de: 'Erscheinen in dieser Reihenfolge unter dem Artikel.',
        },
      },
    },
    {
      name: 'slug',
      type: 'text',
      unique: true,
      index: true,
      label: { en: 'Slug', de: 'URL-Kürzel' },
      admin: {
        position: 'sidebar',
        description: {
          en: 'Made from the title when left empty.',
          de: 'Wird aus dem Titel erzeugt, wenn leer.',
        },
      },
      hooks: { beforeValidate: [slugFromTitle] },
    },
    {
      name: 'language',
      type: 'relationship',
      relationTo: 'locales',
      label: { en: 'Original language', de: 'Originalsprache' },
      admin: {
        components: { Cell: notSetCell() },
        position: 'sidebar',
        description: {
          en: 'The language the article was written in (new articles: the language they are created in).',
          de: 'Die Sprache, in der der Artikel geschrieben wurde (neue Artikel: die Sprache, in der sie angelegt werden).',
        },
      },
    },
    {
      name: 'publishedAt',
      type: 'date',
      label: { en: 'Published at', de: 'Veröffentlicht am' },
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
      label: { en: 'Import source', de: 'Importquelle' },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: { en: 'Filled by the seed importer.', de: 'Vom Import ausgefüllt.' },
      },
      fields: [
        { name: 'file', type: 'text', label: { en: 'File', de: 'Datei' } },
        {
          name: 'contentHash',
          type: 'text',
          index: true,
          label: { en: 'Content hash', de: 'Inhalts-Hash' },
        },
      ],
    },
  ],
}
