import type { CollectionConfig, FieldHook, PayloadRequest } from 'payload'
import { requiredInSomeLocale } from 'payload-plugin-translation-workflow'

import {
  canUpdateContent,
  isAdminOrEditor,
  readPublishedUnlessAllowed,
  readVersions,
} from '../src/features/accounts/roles'
import { isSlugOf, slugify, slugsOf } from '../src/utilities/slug'
import { nestedReq } from '../src/utilities/nestedReq'
import { notSetCell } from '../src/features/languages/notSet'
import { label } from '../src/features/languages/translations'

// Extended by: publishingPlugin, languagesPlugin, imagesPlugin, aiDisclosure, translationWorkflow, readerPreview (src/plugins.ts)

const nonEmpty = (value: unknown) => (typeof value === 'string' && value ? value : undefined)
/** A title as text: a title sent as a number is still one. */
const titleText = (value: unknown) =>
  typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined

/** The other articles that have `slug` (the unique index is on the document, not its versions). */
const slugTaken = async (req: PayloadRequest, slug: string, id: unknown) =>
  (
    await req.payload.count({
      collection: 'articles',
      where: { and: [{ slug: { equals: slug } }, ...(id ? [{ id: { not_equals: id } }] : [])] },
      overrideAccess: true,
      req: nestedReq(req),
    })
  ).totalDocs > 0

/** The first automatic slug of `title` that no other article has (a collision is no 400). */
async function freeSlug(req: PayloadRequest, title: string, id: unknown): Promise<string> {
  const candidates = slugsOf(title, typeof id === 'string' ? id : globalThis.crypto.randomUUID())
  for (let tries = 0; ; tries++) {
    const slug = candidates.next().value!
    if (tries >= 5 || !(await slugTaken(req, slug, id))) return slug
  }
}

/** Whether `slug` is the automatic slug of a title the article had, in any locale and version. */
async function madeFromATitle(req: PayloadRequest, id: unknown, slug: string): Promise<boolean> {
  if (isSlugOf(slug, '')) return true // SLUG_FALLBACK's
  if (!id) return false
  const { docs } = await req.payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: id } },
    locale: 'all',
    depth: 0,
    pagination: false,
    select: { version: { title: true } } as never,
    overrideAccess: true,
    req: nestedReq(req),
  })
  return docs.some(({ version }) =>
    Object.values((version as { title?: Record<string, unknown> }).title ?? {}).some((t) => {
      const title = titleText(t)
      return title !== undefined && isSlugOf(slug, title)
    }),
  )
}

/**
 * The slug is not localized; editors rarely type one, it is made from a title. Never empty: a title
 * without letters or digits of its own gets `article-<8 hex digits>`, and a made slug another
 * article has gets such a suffix (no 400). A slug the editor typed (one that differs from the
 * stored one: the admin's form sends that back on every save) is kept, and so is every slug once
 * the article was published in some locale (its URLs stay). Until then the slug is not public, and
 * at the first publication a made one follows the title of the locale being published, so the
 * public URL never shows a text that is not (a German draft's title under an English article).
 * "Made" = the automatic slug of a title the article had in some locale and version: a slug is made
 * from a title and stored in the same version, so a typed slug is one no title gives (a typed slug
 * that a title gives anyway is treated as made).
 */
const slugFromTitle: FieldHook = async ({ data, originalDoc, req, value }) => {
  const stored = nonEmpty(originalDoc?.slug)
  const typed = typeof value === 'string' ? slugify(value) : ''
  if (typed && typed !== stored) return typed
  const id = originalDoc?.id ?? data?.id
  const title = titleText(data?.title !== undefined ? data.title : originalDoc?.title)
  if (!stored) return freeSlug(req, title ?? '', id)
  const published = Object.values(
    (originalDoc?.publication ?? {}) as Record<string, { firstPublishedAt?: unknown } | null>,
  ).some((state) => state?.firstPublishedAt)
  // `_status` is 'published' here only when this save publishes (Payload set drafts' to 'draft').
  if (published || data?._status !== 'published') return stored
  // The first publication, in the saved locale: its own title (none: the fallback), never another's.
  if (isSlugOf(stored, title ?? '')) return stored
  return (await madeFromATitle(req, id, stored)) ? freeSlug(req, title ?? '', id) : stored
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
