/**
 * Imports parsed news documents into Payload: the article in its detected locale, the hero image,
 * the related-article teasers (deduplicated across documents) and the consent banner texts.
 *
 * - Idempotent: a file whose content hash (text plus any pictures beside it) matches the article's
 *   `source.contentHash` is skipped; a changed file updates its article in place.
 * - Atomic per file: each file runs in one database transaction; uploaded picture files of a
 *   rolled-back file are deleted again (compensation, the disk has no transactions).
 */
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'
import sharp from 'sharp'

import type { Article, Image, RelatedArticle } from '../src/payload-types'
import { idOf } from '../src/ids'
import { paragraphsToLexical } from '../src/richtext'
import { slugify } from '../src/slug'
import { collectDocumentPaths, describeError, readDocument, type FileFailure } from './files'
import { DocumentError, parseDocument, type ParsedDocument, type ParsedImage, type ParsedTeaser } from './parse'
import { placeholderPicture } from './placeholder'
import { vocabularyFromLocaleDocs, type Vocabulary } from './vocabulary'

export type ImportOutcome = 'created' | 'updated' | 'unchanged'

export interface ImportOptions {
  /** Import as drafts instead of publishing. */
  draft?: boolean
  /** Called after each file, e.g. to drive a progress bar. */
  onFile?: (file: string, outcome: ImportOutcome | 'failed', index: number, total: number) => void
}

export interface ImportSummary {
  files: number
  created: number
  updated: number
  unchanged: number
  failed: FileFailure[]
}

type Locale = 'en' | 'de'
type Picture = { path: string; sha256: string }

const PICTURE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp']
const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' }

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')

/** Pictures beside a document: `<name>-hero.*` for the hero image, `<name>-N.*` for teaser N. */
async function findPictures(documentPath: string): Promise<Map<string, Picture>> {
  const dir = path.dirname(documentPath)
  const base = path.basename(documentPath, path.extname(documentPath))
  const pictures = new Map<string, Picture>()
  let entries: string[]
  try {
    entries = await fs.readdir(dir)
  } catch {
    return pictures
  }
  for (const entry of entries.sort()) {
    const ext = path.extname(entry).toLowerCase()
    if (!PICTURE_EXTENSIONS.includes(ext) || !entry.startsWith(`${base}-`)) continue
    const slot = entry.slice(base.length + 1, entry.length - ext.length)
    if (slot !== 'hero' && !/^\d+$/.test(slot)) continue
    const full = path.join(dir, entry)
    pictures.set(slot === 'hero' ? 'hero' : String(Number(slot)), { path: full, sha256: sha256(await fs.readFile(full)) })
  }
  return pictures
}

class Importer {
  private localeIds = new Map<string, string>()
  private vocabulary: Vocabulary = {}
  private locales: string[] = []
  /** Imported articles by source file name: id and content hash (drafts included). */
  private bySource = new Map<string, { id: string; contentHash: string | null | undefined }>()
  private createdFiles: string[] = []

  constructor(
    private payload: Payload,
    private opts: ImportOptions,
  ) {}

  async load(): Promise<void> {
    const { docs: localeDocs } = await this.payload.find({ collection: 'locales', limit: 0, pagination: false, depth: 0 })
    for (const doc of localeDocs) this.localeIds.set(doc.code, doc.id)
    // The marker vocabulary comes from the Locale documents, so a new language needs no code change.
    this.vocabulary = vocabularyFromLocaleDocs(localeDocs)
    this.locales = this.payload.config.localization ? this.payload.config.localization.localeCodes : ['en']
    const { docs } = await this.payload.find({
      collection: 'articles',
      where: { 'source.file': { exists: true } },
      select: { source: true },
      draft: true,
      limit: 0,
      pagination: false,
      depth: 0,
    })
    for (const doc of docs) {
      if (doc.source?.file) this.bySource.set(doc.source.file, { id: doc.id, contentHash: doc.source.contentHash })
    }
  }

  async importFile(file: string): Promise<ImportOutcome> {
    const { text, sha256: textHash } = await readDocument(file)
    const pictures = await findPictures(file)
    const contentHash = sha256([textHash, ...[...pictures].map(([slot, p]) => `${slot}:${p.sha256}`)].join('\n'))
    const source = path.basename(file)
    const existing = this.bySource.get(source)
    if (existing?.contentHash === contentHash) return 'unchanged'

    const doc = parseDocument(text, { source, vocabulary: this.vocabulary, locales: this.locales })

    const req = await createLocalReq({}, this.payload)
    await initTransaction(req)
    this.createdFiles = []
    try {
      const id = await this.writeArticle(req, doc, pictures, contentHash, existing?.id)
      await this.writeConsent(req, doc)
      await commitTransaction(req)
      this.bySource.set(source, { id, contentHash })
      return existing ? 'updated' : 'created'
    } catch (error) {
      await killTransaction(req)
      await Promise.all(this.createdFiles.map((f) => fs.rm(f, { force: true })))
      throw error
    }
  }

  private async writeArticle(
    req: PayloadRequest,
    doc: ParsedDocument,
    pictures: Map<string, Picture>,
    contentHash: string,
    existingId: string | undefined,
  ): Promise<string> {
    const locale = doc.locale as Locale
    const previous = existingId
      ? await this.payload.findByID({ collection: 'articles', id: existingId, depth: 0, draft: true, req, locale })
      : undefined

    const heroImage = doc.heroImage
      ? await this.upsertImage(req, doc.heroImage, locale, pictures.get('hero'), idOf(previous?.heroImage))
      : null

    const teaserIds: string[] = []
    for (const [i, teaser] of doc.related.entries()) {
      teaserIds.push(await this.upsertTeaser(req, teaser, pictures.get(String(i + 1))))
    }

    const status: 'draft' | 'published' = this.opts.draft ? 'draft' : 'published'
    const data = {
      title: doc.title,
      summary: doc.summary,
      body: paragraphsToLexical(doc.body) as unknown as Article['body'],
      heroImage,
      relatedArticles: teaserIds,
      language: this.localeIds.get(locale) ?? null,
      source: { file: doc.source, contentHash },
      aiDisclosure: { reportedByAI: doc.reportedByAI },
      _status: status,
    }

    let article: Article
    if (previous) {
      article = await this.payload.update({
        collection: 'articles',
        id: previous.id,
        data,
        locale,
        draft: this.opts.draft,
        req,
      })
      await this.removeOrphanTeasers(req, previous.relatedArticles, teaserIds)
    } else {
      article = await this.payload.create({
        collection: 'articles',
        data: { ...data, slug: await this.freeSlug(req, doc.title, contentHash) },
        locale,
        draft: this.opts.draft as true, // Payload's overloads only accept a literal true/false here
        req,
      })
    }
    await this.linkTeasersToArticle(req, article.id, doc.title, locale)
    return article.id
  }

  /** The slug from the title, or with a short suffix when another story already has it. */
  private async freeSlug(req: PayloadRequest, title: string, contentHash: string): Promise<string> {
    const slug = slugify(title) || 'article'
    const { totalDocs } = await this.payload.count({ collection: 'articles', where: { slug: { equals: slug } }, req })
    return totalDocs === 0 ? slug : `${slug}-${contentHash.slice(0, 6)}`
  }

  private async upsertImage(
    req: PayloadRequest,
    image: ParsedImage,
    locale: Locale,
    picture: Picture | undefined,
    currentId?: string,
  ): Promise<string> {
    const importKey = sha256([locale, image.alt, String(image.aiGenerated), picture?.sha256 ?? 'placeholder'].join('\n'))
    const found = await this.payload.find({
      collection: 'images',
      where: { importKey: { equals: importKey } },
      limit: 1,
      depth: 0,
      req,
    })
    if (found.docs[0]) return found.docs[0].id

    const data = { alt: image.alt, aiGenerated: image.aiGenerated, placeholder: !picture, importKey }
    const file = picture
      ? await (async () => {
          const buffer = await fs.readFile(picture.path)
          try {
            await sharp(buffer).metadata()
          } catch (error) {
            throw new DocumentError(`${path.basename(picture.path)} is not a readable picture (${(error as Error).message})`)
          }
          const ext = path.extname(picture.path).toLowerCase()
          return { data: buffer, mimetype: MIME[ext], name: path.basename(picture.path), size: buffer.length }
        })()
      : await (async () => {
          const buffer = await placeholderPicture()
          return { data: buffer, mimetype: 'image/png', name: `placeholder-${importKey.slice(0, 12)}.png`, size: buffer.length }
        })()

    // A changed document updates the image it already had instead of adding another one.
    const doc: Image = currentId
      ? await this.payload.update({ collection: 'images', id: currentId, data, file, locale, req })
      : await this.payload.create({ collection: 'images', data, file, locale, req })
    this.rememberFiles(doc)
    return doc.id
  }

  private rememberFiles(doc: Image): void {
    const dir = this.payload.collections.images.config.upload.staticDir ?? 'media'
    const names = [doc.filename, ...Object.values(doc.sizes ?? {}).map((s) => s?.filename)]
    for (const name of names) if (name) this.createdFiles.push(path.join(dir, name))
  }

  private async upsertTeaser(req: PayloadRequest, teaser: ParsedTeaser, picture: Picture | undefined): Promise<string> {
    const locale = teaser.locale as Locale
    // The same teaser text in two documents is one RelatedArticle.
    const importKey = sha256([locale, teaser.title ?? '', teaser.summary].join('\n'))
    const found = await this.payload.find({
      collection: 'related-articles',
      where: { importKey: { equals: importKey } },
      limit: 1,
      depth: 0,
      locale,
      req,
    })
    const current = found.docs[0] as RelatedArticle | undefined
    const image = teaser.image ? await this.upsertImage(req, teaser.image, locale, picture, idOf(current?.image)) : null
    const article = teaser.title ? await this.findArticleByTitle(req, teaser.title, locale) : undefined
    const data = {
      title: teaser.title,
      summary: teaser.summary,
      image,
      language: this.localeIds.get(locale) ?? null,
      importKey,
      ...(article ? { article } : {}),
      aiDisclosure: { reportedByAI: teaser.reportedByAI },
    }
    if (current) {
      const unchanged =
        idOf(current.image) === (image ?? undefined) &&
        (!article || idOf(current.article) === article) &&
        Boolean((current as { aiDisclosure?: { reportedByAI?: boolean } }).aiDisclosure?.reportedByAI) === teaser.reportedByAI
      if (!unchanged) await this.payload.update({ collection: 'related-articles', id: current.id, data, locale, req })
      return current.id
    }
    return (await this.payload.create({ collection: 'related-articles', data, locale, req })).id
  }

  private async findArticleByTitle(req: PayloadRequest, title: string, locale: Locale): Promise<string | undefined> {
    const { docs } = await this.payload.find({
      collection: 'articles',
      where: { title: { equals: title } },
      locale,
      limit: 1,
      depth: 0,
      draft: true,
      req,
    })
    return docs[0]?.id
  }

  /** Teasers imported before this article existed now point at it. */
  private async linkTeasersToArticle(req: PayloadRequest, articleId: string, title: string, locale: Locale) {
    await this.payload.update({
      collection: 'related-articles',
      where: { and: [{ title: { equals: title } }, { article: { exists: false } }] },
      data: { article: articleId },
      locale,
      req,
    })
  }

  /** Imported teasers that a changed document dropped and no other article uses are removed. */
  private async removeOrphanTeasers(req: PayloadRequest, before: Article['relatedArticles'], after: string[]) {
    const dropped = (before ?? []).map(idOf).filter((id): id is string => typeof id === 'string' && !after.includes(id))
    for (const id of dropped) {
      const users = await this.payload.count({
        collection: 'articles',
        where: { relatedArticles: { contains: id } },
        req,
      })
      if (users.totalDocs > 1) continue // this article still counts until its update lands
      const teaser = await this.payload.findByID({ collection: 'related-articles', id, depth: 0, req, disableErrors: true })
      if (teaser?.importKey) await this.payload.delete({ collection: 'related-articles', id, req })
    }
  }

  /** The banner texts go into the consent setting for their locale, when the app has one. */
  private async writeConsent(req: PayloadRequest, doc: ParsedDocument): Promise<void> {
    if (!doc.consent || !this.payload.globals.config.some((g) => g.slug === 'consent')) return
    const locale = doc.consent.locale as Locale
    const slug = 'consent' as never
    const current = (await this.payload.findGlobal({ slug, locale, depth: 0, req })) as Record<string, unknown>
    const data = { title: doc.consent.title, text: doc.consent.text, rejectLabel: doc.consent.rejectLabel }
    if (Object.entries(data).every(([k, v]) => current[k] === v)) return
    await this.payload.updateGlobal({ slug, data: data as never, locale, req })
  }
}

/** Imports every document under `inputs` (files or folders); one bad file never stops the rest. */
export async function importDocuments(payload: Payload, inputs: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const { paths, errors } = await collectDocumentPaths(inputs)
  const summary: ImportSummary = { files: paths.length + errors.length, created: 0, updated: 0, unchanged: 0, failed: [...errors] }
  const importer = new Importer(payload, opts)
  await importer.load()
  for (const [index, file] of paths.entries()) {
    let outcome: ImportOutcome | 'failed'
    try {
      outcome = await importer.importFile(file)
      summary[outcome]++
    } catch (error) {
      outcome = 'failed'
      summary.failed.push({ file, reason: describeError(error) })
    }
    opts.onFile?.(file, outcome, index, paths.length)
  }
  return summary
}

export const formatSummary = (s: ImportSummary) =>
  `${s.files} files: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed.length} failed`
