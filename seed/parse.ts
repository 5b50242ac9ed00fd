// Parser for scraped news documents. Pure and synchronous: text in, structured document out.
//
// Grammar (paragraphs are separated by blank lines; a line is blank when it only holds
// whitespace, non-breaking or other Unicode spaces, or zero-width characters):
//
//   [hero alt paragraph(s)] [AI-image marker]
//   title                      first paragraph without sentence-final punctuation, or a headline
//                              ending in ? or ! (one short sentence followed by the lead)
//   [markers]                  AI-image caption and/or AI-text badge
//   lead                       first prose paragraph after the title -> summary
//   body paragraphs*           up to the related heading, the consent banner or the end
//   [related heading teaser*]  teaser = [image alt [AI-image marker]] [title] [markers] summary
//                              (a teaser title may also be a short ? or ! headline before a longer summary)
//   [consent banner]           heading, text, reject label
//
// Markers are recognised line by line from the vocabulary (any locale, case-insensitive,
// whitespace-normalised); a line made only of markers and separators is a badge row.
// Page furniture (markers, headings, buttons, lines without letters) never becomes content.

import { DEFAULT_LOCALE } from '../src/features/languages/locales'
import { detectLanguage } from './language'
import { DEFAULT_VOCABULARY, LABEL_KEYS, type LabelKey, type Vocabulary } from './vocabulary'

export const MAX_DOCUMENT_BYTES = 1024 * 1024
/**
 * Most related-article teasers one document may have. Scraped pages show 3-12; each teaser is a
 * database document (and maybe an image), so a document with thousands is refused before any of
 * that work instead of holding one transaction for minutes.
 */
export const MAX_TEASERS = 200

export class DocumentError extends Error {
  readonly reason: string

  constructor(reason: string) {
    super(reason)
    this.name = 'DocumentError'
    this.reason = reason
  }
}

export interface ParsedImage {
  alt: string
  aiGenerated: boolean
}

export interface ParsedTeaser {
  title: string | null
  summary: string
  locale: string
  reportedByAI: boolean
  image: ParsedImage | null
}

export interface ParsedConsent {
  locale: string
  title: string
  text: string
  rejectLabel: string
}

export interface ParsedDocument {
  source: string
  title: string
  locale: string
  reportedByAI: boolean
  summary: string
  body: string[]
  heroImage: ParsedImage | null
  related: ParsedTeaser[]
  consent: ParsedConsent | null
}

export interface ParseOptions {
  source: string
  vocabulary?: Vocabulary
  /** Locales a text may be in, in priority order; defaults to the vocabulary's locales. */
  locales?: string[]
}

// ---------------------------------------------------------------------------------------------
// Text validation

const BOM = '\uFEFF'
// C0 controls except tab, LF, VT, FF and CR (which are whitespace), plus DEL.
const CONTROL_CHAR = /[\u0000-\u0008\u000E-\u001F\u007F]/
const INVISIBLE = /[\u200B-\u200D\u2060\u180E\u00AD\uFEFF]/g
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u

/** Checks the bad-input classes that can be seen in decoded text; returns the text without BOM. */
export function validateDocumentText(text: string): string {
  const clean = text.startsWith(BOM) ? text.slice(1) : text
  if (clean.includes('\u0000')) throw new DocumentError('binary file (contains NUL bytes)')
  if (CONTROL_CHAR.test(clean)) throw new DocumentError('binary file (contains control characters)')
  if (clean.length * 3 > MAX_DOCUMENT_BYTES) {
    const bytes = new TextEncoder().encode(clean).length
    if (bytes > MAX_DOCUMENT_BYTES) throw new DocumentError(tooLargeReason(bytes))
  }
  if (clean.length === 0) throw new DocumentError('empty document')
  if (normaliseLine(clean) === '') throw new DocumentError('document contains only whitespace')
  return clean
}

export function tooLargeReason(bytes: number): string {
  return `document too large (${bytes} bytes, limit is 1 MiB)`
}

/** Removes invisible characters, maps every kind of space (NBSP included) to one space, trims. */
export function normaliseLine(line: string): string {
  return line.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

// Sentence-final punctuation, optionally followed by closing quotes or brackets.
const SENTENCE_END = /[.!?:…]["'”’»«“‘›‹)\]]*$/u

export function endsWithSentencePunctuation(text: string): boolean {
  return SENTENCE_END.test(text)
}

// Questions and exclamations are common headlines ("Wer zahlt für die neue Brücke?"); a full stop,
// colon or ellipsis never ends one.
const HEADLINE_END = /[?!]["'”’»«“‘›‹)\]]*$/u
// A sentence boundary inside the text: punctuation after a word of 3+ letters (so "Dr." or "U.S."
// do not count), then a space and an upper-case letter, digit or opening quote.
const INNER_SENTENCE_END = /\p{L}{3}[.!?…]["'”’»«“‘›‹)\]]*\s+["'„“‘»«‹›(]*[\p{Lu}\p{N}]/u
/** Longer than this, a ? or ! paragraph is prose (headlines run to ~70-120 characters). */
const MAX_HEADLINE_LENGTH = 160

/** Shape only: one short sentence ending in ? or !. Whether it is a headline depends on what follows. */
export function hasHeadlineShape(text: string): boolean {
  return (
    text.length <= MAX_HEADLINE_LENGTH && HEADLINE_END.test(text) && !INNER_SENTENCE_END.test(text)
  )
}

// ---------------------------------------------------------------------------------------------
// Markers

interface Label {
  key: LabelKey
  locales: string[]
  source: string // regex source matching the label
  pattern: RegExp // sticky, for tokenising a line
}

interface MarkerHit {
  key: LabelKey
  locales: string[]
  text: string // as written in the document
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One pattern per distinct label text; the same text in several locales records all of them. */
function compileLabels(vocabulary: Vocabulary): Label[] {
  const byText = new Map<string, Label>()
  for (const [locale, labels] of Object.entries(vocabulary)) {
    for (const key of LABEL_KEYS) {
      const value = normaliseLine(labels[key] ?? '')
      if (!value) continue
      const id = `${key}\u0000${value.toLowerCase()}`
      const known = byText.get(id)
      if (known) {
        if (!known.locales.includes(locale)) known.locales.push(locale)
        continue
      }
      const source = value.split(' ').map(escapeRegExp).join('\\s+')
      byText.set(id, { key, locales: [locale], source, pattern: new RegExp(source, 'iuy') })
    }
  }
  // Longest first, so "Bild generiert von KI" wins over a shorter label that is its prefix.
  return [...byText.values()].sort((a, b) => b.source.length - a.source.length)
}

const SEPARATORS = /[\s·•‧∙⋅●◦▪|/,;:–—-]*/uy

function skipSeparators(line: string, from: number): number {
  SEPARATORS.lastIndex = from
  SEPARATORS.exec(line)
  return SEPARATORS.lastIndex
}

/**
 * The markers a line consists of, or null when the line has any other text. A breadth-first walk
 * over label boundaries (no recursion, so a huge line cannot overflow the stack).
 */
function matchMarkerLine(line: string, labels: Label[]): MarkerHit[] | null {
  const start = skipSeparators(line, 0)
  if (start >= line.length) return null
  const cameFrom = new Map<number, { prev: number; hit: MarkerHit }>()
  const queue = [start]
  for (let q = 0; q < queue.length; q++) {
    const pos = queue[q] as number
    for (const label of labels) {
      label.pattern.lastIndex = pos
      const match = label.pattern.exec(line)
      if (!match) continue
      const end = pos + match[0].length
      if (end < line.length && HAS_WORD_CHAR.test(line[end] ?? '')) continue // only whole words
      const next = skipSeparators(line, end)
      if (next === start || cameFrom.has(next)) continue
      cameFrom.set(next, {
        prev: pos,
        hit: { key: label.key, locales: label.locales, text: match[0] },
      })
      if (next >= line.length) return collectHits(cameFrom, next, start)
      queue.push(next)
    }
  }
  return null
}

function collectHits(
  cameFrom: Map<number, { prev: number; hit: MarkerHit }>,
  end: number,
  start: number,
): MarkerHit[] {
  const hits: MarkerHit[] = []
  for (let pos = end; pos !== start;) {
    const step = cameFrom.get(pos) as { prev: number; hit: MarkerHit }
    hits.push(step.hit)
    pos = step.prev
  }
  return hits.reverse()
}

// ---------------------------------------------------------------------------------------------
// Tokens: the document as a flat list of text runs and marker lines

interface TextItem {
  kind: 'text'
  index: number
  para: number
  text: string
  punctuated: boolean
}

interface MarkerItem {
  kind: 'marker'
  index: number
  para: number
  hits: MarkerHit[]
}

type Item = TextItem | MarkerItem

function splitParagraphs(text: string): string[][] {
  const paragraphs: string[][] = []
  let current: string[] = []
  for (const raw of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const line = normaliseLine(raw)
    if (line) {
      current.push(line)
    } else if (current.length > 0) {
      paragraphs.push(current)
      current = []
    }
  }
  if (current.length > 0) paragraphs.push(current)
  return paragraphs
}

/** Lines of a paragraph are joined into one text run, except that marker lines split it. */
function tokenize(paragraphs: string[][], labels: Label[]): Item[] {
  const items: Item[] = []
  const push = (item: Omit<TextItem, 'index'> | Omit<MarkerItem, 'index'>) =>
    items.push({ ...item, index: items.length } as Item)
  paragraphs.forEach((lines, para) => {
    let run: string[] = []
    const flush = () => {
      if (run.length === 0) return
      const text = run.join(' ')
      push({ kind: 'text', para, text, punctuated: endsWithSentencePunctuation(text) })
      run = []
    }
    for (const line of lines) {
      const hits = matchMarkerLine(line, labels)
      if (hits) {
        flush()
        push({ kind: 'marker', para, hits })
      } else if (HAS_WORD_CHAR.test(line)) {
        run.push(line)
      } // a line without letters or digits (dividers, bullets) is furniture
    }
    flush()
  })
  return items
}

const isText = (item: Item | undefined): item is TextItem => item?.kind === 'text'

const hasHit = (item: Item | undefined, key: LabelKey): boolean =>
  item?.kind === 'marker' && item.hits.some((hit) => hit.key === key)

const findHit = (item: Item | undefined, key: LabelKey): MarkerHit | undefined =>
  item?.kind === 'marker' ? item.hits.find((hit) => hit.key === key) : undefined

function nextText(items: Item[], after: number): TextItem | undefined {
  const at = nextTextAt(items, after)
  return at < 0 ? undefined : (items[at] as TextItem)
}

/** Position in `items` of the first text after `after`, or -1. */
function nextTextAt(items: Item[], after: number): number {
  for (let i = after + 1; i < items.length; i++) if (isText(items[i])) return i
  return -1
}

// ---------------------------------------------------------------------------------------------
// Locale

interface Context {
  items: Item[] // the whole document, for the nearest-marker fallback
  locales: string[]
  vocabulary: Vocabulary
  labels: Label[]
}

/**
 * franc on the text; when it cannot tell (short text), the locale of the marker nearest to the
 * text's items, else the first configured locale.
 */
function localeOf(text: string, indices: number[], ctx: Context): string {
  return (
    detectLanguage(text, ctx.locales) ??
    nearestMarkerLocale(indices, ctx) ??
    ctx.locales[0] ??
    DEFAULT_LOCALE
  )
}

function nearestMarkerLocale(indices: number[], ctx: Context): string | null {
  if (indices.length === 0) return null
  // Distance to the span the text occupies; markers inside it count as distance 0.
  const first = indices.reduce((a, b) => Math.min(a, b))
  const last = indices.reduce((a, b) => Math.max(a, b))
  let best: { distance: number; locale: string } | null = null
  for (const item of ctx.items) {
    if (item.kind !== 'marker') continue
    const locale = item.hits.flatMap((hit) => hit.locales).find((l) => ctx.locales.includes(l))
    if (!locale) continue
    const distance =
      item.index < first ? first - item.index : item.index > last ? item.index - last : 0
    if (!best || distance < best.distance) best = { distance, locale }
  }
  return best?.locale ?? null
}

/** A label's locales narrowed to the configured ones; several candidates are settled by franc. */
function localeFromLabel(hit: MarkerHit, text: string, ctx: Context): string {
  const candidates = hit.locales.filter((l) => ctx.locales.includes(l))
  if (candidates.length === 1) return candidates[0] as string
  return (
    detectLanguage(text, candidates.length > 0 ? candidates : ctx.locales) ??
    candidates[0] ??
    ctx.locales[0] ??
    DEFAULT_LOCALE
  )
}

// ---------------------------------------------------------------------------------------------
// Consent banner

interface ConsentSplit {
  consent: ParsedConsent | null
  rest: Item[]
}

/**
 * The banner starts at the consent heading and normally runs to the end of the document, so
 * leftover buttons after the reject label stay furniture. It ends at its reject label only when
 * real content follows (prose or the related heading), i.e. the banner sits before or inside the
 * article. Without a heading, a trailing "text + reject label" pair is still recognised as the
 * banner (titled with the vocabulary's heading), so cookie text never ends up as content.
 */
function extractConsent(items: Item[], ctx: Context): ConsentSplit {
  const start = items.findIndex((item) => hasHit(item, 'consentHeading'))
  if (start < 0) return extractHeadlessConsent(items, ctx)
  const rejectAt = items.findIndex((item, i) => i >= start && hasHit(item, 'consentRejectLabel'))
  const contentAfter =
    rejectAt >= 0 &&
    items
      .slice(rejectAt + 1)
      .some((item) => (isText(item) && item.punctuated) || hasHit(item, 'relatedHeading'))
  const stop = contentAfter ? rejectAt + 1 : items.length
  const block = items.slice(start, stop)
  const heading = findHit(items[start], 'consentHeading') as MarkerHit
  const consent = buildConsent(block, heading.text, heading, ctx)
  return { consent, rest: [...items.slice(0, start), ...items.slice(stop)] }
}

function extractHeadlessConsent(items: Item[], ctx: Context): ConsentSplit {
  const last = items.length - 1
  const button = items[last]
  const buttonsOnly =
    button?.kind === 'marker' &&
    button.hits.every((hit) => hit.key === 'consentRejectLabel' || hit.key === 'consentAcceptLabel')
  const reject = findHit(button, 'consentRejectLabel')
  // Needs an article (title and lead) before the banner text.
  if (!buttonsOnly || !reject || !isText(items[last - 1]) || items.filter(isText).length < 3) {
    return { consent: null, rest: items }
  }
  const block = items.slice(last - 1)
  const text = (items[last - 1] as TextItem).text
  const locale = localeFromLabel(reject, text, ctx)
  const title = ctx.vocabulary[locale]?.consentHeading ?? ''
  return { consent: buildConsent(block, title, reject, ctx), rest: items.slice(0, last - 1) }
}

function buildConsent(
  block: Item[],
  title: string,
  localeHit: MarkerHit,
  ctx: Context,
): ParsedConsent {
  const rejectAt = block.findIndex((item) => hasHit(item, 'consentRejectLabel'))
  const textItems = (rejectAt >= 0 ? block.slice(0, rejectAt) : block).filter(isText)
  const paragraphs = textItems.map((item) => item.text)
  let rejectLabel = findHit(block[rejectAt], 'consentRejectLabel')?.text ?? null
  if (rejectLabel === null && paragraphs.length > 0) {
    // The label may have been scraped onto the end of the text line: "… Informationen. Ablehnen"
    const split = splitTrailingRejectLabel(paragraphs[paragraphs.length - 1] as string, ctx.labels)
    if (split) {
      paragraphs[paragraphs.length - 1] = split.text
      rejectLabel = split.label
    }
  }
  const text = paragraphs.join('\n\n')
  const locale = localeFromLabel(localeHit, text, ctx)
  return {
    locale,
    title,
    text,
    rejectLabel: rejectLabel ?? ctx.vocabulary[locale]?.consentRejectLabel ?? '',
  }
}

function splitTrailingRejectLabel(
  text: string,
  labels: Label[],
): { text: string; label: string } | null {
  for (const label of labels) {
    if (label.key !== 'consentRejectLabel') continue
    const match = new RegExp(`^(.*[.!?…]["'”’»«“‘›‹)\\]]*)\\s+(${label.source})$`, 'iu').exec(text)
    if (match) return { text: (match[1] as string).trim(), label: match[2] as string }
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Article

type ParsedArticle = Omit<ParsedDocument, 'source' | 'related' | 'consent'>

function parseArticle(items: Item[], ctx: Context): ParsedArticle {
  const titleAt = findTitle(items)
  if (titleAt < 0) {
    throw new DocumentError(
      'no title found (every paragraph before the related articles ends in sentence punctuation)',
    )
  }
  const leadAt = items.findIndex((item, i) => i > titleAt && isText(item))
  if (leadAt < 0) throw new DocumentError('no lead/summary found after the title')

  const title = (items[titleAt] as TextItem).text
  const summary = (items[leadAt] as TextItem).text
  const bodyItems = items.slice(leadAt + 1).filter(isText)
  const body = bodyItems.map((item) => item.text)
  const altTexts = items
    .slice(0, titleAt)
    .filter(isText)
    .map((item) => item.text)
  // The marker after the alt text and the caption after the title both mean an AI image.
  const imageMarked = items.slice(0, leadAt).some((item) => hasHit(item, 'aiImageBadge'))
  // An image is known by its alt text; a marker without one has nothing to describe.
  const heroImage =
    altTexts.length > 0 ? { alt: altTexts.join(' '), aiGenerated: imageMarked } : null
  const textIndices = [items[titleAt] as TextItem, items[leadAt] as TextItem, ...bodyItems].map(
    (item) => item.index,
  )

  return {
    title,
    locale: localeOf([title, summary, ...body].join('\n'), textIndices, ctx),
    reportedByAI: items.some((item) => hasHit(item, 'aiTextBadge')),
    summary,
    body,
    heroImage,
  }
}

/**
 * The first paragraph without sentence punctuation, or an earlier question/exclamation headline
 * (see isHeadline). One exception: an unpunctuated hero alt text is recognisable when the AI-image
 * marker follows it and another unpunctuated paragraph (the real title) comes before any prose. If
 * that leaves nothing, the plain rule applies.
 */
function findTitle(items: Item[]): number {
  const candidates = items.flatMap((item, i) =>
    isText(item) && (!item.punctuated || isHeadline(items, i)) ? [i] : [],
  )
  const title = candidates.find((i) => !isUnpunctuatedHeroAlt(items, i))
  return title ?? candidates[0] ?? -1
}

/**
 * A paragraph ending in ? or ! is the title when it has a headline's shape (one short sentence) and
 * the lead follows it: the next text is prose. When an unpunctuated paragraph comes next, that one
 * is the title and this was the hero alt text (or part of it, when the alt ends at the AI-image
 * marker right before the title).
 */
function isHeadline(items: Item[], i: number): boolean {
  const item = items[i] as TextItem
  if (!item.punctuated || !hasHeadlineShape(item.text)) return false
  const leadAt = nextTextAt(items, i)
  const lead = items[leadAt] as TextItem | undefined
  if (!lead?.punctuated) return false
  const afterLead = nextText(items, leadAt)
  return !(hasHit(items[leadAt + 1], 'aiImageBadge') && afterLead && !afterLead.punctuated)
}

function isUnpunctuatedHeroAlt(items: Item[], i: number): boolean {
  if (!hasHit(items[i + 1], 'aiImageBadge')) return false
  const following = nextText(items, i)
  return following !== undefined && !following.punctuated
}

// ---------------------------------------------------------------------------------------------
// Related articles

interface TeaserDraft {
  image: ParsedImage | null
  title: string | null
  reportedByAI: boolean
  indices: number[]
}

const emptyDraft = (): TeaserDraft => ({
  image: null,
  title: null,
  reportedByAI: false,
  indices: [],
})

/**
 * Walks the related list left to right. A summary closes a teaser, so every marker after a
 * summary belongs to the next teaser ("Reported by AI" applies to the teaser that follows it),
 * and markers between a teaser's title and its summary belong to that teaser.
 */
function parseRelated(items: Item[], ctx: Context): ParsedTeaser[] {
  const teasers: ParsedTeaser[] = []
  let draft = emptyDraft()
  const close = (summary: string) => {
    if (teasers.length >= MAX_TEASERS)
      throw new DocumentError(
        `too many related-article teasers (more than ${MAX_TEASERS}, the limit per document)`,
      )
    teasers.push(finishTeaser(draft, summary, ctx))
    draft = emptyDraft()
  }

  items.forEach((item, i) => {
    draft.indices.push(item.index)
    if (item.kind === 'marker') {
      applyTeaserMarker(draft, item)
      return
    }
    switch (classifyTeaserText(items, i, draft)) {
      case 'alt':
        draft.image = { alt: item.text, aiGenerated: draft.image?.aiGenerated ?? false }
        break
      case 'title':
        draft.title = item.text
        break
      case 'retitle': // two unpunctuated paragraphs: the first was a (non-AI) image alt
        draft.image = { alt: draft.title as string, aiGenerated: draft.image?.aiGenerated ?? false }
        draft.title = item.text
        break
      case 'summary':
        close(item.text)
        break
    }
  })

  // A trailing teaser without a summary: its title was the summary after all. (An alt is never
  // the last text, see isTeaserImageAlt, so nothing else can be left over.)
  if (draft.title !== null) {
    const summary = draft.title
    draft.title = null
    close(summary)
  }
  return teasers
}

function applyTeaserMarker(draft: TeaserDraft, item: MarkerItem): void {
  if (hasHit(item, 'aiTextBadge')) draft.reportedByAI = true
  if (hasHit(item, 'aiImageBadge')) {
    // The alt text may still follow; an image that never gets one is dropped in finishTeaser.
    draft.image = draft.image
      ? { ...draft.image, aiGenerated: true }
      : { alt: '', aiGenerated: true }
  }
}

type TeaserRole = 'alt' | 'title' | 'retitle' | 'summary'

function classifyTeaserText(items: Item[], i: number, draft: TeaserDraft): TeaserRole {
  const item = items[i] as TextItem
  const fresh = !draft.image?.alt && draft.title === null
  if (fresh && isTeaserImageAlt(items, i)) return 'alt'
  if (draft.title === null && (!item.punctuated || isTeaserHeadline(items, i))) return 'title'
  if (!item.punctuated && !draft.image?.alt && nextText(items, i)) return 'retitle'
  return 'summary'
}

/**
 * Image alt vs title vs summary, for the first text of a teaser. When the next line holds the
 * AI-image marker, the text is an alt if:
 * - the marker is on the next line of the same paragraph (a badge row there only counts after
 *   punctuated text: an unpunctuated line above a badge row is a title);
 * - the marker is its own paragraph and the text is punctuated (for a whole badge row: and a
 *   title follows, since a badge row after a summary introduces the next teaser);
 * - the marker is its own paragraph, the text is unpunctuated and another title follows.
 * A non-AI image has no marker, so only its position tells: a punctuated paragraph directly
 * followed (no markers between) by an unpunctuated title paragraph, which in turn is followed by
 * a summary, is the image alt. Anything else punctuated is the summary. A teaser always needs a
 * summary after its image, so the last text is never an alt.
 */
function isTeaserImageAlt(items: Item[], i: number): boolean {
  const item = items[i] as TextItem
  const next = items[i + 1]
  const following = nextText(items, i)
  if (!following) return false
  if (next?.kind === 'marker' && hasHit(next, 'aiImageBadge')) {
    const onlyImage = next.hits.every((hit) => hit.key === 'aiImageBadge')
    if (next.para === item.para) return onlyImage || item.punctuated
    if (onlyImage) return item.punctuated || !following.punctuated
    return item.punctuated && !following.punctuated
  }
  return item.punctuated && isText(next) && !next.punctuated && nextText(items, i + 1) !== undefined
}

/**
 * A teaser title ending in ? or !: one short sentence followed by a longer summary of the same
 * teaser. When the following text is the next teaser's image alt, this text was a summary.
 */
function isTeaserHeadline(items: Item[], i: number): boolean {
  const item = items[i] as TextItem
  if (!hasHeadlineShape(item.text)) return false
  const summaryAt = nextTextAt(items, i)
  const summary = items[summaryAt] as TextItem | undefined
  if (
    !summary?.punctuated ||
    hasHeadlineShape(summary.text) ||
    summary.text.length <= item.text.length
  )
    return false
  return !isTeaserImageAlt(items, summaryAt)
}

function finishTeaser(draft: TeaserDraft, summary: string, ctx: Context): ParsedTeaser {
  const text = [draft.title, summary].filter((t): t is string => Boolean(t)).join('\n')
  return {
    title: draft.title,
    summary,
    locale: localeOf(text, draft.indices, ctx),
    reportedByAI: draft.reportedByAI,
    image: draft.image?.alt ? draft.image : null,
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point

export function parseDocument(text: string, opts: ParseOptions): ParsedDocument {
  const vocabulary = opts.vocabulary ?? DEFAULT_VOCABULARY
  const locales = opts.locales && opts.locales.length > 0 ? opts.locales : Object.keys(vocabulary)
  const labels = compileLabels(vocabulary)
  const items = tokenize(splitParagraphs(validateDocumentText(text)), labels)
  const ctx: Context = { items, locales, vocabulary, labels }

  const { consent, rest } = extractConsent(items, ctx)
  const relatedAt = rest.findIndex((item) => hasHit(item, 'relatedHeading'))
  const articleItems = relatedAt < 0 ? rest : rest.slice(0, relatedAt)
  const relatedItems = relatedAt < 0 ? [] : rest.slice(relatedAt + 1)

  return {
    source: opts.source,
    ...parseArticle(articleItems, ctx),
    related: parseRelated(relatedItems, ctx),
    consent,
  }
}
