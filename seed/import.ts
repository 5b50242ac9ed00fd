/**
 * Imports parsed news documents into Payload: the article in its detected locale, the hero image,
 * the related-article teasers (deduplicated across documents) and the consent banner texts.
 *
 * - The import key of an article is its file name (`source.file`): across runs, a file with the same
 *   name updates the same article, wherever it lies. Within one run, two files with the same name
 *   are an error for both, and neither is imported.
 * - Idempotent: a file whose content hash (text plus any pictures beside it) matches the article's
 *   `source.contentHash` is skipped; a changed file updates its article in place.
 * - Importer-made teasers and images (with an `importKey`) are immutable: the key is made from their
 *   content, so changed content is a new document, and a draft import never alters what the
 *   published version shows. Those that no article's published version or latest draft (and, for
 *   images, no teaser) references any more are removed; documents without an import key were made
 *   by editors and are never removed.
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
  type Where,
} from 'payload'
import sharp from 'sharp'

import type { Article, Image } from '../src/payload-types'
import { idOf } from '../src/utilities/ids'
import { paragraphsToLexical } from '../src/utilities/richtext'
import { SLUG_FALLBACK, slugify, withSuffix } from '../src/utilities/slug'
import {
  collectDocumentPaths,
  describeError,
  isInside,
  outsideReason,
  printable,
  readDocument,
  type CollectedPaths,
  type FileFailure,
} from './files'
import {
  DocumentError,
  parseDocument,
  type ParsedDocument,
  type ParsedImage,
  type ParsedTeaser,
} from './parse'
import { placeholderPicture } from '../src/features/images/placeholder'
import { LOCALE_CODES, type LocaleCode } from '../src/features/languages/locales'
import { vocabularyFromLocaleDocs, type Vocabulary } from './vocabulary'

/**
 * A text's origin from its own marker: "Von KI berichtet" → AI-generated, none → written by a
 * person (the reason is what the AI→human rule asks for when a re-import drops the marker).
 */
const originFromMarker = (reportedByAI: boolean) =>
  reportedByAI
    ? { origin: 'ai-generated' as const }
    : { origin: 'human' as const, humanReason: 'No AI marker in the source document.' }

export type ImportOutcome = 'created' | 'updated' | 'unchanged'

export interface ImportOptions {
  /** Import as drafts instead of publishing. */
  draft?: boolean
  /** Called after each file, e.g. to drive a progress bar. */
  onFile?: (file: string, outcome: ImportOutcome | 'failed', index: number, total: number) => void
}

export interface ImportSummary {
  files: number
  /** How many folders the documents were found in. */
  folders: number
  created: number
  updated: number
  unchanged: number
  failed: FileFailure[]
}

type Locale = LocaleCode
/** `path` is the picture's real path (inside the import root), `name` its name beside the document. */
type Picture = { path: string; name: string; sha256: string }

/** What the database holds for one import key (file name). */
interface KnownArticle {
  id: string
  /** The main document: the published version, or the first draft of a never-published article. */
  mainHash?: string | null
  mainStatus?: string | null
  /** The newest version, draft or published. */
  latestHash?: string | null
}

/** Teasers and images an import stopped referencing: removed when nothing else uses them. */
interface Candidates {
  teasers: Set<string>
  images: Set<string>
}

const PICTURE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp']
const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')

/**
 * Pictures beside a document: `<name>-hero.*` for the hero image, `<name>-N.*` for teaser N.
 * `listings` holds each folder's picture files, read once per run (not once per document).
 * A picture is under the documents' link rule: a link whose real path leaves `root` fails the
 * document (its picture is never read).
 */
async function findPictures(
  documentPath: string,
  root: string,
  listings: Map<string, Promise<string[]>>,
): Promise<Map<string, Picture>> {
  const dir = path.dirname(documentPath)
  const base = path.basename(documentPath, path.extname(documentPath))
  const pictures = new Map<string, Picture>()
  if (!listings.has(dir)) {
    const read = fs.readdir(dir).then(
      (names) =>
        names
          .filter((name) => PICTURE_EXTENSIONS.includes(path.extname(name).toLowerCase()))
          .sort(),
      () => [],
    )
    listings.set(dir, read)
  }
  for (const entry of await listings.get(dir)!) {
    const ext = path.extname(entry).toLowerCase()
    if (!PICTURE_EXTENSIONS.includes(ext) || !entry.startsWith(`${base}-`)) continue
    const slot = entry.slice(base.length + 1, entry.length - ext.length)
    if (slot !== 'hero' && !/^\d+$/.test(slot)) continue
    const real = await fs.realpath(path.join(dir, entry)).catch(() => null)
    if (real === null) continue // a dangling link, like a missing picture
    if (!isInside(real, root))
      throw new DocumentError(`picture ${printable(entry)}: ${outsideReason(real, root)}`)
    pictures.set(slot === 'hero' ? 'hero' : String(Number(slot)), {
      path: real,
      name: entry,
      sha256: sha256(await fs.readFile(real)),
    })
  }
  return pictures
}

/** Importer-made documents by import key, read once per run; a file's changes count once it commits. */
class KeyIndex<T> {
  private committed = new Map<string, T>()
  private pending = new Map<string, T | null>()

  get(key: string): T | undefined {
    return this.pending.has(key) ? (this.pending.get(key) ?? undefined) : this.committed.get(key)
  }
  /** `null` marks a removed document. */
  set(key: string, value: T | null): void {
    this.pending.set(key, value)
  }
  load(key: string, value: T): void {
    this.committed.set(key, value)
  }
  commit(): void {
    for (const [key, value] of this.pending) {
      if (value === null) this.committed.delete(key)
      else this.committed.set(key, value)
    }
    this.pending.clear()
  }
  rollback(): void {
    this.pending.clear()
  }
}

class Importer {
  private localeIds = new Map<string, string>()
  private vocabulary: Vocabulary = {}
  private locales: string[] = []
  /** Imported articles by import key (file name). */
  private bySource = new Map<string, KnownArticle>()
  /** Article ids by locale and title, to link teasers to their full article (see articleTitled). */
  private byTitle = new Map<string, string>()
  private titlesRead = new Set<string>()
  private draftTitles: [locale: string, title: string, id: string][] = []
  private keysLoaded = false
  private teaserKeys = new KeyIndex<{ id: string; article?: string }>()
  private imageKeys = new KeyIndex<string>()
  private createdFiles: string[] = []
  private pictureListings = new Map<string, Promise<string[]>>()
  /** The consent texts last read or written per locale: most documents carry the same banner. */
  private consent = new Map<string, Record<string, unknown>>()
  private unlinked = new Map<string, Set<string>>()

  constructor(
    private payload: Payload,
    private opts: ImportOptions,
  ) {}

  async load(): Promise<void> {
    const { docs: localeDocs } = await this.payload.find({
      collection: 'locales',
      limit: 0,
      pagination: false,
      depth: 0,
    })
    for (const doc of localeDocs) this.localeIds.set(doc.code, doc.id)
    // The marker vocabulary comes from the Locale documents, so a new language needs no code change.
    this.vocabulary = vocabularyFromLocaleDocs(localeDocs)
    this.locales = LOCALE_CODES
    const everything = { limit: 0, pagination: false, depth: 0 } as const
    // The main documents (the published versions), then the drafts newer than them: reading every
    // latest version would read every article's body in every locale.
    const main = await this.payload.find({
      collection: 'articles',
      select: { source: true, _status: true },
      ...everything,
    })
    const byId = new Map<string, KnownArticle>()
    for (const doc of main.docs) {
      if (!doc.source?.file) continue
      const known = {
        id: doc.id,
        mainHash: doc.source.contentHash,
        mainStatus: doc._status,
        latestHash: doc.source.contentHash,
      }
      this.bySource.set(doc.source.file, known)
      byId.set(doc.id, known)
    }
    const drafts = await this.payload.findVersions({
      collection: 'articles',
      where: { and: [{ latest: { equals: true } }, { 'version._status': { equals: 'draft' } }] },
      select: { parent: true, version: { source: true, title: true } } as never,
      locale: 'all',
      ...everything,
    })
    for (const draft of drafts.docs) {
      const id = idOf(draft.parent) as string
      const known = byId.get(id)
      if (known) known.latestHash = draft.version.source?.contentHash
      for (const [locale, title] of Object.entries(
        (draft.version.title ?? {}) as unknown as Record<string, string | null>,
      )) {
        if (title) this.draftTitles.push([locale, title, id])
      }
    }
  }

  /** The import keys of teasers and images, read when the first file changes: an unchanged re-run needs none. */
  private async loadKeys(): Promise<void> {
    if (this.keysLoaded) return
    this.keysLoaded = true
    const query = {
      where: { importKey: { exists: true } },
      limit: 0,
      pagination: false,
      depth: 0,
    } as const
    const teasers = await this.payload.find({
      collection: 'related-articles',
      select: { importKey: true, article: true },
      ...query,
    })
    for (const t of teasers.docs)
      if (t.importKey) this.teaserKeys.load(t.importKey, { id: t.id, article: idOf(t.article) })
    const images = await this.payload.find({
      collection: 'images',
      select: { importKey: true },
      ...query,
    })
    for (const image of images.docs)
      if (image.importKey) this.imageKeys.load(image.importKey, image.id)
  }

  /**
   * The article with this title in this locale (published version or pending draft), to link a
   * teaser to. The titles of a locale are read on first use: an unchanged re-run needs none.
   */
  private async articleTitled(locale: Locale, title: string): Promise<string | undefined> {
    if (!this.titlesRead.has(locale)) {
      this.titlesRead.add(locale)
      const docs = await this.titlesIn('articles', locale)
      const stored = new Map(
        docs.flatMap((doc) => (doc.title ? [[`${locale}\n${doc.title}`, doc.id] as const] : [])),
      )
      for (const [l, t, id] of this.draftTitles) if (l === locale) stored.set(`${l}\n${t}`, id) // drafts are newer
      for (const [key, id] of stored) if (!this.byTitle.has(key)) this.byTitle.set(key, id) // this run's imports are newest
    }
    return this.byTitle.get(`${locale}\n${title}`)
  }

  /** A draft import is done when the latest version has the content; a published one, when that is published. */
  private isUnchanged(known: KnownArticle, contentHash: string): boolean {
    if (known.latestHash !== contentHash) return false
    return (
      Boolean(this.opts.draft) ||
      (known.mainHash === contentHash && known.mainStatus === 'published')
    )
  }

  async importFile(file: string, root: string): Promise<ImportOutcome> {
    const { text, sha256: textHash } = await readDocument(file, root)
    const pictures = await findPictures(file, root, this.pictureListings)
    const contentHash = sha256(
      [textHash, ...[...pictures].map(([slot, p]) => `${slot}:${p.sha256}`)].join('\n'),
    )
    const source = path.basename(file)
    const existing = this.bySource.get(source)
    if (existing && this.isUnchanged(existing, contentHash)) return 'unchanged'

    const doc = parseDocument(text, { source, vocabulary: this.vocabulary, locales: this.locales })
    await this.loadKeys()

    const req = await createLocalReq({}, this.payload)
    await initTransaction(req)
    this.createdFiles = []
    try {
      const { id, candidates, previousTitle } = await this.writeArticle(
        req,
        doc,
        pictures,
        contentHash,
        existing?.id,
      )
      await this.writeConsent(req, doc)
      // Last before the commit: deleting an image deletes its picture files, which a rollback cannot restore.
      await this.removeOrphans(req, candidates)
      await commitTransaction(req)
      this.teaserKeys.commit()
      this.imageKeys.commit()
      if (previousTitle && this.byTitle.get(`${doc.locale}\n${previousTitle}`) === id)
        this.byTitle.delete(`${doc.locale}\n${previousTitle}`)
      this.byTitle.set(`${doc.locale}\n${doc.title}`, id)
      this.bySource.set(
        source,
        this.opts.draft
          ? {
              ...(existing ?? { id, mainHash: contentHash, mainStatus: 'draft' }),
              latestHash: contentHash,
            }
          : { id, mainHash: contentHash, mainStatus: 'published', latestHash: contentHash },
      )
      return existing ? 'updated' : 'created'
    } catch (error) {
      await killTransaction(req)
      this.teaserKeys.rollback()
      this.imageKeys.rollback()
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
  ): Promise<{ id: string; candidates: Candidates; previousTitle?: string | null }> {
    const locale = doc.locale as Locale
    // What the published version and the latest draft referenced before this import.
    const candidates: Candidates = { teasers: new Set(), images: new Set() }
    let previousTitle: string | null | undefined
    if (existingId) {
      for (const draft of [false, true]) {
        const version = await this.payload.findByID({
          collection: 'articles',
          id: existingId,
          draft,
          select: { heroImage: true, relatedArticles: true, title: true },
          depth: 0,
          locale,
          req,
        })
        previousTitle = version.title
        const hero = idOf(version.heroImage)
        if (hero) candidates.images.add(hero)
        for (const teaser of version.relatedArticles ?? []) {
          const id = idOf(teaser)
          if (id) candidates.teasers.add(id)
        }
      }
    }

    const heroImage = doc.heroImage
      ? (await this.upsertImage(req, doc.heroImage, locale, pictures.get('hero'))).id
      : null

    const teaserIds: string[] = []
    for (const [i, teaser] of doc.related.entries()) {
      teaserIds.push(await this.upsertTeaser(req, teaser, pictures.get(String(i + 1))))
    }
    if (heroImage) candidates.images.delete(heroImage)
    for (const id of teaserIds) candidates.teasers.delete(id)

    const status: 'draft' | 'published' = this.opts.draft ? 'draft' : 'published'
    const data = {
      title: doc.title,
      summary: doc.summary,
      body: paragraphsToLexical(doc.body) as unknown as Article['body'],
      heroImage,
      relatedArticles: teaserIds,
      language: this.localeIds.get(locale) ?? null,
      source: { file: doc.source, contentHash },
      aiDisclosure: originFromMarker(doc.reportedByAI),
      _status: status,
    }

    let article: Pick<Article, 'id'>
    if (existingId) {
      article = await this.payload.update({
        collection: 'articles',
        id: existingId,
        data,
        locale,
        draft: this.opts.draft,
        depth: 0,
        req,
      })
    } else {
      article = await this.payload.create({
        collection: 'articles',
        data: { ...data, slug: await this.freeSlug(req, doc.title, doc.source) },
        locale,
        draft: this.opts.draft as true, // Payload's overloads only accept a literal true/false here
        depth: 0,
        select: {}, // only the id: computed fields (badges) are not needed (update hooks need the whole doc)
        req,
      })
    }
    if (previousTitle !== doc.title)
      await this.linkTeasersToArticle(req, article.id, doc.title, locale)
    return { id: article.id, candidates, previousTitle }
  }

  /**
   * The slug of a new article: the title's, or when another article has that one, the title's with
   * a suffix from the import key (file name). Different files never get the same suffix, and the
   * same file gets the same slug in every database that has the same articles before it.
   */
  private async freeSlug(req: PayloadRequest, title: string, source: string): Promise<string> {
    for (const slug of slugCandidates(slugify(title) || SLUG_FALLBACK, sha256(source))) {
      const { totalDocs } = await this.payload.count({
        collection: 'articles',
        where: { slug: { equals: slug } },
        req,
      })
      if (totalDocs === 0) return slug
    }
    throw new Error('unreachable: slug candidates are endless')
  }

  /** The Image with this content, made once and never changed (others may show it). */
  private async upsertImage(
    req: PayloadRequest,
    image: ParsedImage,
    locale: Locale,
    picture: Picture | undefined,
  ): Promise<{ id: string; importKey: string }> {
    const importKey = sha256(
      [locale, image.alt, String(image.aiGenerated), picture?.sha256 ?? 'placeholder'].join('\n'),
    )
    const known = this.imageKeys.get(importKey)
    if (known) return { id: known, importKey }

    const data = {
      alt: image.alt,
      aiGenerated: image.aiGenerated,
      placeholder: !picture,
      importKey,
    }
    const file = picture
      ? await (async () => {
          const buffer = await fs.readFile(picture.path)
          try {
            await sharp(buffer).metadata()
          } catch (error) {
            throw new DocumentError(
              `${printable(picture.name)} is not a readable picture (${(error as Error).message})`,
            )
          }
          const ext = path.extname(picture.name).toLowerCase()
          return {
            data: buffer,
            mimetype: MIME[ext],
            name: picture.name,
            size: buffer.length,
          }
        })()
      : await (async () => {
          const buffer = await placeholderPicture()
          return {
            data: buffer,
            mimetype: 'image/png',
            name: `placeholder-${importKey.slice(0, 12)}.png`,
            size: buffer.length,
          }
        })()

    const doc = await this.payload.create({
      collection: 'images',
      data,
      file,
      locale,
      depth: 0,
      select: { filename: true, sizes: true },
      req,
    })
    this.rememberFiles(doc)
    this.imageKeys.set(importKey, doc.id)
    return { id: doc.id, importKey }
  }

  private rememberFiles(doc: Pick<Image, 'filename' | 'sizes'>): void {
    const dir = this.payload.collections.images.config.upload.staticDir ?? 'media'
    const names = [doc.filename, ...Object.values(doc.sizes ?? {}).map((s) => s?.filename)]
    for (const name of names) if (name) this.createdFiles.push(path.join(dir, name))
  }

  /** The RelatedArticle with this content, made once; only its link to the full article is added later. */
  private async upsertTeaser(
    req: PayloadRequest,
    teaser: ParsedTeaser,
    picture: Picture | undefined,
  ): Promise<string> {
    const locale = teaser.locale as Locale
    const image = teaser.image ? await this.upsertImage(req, teaser.image, locale, picture) : null
    // The same teaser in two documents is one RelatedArticle.
    const importKey = sha256(
      [
        locale,
        teaser.title ?? '',
        teaser.summary,
        String(teaser.reportedByAI),
        image?.importKey ?? '',
      ].join('\n'),
    )
    const current = this.teaserKeys.get(importKey)
    const article = teaser.title ? await this.articleTitled(locale, teaser.title) : undefined
    if (current) {
      if (article && current.article !== article) {
        await this.payload.update({
          collection: 'related-articles',
          id: current.id,
          data: { article },
          depth: 0,
          req,
        })
        this.teaserKeys.set(importKey, { id: current.id, article })
      }
      return current.id
    }
    const data = {
      title: teaser.title,
      summary: teaser.summary,
      image: image?.id ?? null,
      language: this.localeIds.get(locale) ?? null,
      importKey,
      ...(article ? { article } : {}),
      aiDisclosure: originFromMarker(teaser.reportedByAI),
    }
    const { id } = await this.payload.create({
      collection: 'related-articles',
      data,
      locale,
      depth: 0,
      select: {},
      req,
    })
    this.teaserKeys.set(importKey, { id, article })
    if (teaser.title && !article) (await this.unlinkedTitles(locale)).add(teaser.title)
    return id
  }

  /** Teasers imported before this article existed now point at it. */
  private async linkTeasersToArticle(
    req: PayloadRequest,
    articleId: string,
    title: string,
    locale: Locale,
  ) {
    if (!(await this.unlinkedTitles(locale)).has(title)) return
    await this.payload.update({
      collection: 'related-articles',
      where: { and: [{ title: { equals: title } }, { article: { exists: false } }] },
      data: { article: articleId },
      locale,
      depth: 0,
      req,
    })
  }

  /** The titles (and ids) of the documents in `locale` without fallback, all at once. */
  private async titlesIn(
    collection: 'articles' | 'related-articles',
    locale: Locale,
    where?: Where,
  ): Promise<Array<{ id: string; title?: string | null }>> {
    const { docs } = await this.payload.find({
      collection,
      where,
      locale,
      fallbackLocale: false,
      select: { title: true },
      limit: 0,
      pagination: false,
      depth: 0,
    })
    return docs as Array<{ id: string; title?: string | null }>
  }

  /**
   * Titles of teasers without a link to their full article, read once per locale and run. Titles are
   * only ever added (a linked one stays), so the set never misses one and saves a query per article.
   */
  private async unlinkedTitles(locale: Locale): Promise<Set<string>> {
    let titles = this.unlinked.get(locale)
    if (!titles) {
      const docs = await this.titlesIn('related-articles', locale, { article: { exists: false } })
      titles = new Set(docs.flatMap((doc) => (doc.title ? [doc.title] : [])))
      this.unlinked.set(locale, titles)
    }
    return titles
  }

  /**
   * Removes the candidates that the importer made (they have an import key) and that nothing
   * references any more: no article's published version or latest draft, and for an image no
   * teaser either. A removed teaser's image becomes a candidate itself.
   */
  private async removeOrphans(req: PayloadRequest, candidates: Candidates): Promise<void> {
    for (const id of candidates.teasers) {
      if (await this.articlesUse(req, 'relatedArticles', id)) continue
      const teaser = await this.removeImported(req, 'related-articles', id)
      if (!teaser) continue
      this.teaserKeys.set(teaser.importKey, null)
      const image = idOf(teaser.image)
      if (image) candidates.images.add(image)
    }
    for (const id of candidates.images) {
      if (await this.articlesUse(req, 'heroImage', id)) continue
      const teasers = await this.payload.count({
        collection: 'related-articles',
        where: { image: { equals: id } },
        req,
      })
      if (teasers.totalDocs > 0) continue
      const image = await this.removeImported(req, 'images', id)
      if (image) this.imageKeys.set(image.importKey, null)
    }
  }

  /** Deletes the document if the importer made it (it has an import key); returns what it held. */
  private async removeImported(
    req: PayloadRequest,
    collection: 'related-articles' | 'images',
    id: string,
  ): Promise<{ importKey: string; image?: unknown } | null> {
    const doc = (await this.payload.findByID({
      collection,
      id,
      select: { importKey: true, ...(collection === 'related-articles' && { image: true }) },
      depth: 0,
      req,
      disableErrors: true,
    })) as { importKey?: string | null; image?: unknown } | null
    if (!doc?.importKey) return null
    await this.payload.delete({ collection, id, depth: 0, req })
    return { importKey: doc.importKey, image: doc.image }
  }

  /** Whether any article's published version (main document) or latest draft has the id in `field`. */
  private async articlesUse(
    req: PayloadRequest,
    field: 'relatedArticles' | 'heroImage',
    id: string,
  ): Promise<boolean> {
    const published = await this.payload.count({
      collection: 'articles',
      where: { [field]: { equals: id } },
      req,
    })
    if (published.totalDocs > 0) return true
    const drafts = await this.payload.countVersions({
      collection: 'articles',
      where: { and: [{ latest: { equals: true } }, { [`version.${field}`]: { equals: id } }] },
      req,
    })
    return drafts.totalDocs > 0
  }

  /** The banner texts go into the consent setting for their locale, when the app has one. */
  private async writeConsent(req: PayloadRequest, doc: ParsedDocument): Promise<void> {
    if (!doc.consent || !this.payload.globals.config.some((g) => g.slug === 'consent')) return
    const locale = doc.consent.locale as Locale
    const slug = 'consent' as never
    const current =
      this.consent.get(locale) ??
      ((await this.payload.findGlobal({ slug, locale, depth: 0, req })) as Record<string, unknown>)
    const data = {
      title: doc.consent.title,
      text: doc.consent.text,
      rejectLabel: doc.consent.rejectLabel,
    }
    if (Object.entries(data).every(([k, v]) => current[k] === v)) {
      this.consent.set(locale, current)
      return
    }
    this.consent.delete(locale) // read again next time: this file's transaction may still roll back
    await this.payload.updateGlobal({ slug, data: data as never, locale, req })
  }
}

/** Imports every document under `inputs` (files or folders); one bad file never stops the rest. */
export async function importDocuments(
  payload: Payload,
  inputs: string[],
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  return importCollected(payload, await collectDocumentPaths(inputs), opts)
}

/** Imports what `collectDocumentPaths` found (the CLI looks at it before it boots Payload). */
export async function importCollected(
  payload: Payload,
  collected: CollectedPaths,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const { paths, clashes } = rejectSameNames(collected.paths)
  const summary: ImportSummary = {
    files: collected.paths.length + collected.errors.length,
    folders: collected.folders,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: [...collected.errors, ...clashes],
  }
  const importer = new Importer(payload, opts)
  await importer.load()
  for (const [index, file] of paths.entries()) {
    let outcome: ImportOutcome | 'failed'
    try {
      const root = collected.roots.get(file) ?? path.dirname(await fs.realpath(file))
      outcome = await importer.importFile(file, root)
      summary[outcome]++
    } catch (error) {
      outcome = 'failed'
      summary.failed.push({ file, reason: describeError(error) })
    }
    opts.onFile?.(file, outcome, index, paths.length)
  }
  return summary
}

/**
 * Slugs to try, in order: the title's, then with 6, 12 and 64 hex digits of the key's hash, then
 * numbered (only a slug taken on purpose gets that far). Each fits the slug length and is its own
 * slugify() result, so the field's hook stores it unchanged.
 */
export function* slugCandidates(base: string, keyHash: string): Generator<string> {
  const suffixed = (suffix: string) => withSuffix(base, suffix)
  yield base
  for (const digits of [6, 12, 64]) yield suffixed(keyHash.slice(0, digits))
  for (let n = 2; ; n++) yield suffixed(`${keyHash.slice(0, 6)}-${n}`)
}

/**
 * The file name is the import key, so two different files with the same name in one run would
 * silently become one article: each is reported naming the other, and neither is imported.
 */
function rejectSameNames(paths: string[]): { paths: string[]; clashes: FileFailure[] } {
  const byName = new Map<string, string[]>()
  for (const file of paths)
    byName.set(path.basename(file), [...(byName.get(path.basename(file)) ?? []), file])
  const clashes: FileFailure[] = []
  for (const group of byName.values()) {
    if (group.length < 2) continue
    for (const file of group) {
      const others = group.filter((other) => other !== file).join(', ')
      clashes.push({
        file,
        reason: `same file name as ${others} (the file name is the import key): neither is imported, rename one`,
      })
    }
  }
  const clashing = new Set(clashes.map((c) => c.file))
  return { paths: paths.filter((file) => !clashing.has(file)), clashes }
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

export const formatSummary = (s: ImportSummary) =>
  `${count(s.files, 'file')} in ${count(s.folders, 'folder')}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed.length} failed`
