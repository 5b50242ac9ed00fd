import type { CollectionConfig } from 'payload'
import { requiredInSomeLocale } from 'payload-plugin-translation-workflow'

import { contentAccess } from '../src/features/accounts/roles'
import { notSetCell } from '../src/features/languages/notSet'

// Extended by: languagesPlugin, aiDisclosure, translationWorkflow, readerPreview (src/plugins.ts)

// A teaser card for another story, as in the "Verwandte Artikel" list under an article.
export const RelatedArticles: CollectionConfig = {
  slug: 'related-articles',
  labels: {
    singular: { en: 'Related article', de: 'Verwandter Artikel' },
    plural: { en: 'Related articles', de: 'Verwandte Artikel' },
  },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'title', 'language', 'translationStatus', 'article', 'updatedAt'],
    listSearchableFields: ['title', 'summary'],
    description: {
      en: 'Teaser cards that articles list under "Related articles".',
      de: 'Teaser-Karten, die Artikel unter „Verwandte Artikel“ anzeigen.',
    },
  },
  access: contentAccess,
  fields: [
    {
      name: 'title',
      type: 'text',
      localized: true,
      maxLength: 300,
      label: { en: 'Title', de: 'Titel' },
      admin: {
        description: {
          en: 'Optional: most teasers show only a summary.',
          de: 'Optional: die meisten Teaser zeigen nur eine Zusammenfassung.',
        },
      },
    },
    {
      name: 'summary',
      type: 'textarea',
      localized: true,
      maxLength: 2000,
      validate: requiredInSomeLocale,
      label: { en: 'Summary', de: 'Zusammenfassung' },
    },
    {
      name: 'image',
      type: 'upload',
      relationTo: 'images',
      label: { en: 'Image', de: 'Bild' },
    },
    {
      name: 'language',
      type: 'relationship',
      relationTo: 'locales',
      label: { en: 'Original language', de: 'Originalsprache' },
      admin: { position: 'sidebar', components: { Cell: notSetCell() } },
    },
    {
      name: 'article',
      type: 'relationship',
      relationTo: 'articles',
      label: { en: 'Full article', de: 'Vollständiger Artikel' },
      admin: {
        // "<Kein Vollständiger Artikel>" otherwise
        components: { Cell: notSetCell() },
        position: 'sidebar',
        description: {
          en: 'Set when the story exists in this CMS.',
          de: 'Gesetzt, wenn die Geschichte in diesem CMS existiert.',
        },
      },
    },
    {
      name: 'url',
      type: 'text',
      label: { en: 'External link', de: 'Externer Link' },
      admin: { position: 'sidebar' },
      validate: (value: string | null | undefined) => {
        if (!value) return true
        try {
          const url = new URL(value)
          return url.protocol === 'https:' || url.protocol === 'http:'
            ? true
            : 'Use an http(s) URL.'
        } catch {
          return `"${value}" is not a valid URL.`
        }
      },
    },
    {
      // Set by the importer: the same teaser in several documents is one RelatedArticle.
      name: 'importKey',
      type: 'text',
      index: true,
      label: { en: 'Import key', de: 'Import-Schlüssel' },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'usedIn',
      type: 'join',
      collection: 'articles',
      on: 'relatedArticles',
      label: { en: 'Used in articles', de: 'Verwendet in Artikeln' },
      admin: { defaultColumns: ['title', '_status'] },
    },
  ],
}
