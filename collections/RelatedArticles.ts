import type { CollectionConfig } from 'payload'
import { requiredInSomeLocale } from 'payload-plugin-translation-workflow'

import { contentAccess } from '../src/features/accounts/roles'
import { notSetCell } from '../src/features/languages/notSet'
import { label } from '../src/features/languages/translations'

// Extended by: languagesPlugin, aiDisclosure, translationWorkflow, readerPreview (src/plugins.ts)

// A teaser card for another story, as in the "Verwandte Artikel" list under an article.
export const RelatedArticles: CollectionConfig = {
  slug: 'related-articles',
  labels: {
    singular: label('relatedArticlesSingular'),
    plural: label('relatedArticles'),
  },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'title', 'language', 'translationStatus', 'article', 'updatedAt'],
    listSearchableFields: ['title', 'summary'],
    description: label('relatedArticlesDescription'),
  },
  access: contentAccess,
  // Populated into an article (depth ≥ 1), a teaser leaves out the list of articles using it: that
  // join costs a subquery per teaser and leads back to the article being read. Read a teaser
  // itself (or `populate[related-articles][usedIn]=true`) to get it.
  defaultPopulate: { usedIn: false },
  fields: [
    {
      name: 'title',
      type: 'text',
      localized: true,
      maxLength: 300,
      label: label('title'),
      admin: {
        description: label('relatedArticlesTitleDescription'),
      },
    },
    {
      name: 'summary',
      type: 'textarea',
      localized: true,
      maxLength: 2000,
      validate: requiredInSomeLocale,
      label: label('relatedArticlesSummary'),
    },
    {
      name: 'image',
      type: 'upload',
      relationTo: 'images',
      label: label('image'),
    },
    {
      name: 'language',
      type: 'relationship',
      relationTo: 'locales',
      label: label('originalLanguage'),
      admin: { position: 'sidebar', components: { Cell: notSetCell() } },
    },
    {
      name: 'article',
      type: 'relationship',
      relationTo: 'articles',
      label: label('relatedArticlesArticle'),
      admin: {
        // "<Kein Vollständiger Artikel>" otherwise
        components: { Cell: notSetCell() },
        position: 'sidebar',
        description: label('relatedArticlesArticleDescription'),
      },
    },
    {
      name: 'url',
      type: 'text',
      label: label('relatedArticlesUrl'),
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
      label: label('importKey'),
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'usedIn',
      type: 'join',
      collection: 'articles',
      on: 'relatedArticles',
      label: label('usedInArticles'),
      admin: { defaultColumns: ['title', '_status'] },
    },
  ],
}
