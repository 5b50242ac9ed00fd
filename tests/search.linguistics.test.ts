import { describe, expect, test } from '@jest/globals'

import {
  analyze,
  compoundParts,
  indexTokens,
  normalizeWord,
  wordMemo,
} from '../src/features/search/linguistics'
import { ftsExpression } from '../src/features/search/sql'
import { queryWords, searchParams, SearchInputError } from '../src/features/search/query'

// The analysis search uses at index and query time (src/features/search/linguistics.ts).
const tokens = (text: string, language: 'de' | 'en') => indexTokens(text, language).split(' ')
const first = (text: string, language: 'de' | 'en') => tokens(text, language)[0]

describe('German', () => {
  test.each([
    ['Straße', 'Strasse'],
    ['Müller', 'Mueller'],
    ['Müller', 'MÜLLER'],
    ['Präsident', 'Praesident'],
    ['Wahlen', 'Wahl'],
    ['Kongresses', 'Kongress'],
    ['Häuser', 'Haeuser'],
    ['ﬁnanzen', 'Finanzen'], // NFKC: the ligature
  ])('%s and %s meet', (a, b) => expect(first(a, 'de')).toBe(first(b, 'de')))

  test.each([
    ['Gipfeltreffen', ['gipfel', 'treffen']],
    ['Parteikongress', ['partei', 'kongress']],
    ['Wahlkampf', ['wahl', 'kampf']],
    ['Ministerpräsident', ['minister', 'präsident']],
    ['Zusammenarbeit', ['zusammen', 'arbeit']],
  ])('%s splits into %j', (word, parts) => {
    expect(compoundParts(normalizeWord(word, 'de'))).toEqual(parts)
  })

  test('the whole compound stays, its parts are extra tokens', () => {
    expect(tokens('Gipfeltreffen', 'de')).toEqual(['gipfeltreff', 'gipfel', 'treff'])
    expect(tokens('Parteikongress', 'de')).toEqual(['parteikongress', 'partei', 'kongress'])
    // a part that is itself a compound gives its parts too
    expect(tokens('Bundestagswahlkampf', 'de')).toEqual(
      expect.arrayContaining(['wahlkampf', 'wahl', 'kampf']),
    )
  })

  test.each(['Verantwortung', 'Nachrichten', 'Gesellschaft', 'Straße', 'Thongloun'])(
    '%s is not split into junk',
    (word) => expect(compoundParts(normalizeWord(word, 'de'))).toEqual([]),
  )

  test('stop words give no tokens; offsets point into the original text', () => {
    const text = 'Der Gipfel und die Wahl'
    const words = analyze(text, 'de')
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual(['Gipfel', 'Wahl'])
  })
})

describe('English', () => {
  test.each([
    ['reelected', 'reelection'],
    ['elections', 'election'],
    ['congratulates', 'congratulated'],
    ['Café', 'cafe'],
  ])('%s and %s meet', (a, b) => expect(first(a, 'en')).toBe(first(b, 'en')))
  test('stop words', () => expect(indexTokens('the and of', 'en')).toBe(''))
})

describe('queries', () => {
  test('a compound query matches the whole word or all its parts', () => {
    expect(queryWords('Gipfeltreffen Laos', 'de')).toEqual([
      [['gipfeltreff'], ['gipfel', 'treff']],
      [['laos']],
    ])
  })

  test('at most 8 words are used', () => {
    expect(queryWords('a1 b2 c3 d4 e5 f6 g7 h8 i9 j10', 'en')).toHaveLength(8)
  })

  test('every token is a quoted FTS5 string: no operator or column of user text survives', () => {
    for (const q of ['NEAR(a b)', 'title:x', '"a" OR b*', '-x ^y', '{k}:publicde', 'a AND NOT b']) {
      const expr = ftsExpression({
        scope: 'public',
        locale: 'en',
        words: queryWords(q, 'en'),
        mode: 'all',
        limit: 10,
        offset: 0,
      })
      // outside quotes only our own operators remain
      const unquoted = expr.replace(/"[^"]*"/g, '')
      expect(unquoted.replace(/AND|OR|[() ]/g, '')).toBe('')
    }
  })

  test('parameters are checked before any work', () => {
    expect(() => searchParams({ q: 'x'.repeat(201), locale: 'en' })).toThrow(SearchInputError)
    expect(() => searchParams({ q: ['a', 'b'], locale: 'en' })).toThrow(SearchInputError)
    expect(() => searchParams({ q: 'a', locale: 'fr' })).toThrow(SearchInputError)
    expect(() => searchParams({ q: 'a', locale: 'en', limit: '1e3' })).toThrow(SearchInputError)
    expect(searchParams({ q: ' a\u0000b ', locale: 'de' })).toEqual({
      q: 'a b',
      locale: 'de',
      limit: 10,
      page: 1,
    })
  })
})

describe('the word memo', () => {
  test('bounded by bytes: words that expand many times (NFKC) cannot grow it past its budget', () => {
    // U+FDFA becomes 18 letters under NFKC: each word's tokens are ~18 times its length
    const before = wordMemo('en')
    for (let i = 0; i < 12_000; i++) analyze(`${'\uFDFA'.repeat(40)}${i.toString(36)}`, 'en')
    const after = wordMemo('en')
    expect(after.bytes).toBeLessThanOrEqual(after.maxBytes)
    expect(after.bytes).toBeGreaterThan(after.maxBytes * 0.9)
    expect(after.entries).toBeLessThan(before.entries + 12_000)
    // a word over 64 characters is analysed, not kept
    const entries = wordMemo('de').entries
    analyze(`Donaudampfschifffahrts${'gesellschaft'.repeat(5)}`, 'de')
    expect(wordMemo('de').entries).toBe(entries)
  })
})
