import { mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { dryRun } from '../seed/dry-run'
import { collectDocumentPaths, readDocument } from '../seed/files'
import { detectLanguage } from '../seed/language'
import { DocumentError, parseDocument, type ParsedDocument } from '../seed/parse'
import { DEFAULT_VOCABULARY, vocabularyFromLocaleDocs } from '../seed/vocabulary'
import { SEED_TEASERS } from './helpers/seedDocument'

const FIXTURES = fileURLToPath(new URL('./fixtures/documents/', import.meta.url))
const SEED = fileURLToPath(new URL('../seed/documents/000_6366b2a89e533134.txt', import.meta.url))

async function parseFile(path: string): Promise<ParsedDocument> {
  const { text } = await readDocument(path)
  return parseDocument(text, { source: path.split('/').pop() as string })
}

const fixture = (name: string) => parseFile(join(FIXTURES, name))

/** Parses inline text; lines are given as an array to keep the blank-line structure visible. */
const parse = (lines: string[], opts: Partial<Parameters<typeof parseDocument>[1]> = {}) =>
  parseDocument(lines.join('\n'), { source: 'inline.txt', ...opts })
/** `parse` of an article titled "Title" with the lead "Lead text.", followed by `rest`. */
const parseArticle = (rest: string[], opts: Parameters<typeof parse>[1] = {}) =>
  parse(['Title', '', 'Lead text.', '', ...rest], opts)

function reasonOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError)
    return (error as DocumentError).reason
  }
  throw new Error('expected a DocumentError')
}

async function readReason(path: string): Promise<string> {
  try {
    await readDocument(path)
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError)
    return (error as DocumentError).reason
  }
  throw new Error('expected a DocumentError')
}

describe('seed document', () => {
  let doc: ParsedDocument
  beforeAll(async () => {
    doc = await parseFile(SEED)
  })

  test('article fields', () => {
    expect(doc.source).toBe('000_6366b2a89e533134.txt')
    expect(doc.title).toBe("North Korea's Kim congratulates Lao president on reelection")
    expect(doc.locale).toBe('en')
    expect(doc.reportedByAI).toBe(false)
    expect(doc.summary).toMatch(
      /^North Korean leader Kim Jong-un has sent a congratulatory message/,
    )
    expect(doc.summary).toMatch(/pledges expanded cooperation\.$/)
    expect(doc.heroImage).toEqual({
      alt: 'Kim Jong-un sends congratulatory message to reelected Lao President Thongloun Sisoulith, evoking strengthened ties from Pyongyang summit.',
      aiGenerated: true,
    })
  })

  test('body has the 7 paragraphs between lead and related heading', () => {
    expect(doc.body).toHaveLength(7)
    expect(doc.body[0]).toMatch(
      /^North Korean leader Kim Jong-un sent a congratulatory message .* on January 8/,
    )
    expect(doc.body[6]).toBe(
      'These exchanges signal ongoing efforts to develop the traditional friendly relations between North Korea and Laos.',
    )
    for (const paragraph of doc.body)
      expect(paragraph).not.toMatch(/Bild generiert|Verwandte Artikel|\u00a0/)
  })

  test('seven teasers with AI flags, locales, title and image', () => {
    expect(doc.related).toHaveLength(7)
    expect(doc.related.map((t) => t.reportedByAI)).toEqual(SEED_TEASERS.reportedByAI)
    expect(doc.related.map((t) => t.locale)).toEqual(SEED_TEASERS.locales)
    const [first, ...others] = doc.related
    expect(first).toEqual({
      title: 'Außenminister von Laos besucht Nordkorea nach Oktober-Gipfel',
      summary: expect.stringMatching(/^Der Außenminister von Laos ist in Pjöngjang eingetroffen/),
      locale: 'de',
      reportedByAI: true,
      image: {
        alt: "Diplomatic visit: Laos' Foreign Minister shakes hands with North Korean officials upon arrival in Pyongyang, with national flags in the background.",
        aiGenerated: true,
      },
    })
    for (const teaser of others) {
      expect(teaser.title).toBeNull()
      expect(teaser.image).toBeNull()
    }
    expect(others[0]?.summary).toMatch(/^This week, North Korea reported/)
    expect(others[5]?.summary).toMatch(/^In response to Vladimir Putin's New Year's message/)
  })

  test('consent banner', () => {
    expect(doc.consent).toEqual({
      locale: 'de',
      title: 'Diese Website verwendet Cookies',
      text: 'Wir verwenden Cookies für Analysen, um unsere Website zu verbessern. Lesen Sie unsere Datenschutzrichtlinie für weitere Informationen.',
      rejectLabel: 'Ablehnen',
    })
  })

  test('no page furniture anywhere in the content', () => {
    const texts = [
      doc.title,
      doc.summary,
      ...doc.body,
      ...doc.related.flatMap((t) => [t.title ?? '', t.summary]),
    ]
    for (const text of texts) {
      expect(text).not.toMatch(
        /Von KI berichtet|Bild generiert von KI|Verwandte Artikel|Ablehnen|Cookies/,
      )
      expect(text).toBe(text.trim())
    }
  })
})

describe('hero image and title', () => {
  test('no hero image', async () => {
    const doc = await fixture('no-hero.txt')
    expect(doc.heroImage).toBeNull()
    expect(doc.title).toBe('City council approves new bike lanes downtown')
    expect(doc.summary).toMatch(/^The city council voted/)
    expect(doc.body).toHaveLength(2)
    expect(doc.related).toEqual([])
    expect(doc.consent).toBeNull()
  })

  test('non-AI hero image: alt text without marker', async () => {
    const doc = await fixture('hero-non-ai.txt')
    expect(doc.heroImage).toEqual({
      alt: 'Cyclists ride along a newly painted lane on Main Street at dusk.',
      aiGenerated: false,
    })
    expect(doc.title).toBe('City council approves new bike lanes downtown')
  })

  test('caption marker after the title makes the hero image AI-generated', async () => {
    const doc = await fixture('hero-caption-marker.txt')
    expect(doc.heroImage?.aiGenerated).toBe(true)
    expect(doc.heroImage?.alt).toMatch(/^An illustration of a wind farm/)
    expect(doc.reportedByAI).toBe(false)
    expect(doc.summary).toMatch(/^Offshore wind farms produced/)
  })

  test('an unpunctuated alt text followed by the image marker and a title is not the title', async () => {
    const doc = await fixture('hero-unpunctuated-alt.txt')
    expect(doc.heroImage).toEqual({
      alt: 'Fallen trees on a country road after the storm',
      aiGenerated: true,
    })
    expect(doc.title).toBe('Storm closes schools across the region')
    expect(doc.summary).toMatch(/^Schools across the region stayed closed/)
  })

  test('a paragraph ending in punctuation plus closing quote is not the title', async () => {
    const doc = await fixture('quoted-not-title.txt')
    expect(doc.title).toBe('Minister vows to keep fighting for pension reform')
    expect(doc.heroImage).toEqual({
      alt: 'The minister said: "We will not give up."',
      aiGenerated: false,
    })
  })

  test.each([
    ['ASCII double quote', 'He said "yes."'],
    ['ASCII single quote', "He said 'yes!'"],
    ['typographic quotes', 'Er sagte „Ja.“'],
    ['right single quote', 'She asked ‘why?’'],
    ['guillemets', 'Er sagte »Nein.«'],
    ['reversed guillemets', 'Il a dit «Non.»'],
    ['closing parenthesis', 'A sentence (in brackets.)'],
    ['colon', 'The minister said:'],
  ])('punctuation followed by %s is sentence-final', (_, first) => {
    const doc = parse([first, '', 'The real title', '', 'The lead paragraph is here.'])
    expect(doc.title).toBe('The real title')
    expect(doc.heroImage?.alt).toBe(first)
  })

  test('a title with a quote but no punctuation is a title', () => {
    const doc = parse(['Kim calls ties a "precious asset"', '', 'The lead paragraph is here.'])
    expect(doc.title).toBe('Kim calls ties a "precious asset"')
    expect(doc.heroImage).toBeNull()
  })

  test('several paragraphs before the title form one alt text', () => {
    const doc = parse([
      'First part of the alt.',
      '',
      'Second part.',
      'Image generated by AI',
      '',
      'Title',
      '',
      'Lead text.',
    ])
    expect(doc.heroImage).toEqual({ alt: 'First part of the alt. Second part.', aiGenerated: true })
  })

  test('an image marker without any alt text gives no hero image', () => {
    const doc = parse([
      'Title here',
      '',
      'Image generated by AI',
      '',
      'The lead paragraph is here.',
    ])
    expect(doc.heroImage).toBeNull()
    expect(doc.summary).toBe('The lead paragraph is here.')
  })
})

describe('question and exclamation headlines', () => {
  const teasers = (doc: ParsedDocument) =>
    doc.related.map((t) => ({
      title: t.title,
      image: t.image,
      ai: t.reportedByAI,
      locale: t.locale,
    }))

  test('English question headline with an AI hero image, question and exclamation teaser titles', async () => {
    const doc = await fixture('question-headline-en.txt')
    expect(doc.title).toBe('Who will pay for the new river bridge?')
    expect(doc.locale).toBe('en')
    expect(doc.reportedByAI).toBe(true)
    expect(doc.heroImage).toEqual({
      alt: 'An empty construction site next to the old river bridge, with cranes in the evening light.',
      aiGenerated: true,
    })
    expect(doc.summary).toMatch(/^The city and the regional government are still arguing/)
    expect(doc.body).toHaveLength(2)
    expect(teasers(doc)).toEqual([
      {
        title: 'What does the new rent law mean for tenants?',
        image: { alt: 'A bus waits at a stop next to a new apartment block.', aiGenerated: true },
        ai: false,
        locale: 'en',
      },
      { title: 'Ferry tickets sold out in hours!', image: null, ai: false, locale: 'en' },
      { title: null, image: null, ai: true, locale: 'en' },
    ])
    expect(doc.related[0]?.summary).toMatch(/^The new rent law caps increases/)
    expect(doc.related[1]?.summary).toMatch(/^The first summer ferry/)
  })

  test('German question headline without hero image, question and exclamation teaser titles', async () => {
    const doc = await fixture('question-headline-de.txt')
    expect(doc.title).toBe('Wer zahlt für die neue Brücke?')
    expect(doc.locale).toBe('de')
    expect(doc.heroImage).toBeNull()
    expect(doc.summary).toMatch(/^Die Stadt und das Land streiten weiter/)
    expect(doc.body).toHaveLength(2)
    expect(teasers(doc)).toEqual([
      { title: 'Was bedeutet das neue Mietrecht für Mieter?', image: null, ai: true, locale: 'de' },
      {
        title: 'Endlich fährt die Nachtbahn wieder!',
        image: {
          alt: 'Ein leerer Bahnsteig mit einer digitalen Anzeigetafel am frühen Morgen.',
          aiGenerated: true,
        },
        ai: false,
        locale: 'de',
      },
    ])
    expect(doc.related[0]?.summary).toMatch(/^Das neue Mietrecht begrenzt/)
  })

  test('English exclamation headline ending in a closing quote, without hero image', async () => {
    const doc = await fixture('exclamation-headline-en.txt')
    expect(doc.title).toBe('Mayor to residents: "Save water now!"')
    expect(doc.locale).toBe('en')
    expect(doc.heroImage).toBeNull()
    expect(doc.summary).toMatch(/^The mayor has asked residents/)
    expect(doc.body).toHaveLength(2)
  })

  test('German exclamation headline with a non-AI hero image', async () => {
    const doc = await fixture('exclamation-headline-de.txt')
    expect(doc.title).toBe('Endlich wieder Schnee in den Alpen!')
    expect(doc.locale).toBe('de')
    expect(doc.heroImage).toEqual({
      alt: 'Skifahrer auf einer frisch verschneiten Piste im Morgenlicht.',
      aiGenerated: false,
    })
    expect(doc.summary).toMatch(/^Nach Wochen ohne Niederschlag/)
    expect(doc.related).toEqual([
      expect.objectContaining({
        title: 'Lawinengefahr steigt nach starkem Schneefall',
        locale: 'de',
      }),
    ])
  })

  test.each([
    ['question', 'Is this the end of the night train?'],
    ['exclamation', 'What a comeback!'],
    ['question in typographic quotes', 'Minister fragt: „Wer soll das bezahlen?“'],
    ['exclamation in guillemets', 'Er rief »Nie wieder!«'],
  ])('%s: a headline before the lead is the title', (_, headline) => {
    const doc = parse([headline, '', 'The lead paragraph is here.', '', 'Body text.'])
    expect(doc.title).toBe(headline)
    expect(doc.summary).toBe('The lead paragraph is here.')
    expect(doc.heroImage).toBeNull()
  })

  test.each([
    {
      what: 'an AI-image marker after a question headline is its caption',
      lines: [
        'A photo of the bridge.',
        'Image generated by AI',
        '',
        'Who pays for the bridge?',
        '',
        'Image generated by AI',
      ],
      title: 'Who pays for the bridge?',
      heroImage: { alt: 'A photo of the bridge.', aiGenerated: true },
    },
    {
      what: 'a question before an unpunctuated title is the hero alt text',
      lines: ['Is this the future of farming?', '', 'Robots harvest strawberries in Spain'],
      title: 'Robots harvest strawberries in Spain',
      heroImage: { alt: 'Is this the future of farming?', aiGenerated: false },
    },
    {
      what: 'a question that starts an alt text in several paragraphs stays in the alt text',
      lines: [
        'Is this art?',
        '',
        'A mural on a wall.',
        'Image generated by AI',
        '',
        'Street art festival opens',
      ],
      title: 'Street art festival opens',
      heroImage: { alt: 'Is this art? A mural on a wall.', aiGenerated: true },
    },
  ])('$what', ({ lines, title, heroImage }) => {
    const doc = parse([...lines, '', 'The lead paragraph is here.'])
    expect(doc.title).toBe(title)
    expect(doc.heroImage).toEqual(heroImage)
  })

  test.each([
    [
      'several sentences ending in a question',
      ['Prices rose again. Who can still afford this?', '', 'The lead paragraph is here.'],
    ],
    ['a question with no lead after it', ['Only prose here.', '', 'But who pays?']],
    [
      'a question longer than a headline',
      [`${'Why '.repeat(45)}now?`, '', 'The lead paragraph is here.'],
    ],
    ['full stops only', ['Only prose here.', '', 'And more prose.']],
  ])('no title: %s', (_, lines) => {
    expect(reasonOf(() => parse(lines))).toMatch(/^no title found/)
  })

  test('a teaser summary ending in a question mark stays a summary', () => {
    const doc = parseArticle([
      'Related articles',
      '',
      'The city has a new bridge, but the council still argues about the bill. Who will pay for it?',
      '',
      'A second teaser summary about the harbour.',
    ])
    expect(doc.related.map((t) => [t.title, t.summary])).toEqual([
      [
        null,
        'The city has a new bridge, but the council still argues about the bill. Who will pay for it?',
      ],
      [null, 'A second teaser summary about the harbour.'],
    ])
  })

  test('a short question summary followed by the next teaser image alt stays a summary', () => {
    const doc = parseArticle([
      'Related articles',
      '',
      'Who pays for the bridge?',
      '',
      'A photo of cranes in the harbour at night.',
      'Image generated by AI',
      '',
      'The harbour installed four new cranes this week.',
    ])
    expect(doc.related.map((t) => [t.title, t.summary, t.image?.alt ?? null])).toEqual([
      [null, 'Who pays for the bridge?', null],
      [
        null,
        'The harbour installed four new cranes this week.',
        'A photo of cranes in the harbour at night.',
      ],
    ])
  })
})

describe('markers', () => {
  test('AI-text marker after the title', async () => {
    const doc = await fixture('ai-text-after-title.txt')
    expect(doc.reportedByAI).toBe(true)
    expect(doc.locale).toBe('de')
    expect(doc.heroImage).toBeNull()
    expect(doc.summary).toMatch(/^Der Stadtrat hat am Dienstag/)
  })

  test('English markers', async () => {
    const doc = await fixture('english-markers.txt')
    expect(doc.locale).toBe('en')
    expect(doc.reportedByAI).toBe(true)
    expect(doc.heroImage?.aiGenerated).toBe(true)
    expect(doc.body).toHaveLength(2)
    expect(doc.related).toHaveLength(2)
    expect(doc.related[0]).toMatchObject({
      title: 'Paper recycling rates fall for the first time in a decade',
      reportedByAI: true,
      image: {
        alt: 'Workers in orange vests stand next to bales of compressed cardboard.',
        aiGenerated: true,
      },
    })
    expect(doc.related[1]).toMatchObject({ title: null, image: null, reportedByAI: true })
    expect(doc.consent).toEqual({
      locale: 'en',
      title: 'This website uses cookies',
      text: 'We use cookies to analyse traffic and improve our website. Read our privacy policy for more information.',
      rejectLabel: 'Reject',
    })
  })

  test('German markers', async () => {
    const doc = await fixture('german-markers.txt')
    expect(doc.locale).toBe('de')
    expect(doc.reportedByAI).toBe(true)
    expect(doc.title).toBe('Recyclinganlage verdoppelt Kapazität mit neuen Sortierrobotern')
    expect(doc.related.map((t) => [t.title, t.reportedByAI, t.locale])).toEqual([
      ['Papierrecyclingquote sinkt zum ersten Mal seit zehn Jahren', true, 'de'],
      [null, true, 'de'],
    ])
    expect(doc.consent).toMatchObject({
      locale: 'de',
      title: 'Diese Website verwendet Cookies',
      rejectLabel: 'Ablehnen',
    })
  })

  test('badge rows with separators carry both markers', async () => {
    const doc = await fixture('badge-row.txt')
    expect(doc.reportedByAI).toBe(true)
    expect(doc.heroImage).toEqual({
      alt: 'Solar panels cover the roof of a school gymnasium.',
      aiGenerated: true,
    })
    expect(doc.related).toEqual([
      {
        title: 'Solar farm expansion approved despite local protests',
        summary: expect.stringMatching(/^Regional authorities approved/),
        locale: 'en',
        reportedByAI: true,
        image: null,
      },
    ])
  })

  test('markers match case-insensitively and with irregular whitespace', () => {
    const doc = parse([
      'Title',
      '',
      '  REPORTED   by ai  ',
      '',
      'Lead text.',
      '',
      'related ARTICLES',
      '',
      'von ki berichtet',
      '',
      'A teaser summary.',
    ])
    expect(doc.reportedByAI).toBe(true)
    expect(doc.related).toHaveLength(1)
    expect(doc.related[0]?.reportedByAI).toBe(true)
  })

  test('a marker phrase inside a sentence is content, not a marker', () => {
    const doc = parse([
      'Title',
      '',
      'Every story here is labelled Reported by AI when a model wrote it.',
    ])
    expect(doc.reportedByAI).toBe(false)
    expect(doc.summary).toBe('Every story here is labelled Reported by AI when a model wrote it.')
  })

  test('a related heading with a trailing colon is still the heading', () => {
    const doc = parseArticle(['Related articles:', '', 'A teaser summary.'])
    expect(doc.body).toEqual([])
    expect(doc.related.map((t) => t.summary)).toEqual(['A teaser summary.'])
  })

  test('stray button labels and divider lines never become content', () => {
    const doc = parseArticle(['* * *', '', 'Body text.', '', 'Accept', '', '—'])
    expect(doc.body).toEqual(['Body text.'])
  })
})

describe('related list', () => {
  test('teasers with and without image and title', async () => {
    const doc = await fixture('teaser-shapes.txt')
    expect(
      doc.related.map((t) => ({ title: t.title, image: t.image, ai: t.reportedByAI })),
    ).toEqual([
      {
        title: 'New tram line opens ahead of schedule',
        image: { alt: 'A tram crosses a bridge in the morning fog.', aiGenerated: true },
        ai: false,
      },
      { title: 'Night buses return to the suburbs', image: null, ai: false },
      {
        title: null,
        image: {
          alt: 'An empty train platform with a digital departure board.',
          aiGenerated: true,
        },
        ai: false,
      },
      {
        title: 'Cycling commuters outnumber drivers for the first time',
        image: {
          alt: 'A cyclist waits at a red light next to a line of cars.',
          aiGenerated: false,
        },
        ai: false,
      },
      { title: null, image: null, ai: false },
    ])
    expect(doc.related[4]?.summary).toMatch(/^Parking fees in the old town/)
  })

  test('a marker before a teaser applies to the teaser that follows it', async () => {
    const doc = await fixture('teaser-marker-before.txt')
    expect(doc.related.map((t) => t.reportedByAI)).toEqual([false, true, true, false])
    expect(doc.related[2]).toMatchObject({
      title: 'Cruise ship arrivals expected to double next year',
      image: null,
    })
    expect(doc.related[3]?.summary).toMatch(/^A new ferry connection/)
  })

  test('markers between a teaser title and its summary belong to that teaser', async () => {
    const doc = await fixture('teaser-markers-between.txt')
    expect(doc.related).toHaveLength(2)
    expect(doc.related[0]).toEqual({
      title: 'Trockenheit bedroht Ernte in Brandenburg',
      summary: expect.stringMatching(/^Die anhaltende Trockenheit/),
      locale: 'de',
      reportedByAI: true,
      image: {
        alt: 'Ein Mähdrescher erntet Weizen auf einem großen Feld im Sommer.',
        aiGenerated: true,
      },
    })
    expect(doc.related[1]).toMatchObject({
      title: null,
      image: null,
      reportedByAI: false,
      locale: 'en',
    })
  })

  test('alt, marker and title in one paragraph', () => {
    const doc = parseArticle([
      'Related articles',
      '',
      'A photo of a harbour at night.',
      'Image generated by AI',
      'Harbour gets new cranes',
      'Reported by AI',
      '',
      'The harbour installed four new cranes this week.',
    ])
    expect(doc.related).toEqual([
      {
        title: 'Harbour gets new cranes',
        summary: 'The harbour installed four new cranes this week.',
        locale: 'en',
        reportedByAI: true,
        image: { alt: 'A photo of a harbour at night.', aiGenerated: true },
      },
    ])
  })

  test('an image marker in its own paragraph after the alt', () => {
    const doc = parseArticle([
      'Related articles',
      '',
      'A photo of a harbour at night.',
      '',
      'Image generated by AI',
      '',
      'The harbour installed four new cranes this week.',
    ])
    expect(doc.related).toHaveLength(1)
    expect(doc.related[0]).toMatchObject({
      title: null,
      image: { alt: 'A photo of a harbour at night.', aiGenerated: true },
    })
  })

  test('an unpunctuated alt before a title is recognised by the title after it', () => {
    const doc = parseArticle([
      'Related articles',
      '',
      'Cranes in a harbour at night',
      '',
      'Harbour gets new cranes',
      '',
      'The harbour installed four new cranes this week.',
    ])
    expect(doc.related).toEqual([
      expect.objectContaining({
        title: 'Harbour gets new cranes',
        image: { alt: 'Cranes in a harbour at night', aiGenerated: false },
      }),
    ])
  })

  test('a badge row as its own paragraph after a summary starts the next teaser', () => {
    const doc = parseArticle([
      'Related articles',
      '',
      'The first teaser summary is here.',
      '',
      'Reported by AI · Image generated by AI',
      '',
      'The second teaser summary is here.',
    ])
    expect(doc.related.map((t) => [t.summary, t.reportedByAI, t.image])).toEqual([
      ['The first teaser summary is here.', false, null],
      ['The second teaser summary is here.', true, null],
    ])
  })

  test('a trailing teaser without final punctuation still gets its summary', () => {
    const doc = parseArticle([
      'Related articles',
      '',
      'Some teaser title',
      '',
      'A summary without a full stop',
    ])
    expect(doc.related).toEqual([
      expect.objectContaining({
        title: 'Some teaser title',
        summary: 'A summary without a full stop',
      }),
    ])
  })

  test('a lone unpunctuated teaser text becomes its summary', () => {
    const doc = parseArticle(['Related articles', '', 'Reported by AI', '', 'Only a short line'])
    expect(doc.related).toEqual([
      expect.objectContaining({ title: null, summary: 'Only a short line', reportedByAI: true }),
    ])
  })

  test('a short teaser falls back to the locale of the nearest marker', () => {
    const doc = parse([
      'Title',
      '',
      'Lead text that is long enough to be detected as English.',
      '',
      'Verwandte Artikel',
      '',
      'Von KI berichtet',
      '',
      'Kurz.',
    ])
    expect(doc.related[0]?.locale).toBe('de')
  })
})

describe('consent banner', () => {
  test('reject label in its own paragraph, accept label ignored', async () => {
    const doc = await fixture('consent-reject-paragraph.txt')
    expect(doc.consent).toEqual({
      locale: 'en',
      title: 'This website uses cookies',
      text: 'We use cookies to analyse traffic and improve our website.',
      rejectLabel: 'Reject',
    })
    expect(doc.body).toEqual(['Entry is free for the first month.'])
  })

  test('a document without a related list but with a consent banner', async () => {
    const doc = await fixture('no-related.txt')
    expect(doc.related).toEqual([])
    expect(doc.body).toEqual([
      'Students had collected more than three thousand signatures for longer opening hours.',
    ])
    expect(doc.consent).toEqual({
      locale: 'de',
      title: 'Diese Website verwendet Cookies',
      text: 'Wir verwenden Cookies für Analysen, um unsere Website zu verbessern.',
      rejectLabel: 'Ablehnen',
    })
  })

  test('reject label scraped onto the end of the text line', () => {
    const doc = parseArticle([
      'This website uses cookies',
      '',
      'We use cookies for analytics. Reject',
    ])
    expect(doc.consent).toMatchObject({
      text: 'We use cookies for analytics.',
      rejectLabel: 'Reject',
    })
  })

  test('a banner before the article ends at its reject label', () => {
    const doc = parse([
      'Diese Website verwendet Cookies',
      'Wir verwenden Cookies.',
      'Ablehnen',
      '',
      'Title',
      '',
      'Lead text.',
    ])
    expect(doc.consent).toEqual({
      locale: 'de',
      title: 'Diese Website verwendet Cookies',
      text: 'Wir verwenden Cookies.',
      rejectLabel: 'Ablehnen',
    })
    expect(doc.title).toBe('Title')
    expect(doc.heroImage).toBeNull()
  })

  test('a banner followed by real content ends at its reject label', () => {
    const doc = parseArticle([
      'This website uses cookies',
      '',
      'We use cookies.',
      'Reject',
      '',
      'Related articles',
      '',
      'A teaser summary.',
    ])
    expect(doc.consent).toMatchObject({ text: 'We use cookies.', rejectLabel: 'Reject' })
    expect(doc.related.map((t) => t.summary)).toEqual(['A teaser summary.'])
  })

  test('leftover buttons after the reject label at the end stay furniture', () => {
    const doc = parseArticle([
      'Diese Website verwendet Cookies',
      '',
      'Wir verwenden Cookies.',
      'Ablehnen',
      '',
      'Einstellungen',
    ])
    expect(doc.body).toEqual([])
    expect(doc.consent).toMatchObject({ text: 'Wir verwenden Cookies.', rejectLabel: 'Ablehnen' })
  })

  test('a banner without heading is still recognised by its trailing reject label', () => {
    const doc = parseArticle(['Body text.', '', 'We use cookies to improve our website.', 'Reject'])
    expect(doc.body).toEqual(['Body text.'])
    expect(doc.consent).toEqual({
      locale: 'en',
      title: 'This website uses cookies',
      text: 'We use cookies to improve our website.',
      rejectLabel: 'Reject',
    })
  })

  test('a banner with accept and reject buttons on one line', () => {
    const doc = parseArticle(['This website uses cookies', 'We use cookies.', 'Accept | Reject'])
    expect(doc.consent).toMatchObject({ text: 'We use cookies.', rejectLabel: 'Reject' })
  })
})

describe('encodings and whitespace', () => {
  test('CRLF line endings', async () => {
    const raw = await readFile(join(FIXTURES, 'crlf.txt'), 'utf8')
    expect(raw).toContain('\r\n')
    const doc = await fixture('crlf.txt')
    expect(doc.heroImage).toEqual({
      alt: 'Fallen trees block a country road after the storm.',
      aiGenerated: true,
    })
    expect(doc.title).toBe('Storm closes schools across the region')
    expect(doc.body).toEqual([
      'Trains were cancelled and several roads were blocked by fallen trees.',
    ])
    expect(doc.related).toEqual([expect.objectContaining({ reportedByAI: true, title: null })])
    for (const text of [doc.title, doc.summary, ...doc.body]) expect(text).not.toMatch(/\r/)
  })

  test('a UTF-8 BOM is stripped', async () => {
    const raw = await readFile(join(FIXTURES, 'bom.txt'))
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const doc = await fixture('bom.txt')
    expect(doc.title).toBe('New bridge opens to traffic')
    expect(parseDocument('\ufeffTitle\n\nLead.', { source: 'x' }).title).toBe('Title')
  })

  test('lines of only nbsp, Unicode spaces or zero-width characters are blank', async () => {
    const doc = await fixture('nbsp-lines.txt')
    expect(doc.title).toBe('Zoo welcomes twin panda cubs')
    expect(doc.summary).toMatch(/^The city zoo has welcomed twin panda cubs/)
    expect(doc.body).toEqual(['Visitors will be able to see the cubs from the summer.'])
    expect(doc.related).toEqual([
      expect.objectContaining({
        reportedByAI: true,
        summary: expect.stringMatching(/^The zoo's elephants/),
      }),
    ])
  })

  test('lines of a paragraph are joined and whitespace is normalised', () => {
    const doc = parse([
      '  A title\u00a0split ',
      'over two lines  ',
      '',
      'The lead\tis',
      'wrapped   here.',
      '',
      'Zero\u200bwidth body.',
    ])
    expect(doc.title).toBe('A title split over two lines')
    expect(doc.summary).toBe('The lead is wrapped here.')
    expect(doc.body).toEqual(['Zerowidth body.'])
  })
})

describe('language', () => {
  test('German document', async () => {
    const doc = await fixture('german-article.txt')
    expect(doc.locale).toBe('de')
    expect(doc.title).toBe('Neue Straßenbahnlinie zum Flughafen eröffnet')
    expect(doc.heroImage?.aiGenerated).toBe(true)
    expect(doc.reportedByAI).toBe(false)
    expect(doc.body).toHaveLength(2)
    expect(doc.related).toEqual([expect.objectContaining({ locale: 'de', reportedByAI: true })])
    expect(doc.consent?.locale).toBe('de')
  })

  test('English document with teasers in both languages', async () => {
    const doc = await fixture('english-article.txt')
    expect(doc.locale).toBe('en')
    expect(doc.reportedByAI).toBe(true)
    expect(doc.related.map((t) => t.locale)).toEqual(['de', 'en'])
    expect(doc.consent?.locale).toBe('en')
  })

  test('detectLanguage is restricted to the given locales', () => {
    expect(
      detectLanguage('Der Stadtrat hat am Dienstag beschlossen, neue Radwege zu bauen.', [
        'en',
        'de',
      ]),
    ).toBe('de')
    expect(
      detectLanguage('The city council voted on Tuesday to build new bike lanes.', ['en', 'de']),
    ).toBe('en')
    expect(
      detectLanguage('The city council voted on Tuesday to build new bike lanes.', [
        'de-AT',
        'en-GB',
      ]),
    ).toBe('en-GB')
  })

  test('detectLanguage returns null when it cannot tell', () => {
    expect(detectLanguage('Kurz', ['en', 'de'])).toBeNull()
    expect(detectLanguage('The city council voted on Tuesday.', ['xx'])).toBeNull()
  })

  test('a new locale needs only vocabulary data', () => {
    const vocabulary = vocabularyFromLocaleDocs([
      {
        code: 'fr',
        labels: {
          relatedHeading: 'Articles liés',
          aiTextBadge: "Rédigé par l'IA",
          aiImageBadge: "Image générée par l'IA",
          consentHeading: 'Ce site utilise des cookies',
          consentRejectLabel: 'Refuser',
        },
      },
    ])
    const doc = parse(
      [
        'Une éolienne au large de la côte bretonne.',
        "Image générée par l'IA",
        '',
        'Le parc éolien en mer bat un record de production',
        '',
        "Rédigé par l'IA",
        '',
        "Le parc éolien en mer a produit plus d'électricité en novembre que jamais auparavant, selon l'exploitant du réseau.",
        '',
        'Articles liés',
        '',
        "Les prix de l'électricité devraient baisser cet hiver grâce à la production record des éoliennes.",
        '',
        'Ce site utilise des cookies',
        '',
        'Nous utilisons des cookies pour améliorer notre site.',
        'Refuser',
      ],
      { vocabulary },
    )
    expect(doc).toMatchObject({
      locale: 'fr',
      reportedByAI: true,
      heroImage: { aiGenerated: true },
    })
    expect(doc.related).toEqual([expect.objectContaining({ locale: 'fr' })])
    expect(doc.consent).toMatchObject({
      locale: 'fr',
      title: 'Ce site utilise des cookies',
      rejectLabel: 'Refuser',
    })
  })
})

describe('vocabulary', () => {
  test('defaults cover en and de', () => {
    expect(Object.keys(DEFAULT_VOCABULARY)).toEqual(['en', 'de'])
    expect(DEFAULT_VOCABULARY.de?.aiImageBadge).toBe('Bild generiert von KI')
  })

  test('Locale documents merge over the defaults; blank or null labels keep the default', () => {
    const vocabulary = vocabularyFromLocaleDocs([
      {
        code: 'de',
        labels: { relatedHeading: 'Mehr zum Thema', aiTextBadge: null, aiImageBadge: '  ' },
      },
    ])
    expect(vocabulary.de).toMatchObject({
      relatedHeading: 'Mehr zum Thema',
      aiTextBadge: 'Von KI berichtet',
      aiImageBadge: 'Bild generiert von KI',
    })
    expect(vocabulary.en).toEqual(DEFAULT_VOCABULARY.en)
    expect(DEFAULT_VOCABULARY.de?.relatedHeading).toBe('Verwandte Artikel')
    const doc = parse(
      ['Titel', '', 'Der Vorspann steht hier.', '', 'Mehr zum Thema', '', 'Ein Teaser steht hier.'],
      { vocabulary },
    )
    expect(doc.related).toHaveLength(1)
  })

  test('the locales option restricts detection', () => {
    const doc = parse(['Title', '', 'The city council voted on Tuesday to build new bike lanes.'], {
      locales: ['de'],
    })
    expect(doc.locale).toBe('de')
  })
})

describe('bad input', () => {
  test.each([
    ['bad-empty.txt', /empty/],
    ['bad-whitespace.txt', /only whitespace/],
    ['bad-invalid-utf8.txt', /not valid UTF-8/],
    ['bad-binary.txt', /binary/],
    ['bad-control-chars.txt', /binary/],
  ])('readDocument rejects %s', async (name, reason) => {
    expect(await readReason(join(FIXTURES, name))).toMatch(reason)
  })

  test.each([
    ['bad-no-title.txt', /no title found/],
    ['bad-no-lead.txt', /no lead\/summary found/],
  ])('parseDocument rejects %s', async (name, reason) => {
    const { text } = await readDocument(join(FIXTURES, name))
    expect(reasonOf(() => parseDocument(text, { source: name }))).toMatch(reason)
  })

  test.each([
    ['empty', '', /empty/],
    ['whitespace only', ' \n\u00a0\n\t\u200b\n', /only whitespace/],
    ['BOM only', '\ufeff', /empty/],
    ['NUL byte', 'Title\n\nLead\u0000.', /binary/],
    ['control character', 'Title\n\nLead\u0007.', /binary/],
    ['no title', 'Only prose here.\n\nAnd more prose.', /no title/],
    ['no lead', 'Only a title', /no lead/],
  ])('parseDocument rejects %s text', (_, text, reason) => {
    expect(reasonOf(() => parseDocument(text, { source: 'x' }))).toMatch(reason)
  })

  test('reasons are one line', async () => {
    for (const name of ['bad-empty.txt', 'bad-binary.txt', 'bad-invalid-utf8.txt']) {
      expect(await readReason(join(FIXTURES, name))).not.toContain('\n')
    }
  })

  describe('files on disk', () => {
    let dir: string
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'parser-test-'))
    })
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true })
    })

    test('larger than 1 MiB', async () => {
      const path = join(dir, 'large.txt')
      await writeFile(path, `Title\n\n${'A sentence of filler text. '.repeat(40_000)}\n`)
      expect(await readReason(path)).toMatch(/too large.*1 MiB/)
      const text = `Title\n\n${'x'.repeat(1024 * 1024)}.`
      expect(reasonOf(() => parseDocument(text, { source: 'x' }))).toMatch(/too large/)
    })

    test('the size is checked before the file is read', async () => {
      const path = join(dir, 'sparse.txt')
      const handle = await open(path, 'w')
      // Sparse 3 GiB: reading it first would fail with Node's own "greater than 2 GiB" error.
      await handle.truncate(3 * 1024 * 1024 * 1024)
      await handle.close()
      expect(await readReason(path)).toMatch(/^document too large \(3221225472 bytes/)
    })

    test('exactly 1 MiB is accepted', async () => {
      const path = join(dir, 'limit.txt')
      const head = 'Title\n\n'
      await writeFile(path, head + 'a'.repeat(1024 * 1024 - head.length - 1) + '.')
      const { bytes, text } = await readDocument(path)
      expect(bytes).toBe(1024 * 1024)
      expect(parseDocument(text, { source: 'limit.txt' }).title).toBe('Title')
    })

    test('readDocument returns text, sha256 and size', async () => {
      const result = await readDocument(join(FIXTURES, 'bom.txt'))
      expect(result.text.startsWith('New bridge')).toBe(true)
      expect(result.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(result.bytes).toBe((await readFile(join(FIXTURES, 'bom.txt'))).length)
    })

    test('missing file and directory give reasons', async () => {
      expect(await readReason(join(dir, 'missing.txt'))).toMatch(/no such file/)
      expect(await readReason(dir)).toMatch(/not a regular file|directory/)
    })

    test('collectDocumentPaths: folders give sorted .txt files (subfolders too), files as is, missing paths as errors', async () => {
      const folder = join(dir, 'docs')
      await mkdir(join(folder, 'nested.txt'), { recursive: true })
      await writeFile(join(folder, 'b.txt'), 'x')
      await writeFile(join(folder, 'a.TXT'), 'x')
      await writeFile(join(folder, 'notes.md'), 'x')
      await writeFile(join(folder, 'nested.txt', 'deep.txt'), 'x')
      const single = join(dir, 'single.text')
      await writeFile(single, 'x')
      const missing = join(dir, 'nope')
      const result = await collectDocumentPaths([folder, single, missing, join(folder, 'b.txt')])
      // A folder is searched all the way down, even one whose name ends in .txt.
      expect(result.paths).toEqual([
        join(folder, 'a.TXT'),
        join(folder, 'b.txt'),
        join(folder, 'nested.txt', 'deep.txt'),
        single,
      ])
      expect(result.errors).toEqual([{ file: missing, reason: 'no such file or directory' }])
    })
  })
})

describe('dryRun', () => {
  test('parses every good fixture and reports every bad one without stopping', async () => {
    const missing = join(FIXTURES, 'does-not-exist.txt')
    const result = await dryRun([FIXTURES, SEED, missing])
    const bad = [
      'bad-binary.txt',
      'bad-control-chars.txt',
      'bad-empty.txt',
      'bad-invalid-utf8.txt',
      'bad-no-lead.txt',
      'bad-no-title.txt',
      'bad-whitespace.txt',
    ]
    expect(result.failures.map((f) => f.file.split('/').pop()).sort()).toEqual(
      ['does-not-exist.txt', ...bad].sort(),
    )
    for (const failure of result.failures) expect(failure.reason).toMatch(/^[^\n]+$/)
    expect(result.documents.map((d) => d.source)).toContain('000_6366b2a89e533134.txt')
    expect(result.documents.some((d) => d.source.startsWith('bad-'))).toBe(false)
    const good = (await readdir(FIXTURES)).filter(
      (name) => name.endsWith('.txt') && !name.startsWith('bad-'),
    )
    expect(result.documents.length).toBe(good.length + 1)
  })

  test('passes the vocabulary through', async () => {
    const vocabulary = vocabularyFromLocaleDocs([
      { code: 'de', labels: { relatedHeading: 'Mehr zum Thema' } },
    ])
    const { documents } = await dryRun([SEED], { vocabulary })
    // "Verwandte Artikel" is no longer the heading, so the teasers become body text.
    expect(documents[0]?.related).toEqual([])
  })
})
