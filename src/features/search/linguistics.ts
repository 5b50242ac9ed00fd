/**
 * Text analysis for search, the same at index and at query time and on every engine: the engine
 * only ever sees the tokens made here.
 *
 * word → NFKC, lower case → German: `ae/oe/ue` read as `ä/ö/ü` (Snowball's german2 rule), so
 * "Mueller" and "Müller" (and "Muller") meet; other diacritics folded → stop words dropped →
 * Snowball stemmer (German or English; the German one also turns `ß` into `ss` and `ä` into `a`,
 * so "Straße"/"Strasse" meet) → German compounds add their parts as extra tokens, the whole word
 * stays (Gipfeltreffen → gipfeltreff, gipfel, treff).
 *
 * Resources (all MIT-compatible, shipped from npm): Snowball stemmers of nlp.js (MIT), Snowball
 * stop-word lists (@orama/stopwords, Apache-2.0), German hyphenation patterns (hyphen, ISC; the TeX
 * "Trennmuster" patterns, MIT) and the 12,558 common German words of @zxcvbn-ts/language-de (MIT) as
 * the dictionary that decides which hyphenation splits are real words. Hunspell's German
 * dictionaries (GPL/LGPL) could not ship in an MIT plugin.
 */
import StemmerDe from '@nlpjs/lang-de/src/stemmer-de.js'
import { LRUCache } from 'lru-cache'
import StemmerEn from '@nlpjs/lang-en-min/src/stemmer-en.js'
import { stopwords as germanStopwords } from '@orama/stopwords/german'
import { stopwords as englishStopwords } from '@orama/stopwords/english'
import { dictionary } from '@zxcvbn-ts/language-de'
import hyphenDe from 'hyphen/de-1996/index.js'

/** Raised when the analysis changes: stored tokens of an older one are rebuilt at start. */
export const ANALYSIS_VERSION = 1

export type Language = 'de' | 'en'

/** A word of the original text, its place and the tokens it gave. */
export type AnalyzedWord = { start: number; end: number; tokens: string[]; parts: string[] }

const germanStemmer = new StemmerDe()
const englishStemmer = new StemmerEn()

const STOP: Record<Language, Set<string>> = {
  de: new Set(germanStopwords.map((w) => w.normalize('NFKC'))),
  en: new Set(englishStopwords),
}

const WORD = /[\p{L}\p{N}]+/gu
const MARKS = /\p{M}+/gu

/** Diacritics off, except German umlauts and ß (the German stemmer folds those itself). */
function foldDiacritics(word: string, keepUmlauts: boolean): string {
  if (/^[a-z0-9]*$/.test(word)) return word
  let out = ''
  for (const ch of word) {
    if (keepUmlauts && 'äöüß'.includes(ch)) out += ch
    else if (ch === 'ß') out += 'ss'
    else out += ch.normalize('NFD').replace(MARKS, '')
  }
  return out
}

/** Snowball german2: `ae`, `oe`, `ue` (not after q) are umlauts written without them. */
const germanUmlauts = (word: string) =>
  word
    .replace(/ae/g, 'ä')
    .replace(/oe/g, 'ö')
    .replace(/(^|[^q])ue/g, '$1ü')

const plainUmlauts = (token: string) =>
  token.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss')

/** Lower-cased, NFKC word in the language's canonical spelling (before stemming). */
export function normalizeWord(word: string, language: Language): string {
  const lower = word.normalize('NFKC').toLowerCase()
  return language === 'de'
    ? germanUmlauts(foldDiacritics(lower, true))
    : foldDiacritics(lower, false)
}

export function stem(word: string, language: Language): string {
  if (/^\p{N}+$/u.test(word)) return word
  return language === 'de'
    ? plainUmlauts(germanStemmer.stemWord(word))
    : englishStemmer.stemWord(word)
}

// The dictionary's words as stems: a hyphenation split is taken when both sides are words.
const MIN_PART = 3
const DICTIONARY = new Set(
  dictionary.commonWords
    .map((w) => normalizeWord(w, 'de'))
    .filter((w) => w.length >= MIN_PART && !STOP.de.has(w))
    .map((w) => stem(w, 'de')),
)
// Linking elements ("Fugen") between the parts: Regierung-s-chef, Frau-en-quote.
const LINKS = ['', 's', 'es', 'n', 'en', 'e', 'er']

const isWord = (part: string, min = MIN_PART) =>
  part.length >= min && !STOP.de.has(part) && DICTIONARY.has(stem(part, 'de'))
// Heads of three letters were mostly prefixes (ver-, ent-, vor-).
const MIN_HEAD = 4

/** The head of a compound, with its linking element dropped, when it is a word. */
function headOf(left: string): string | undefined {
  for (const link of LINKS) {
    if (link && !left.endsWith(link)) continue
    const head = left.slice(0, left.length - link.length)
    if (isWord(head, MIN_HEAD)) return head
  }
  return undefined
}

const MAX_COMPOUND = 40
const MIN_COMPOUND = 7

/**
 * The parts of a German compound, split only where the hyphenation patterns allow a break and both
 * sides are dictionary words (the longest head first); recursive for the tail; [] when not a
 * compound. Words longer than 40 letters are not split (bounded work).
 */
export function compoundParts(word: string): string[] {
  if (word.length < MIN_COMPOUND || word.length > MAX_COMPOUND || !/^\p{L}+$/u.test(word)) return []
  const syllables = hyphenDe.hyphenateSync(word, { hyphenChar: '\u00ad' }).split('\u00ad')
  return splitAt(word, syllables, 0)
}

function splitAt(word: string, syllables: string[], depth: number): string[] {
  if (depth > 3 || syllables.length < 2) return []
  const breaks: number[] = []
  let at = 0
  for (const s of syllables.slice(0, -1)) breaks.push((at += s.length))
  for (const i of breaks.reverse()) {
    const head = headOf(word.slice(0, i))
    if (!head) continue
    const tail = word.slice(i)
    if (tail.length < MIN_PART) continue
    if (isWord(tail)) return [head, tail]
    const tailSyllables = hyphenDe.hyphenateSync(tail, { hyphenChar: '\u00ad' }).split('\u00ad')
    const rest = splitAt(tail, tailSyllables, depth + 1)
    if (rest.length) return [head, ...rest]
  }
  return []
}

/** A compound's parts, and the parts of a part that is itself one (Wahlkampf → Wahl, Kampf). */
const germanParts = (word: string): string[] =>
  compoundParts(word).flatMap((part) => [part, ...compoundParts(part)])

type WordTokens = { tokens: string[]; parts: string[] } | null

// A language's vocabulary is small next to its texts: each word is analysed once. The memo is
// bounded by bytes (a word's tokens can be many times its length: NFKC turns one character into
// up to 18) and keeps no word longer than MEMO_WORD characters: searches cannot grow it.
const MEMO_BYTES = 16 * 1024 * 1024
const MEMO_WORD = 64
const memoOf = () =>
  new LRUCache<string, { value: WordTokens }>({
    maxSize: MEMO_BYTES,
    sizeCalculation: ({ value }, key) =>
      64 +
      2 * key.length +
      (value ? [...value.tokens, ...value.parts].reduce((n, t) => n + 40 + 2 * t.length, 0) : 0),
  })
const memo: Record<Language, ReturnType<typeof memoOf>> = { de: memoOf(), en: memoOf() }
/** What the memo of a language holds: entries and their estimated bytes (tests). */
export const wordMemo = (language: Language) => ({
  entries: memo[language].size,
  bytes: memo[language].calculatedSize,
  maxBytes: MEMO_BYTES,
})

function wordTokens(surface: string, language: Language): WordTokens {
  const known = memo[language].get(surface)
  if (known !== undefined) return known.value
  const word = normalizeWord(surface, language)
  let result: WordTokens = null
  if (!STOP[language].has(word) && !STOP[language].has(surface.toLowerCase())) {
    const parts = language === 'de' ? germanParts(word).map((part) => stem(part, language)) : []
    const whole = stem(word, language)
    result = { tokens: [whole, ...parts.filter((p) => p !== whole)], parts }
  }
  if (surface.length <= MEMO_WORD) memo[language].set(surface, { value: result })
  return result
}

/** Every word of `text` with its tokens (stop words give none) and its place in `text`. */
export function analyze(text: string, language: Language): AnalyzedWord[] {
  const words: AnalyzedWord[] = []
  for (const match of text.matchAll(WORD)) {
    const analysed = wordTokens(match[0], language)
    if (!analysed) continue
    const start = match.index ?? 0
    words.push({ start, end: start + match[0].length, ...analysed })
  }
  return words
}

/** The tokens of `text` as the engine stores them: space-separated, in text order. */
export function indexTokens(text: string, language: Language): string {
  return analyze(text, language)
    .map((w) => w.tokens.join(' '))
    .join(' ')
}
