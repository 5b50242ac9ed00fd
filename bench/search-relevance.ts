/**
 * The relevance set of `npm run bench:search` (docs/search.md): 64 two-word queries in both
 * languages, each with the one document it must find in the top 3. Each case's target is written
 * with the `text` form of the word (an inflection, a compound, the other spelling, a stem), the
 * query with the `query` form; `place` is shared by several cases and by generated articles, so
 * neither word alone finds the target. `teaser`: the target is a related-article teaser (in the
 * German teasers of our content many are English: `mixed`).
 */
export type Case = {
  kind: 'de-inflection' | 'de-compound' | 'de-spelling' | 'en-stem' | 'name' | 'mixed'
  locale: 'de' | 'en'
  /** The word form of the query, and the form the target is written with. */
  query: string
  text: string
  place: string
  teaser?: boolean
}

const PLACES_DE = ['Vientiane', 'Pjöngjang', 'Hanoi', 'Bangkok', 'Manila', 'Jakarta', 'Seoul']
const PLACES_EN = ['Vientiane', 'Pyongyang', 'Hanoi', 'Bangkok', 'Manila', 'Jakarta', 'Seoul']

const de = (kind: Case['kind'], pairs: [string, string][]): Case[] =>
  pairs.map(([query, text], i) => ({
    kind,
    locale: 'de',
    query,
    text,
    place: PLACES_DE[i % PLACES_DE.length],
  }))
const en = (kind: Case['kind'], pairs: [string, string][], locale: 'en' | 'de' = 'en'): Case[] =>
  pairs.map(([query, text], i) => ({
    kind,
    locale,
    query,
    text,
    place: PLACES_EN[(i + 3) % PLACES_EN.length],
    teaser: kind === 'mixed' || undefined,
  }))

export const CASES: Case[] = [
  ...de('de-inflection', [
    ['Wahl', 'Wahlen'],
    ['Haus', 'Häuser'],
    ['Vertrag', 'Verträge'],
    ['Hafen', 'Häfen'],
    ['Partei', 'Parteien'],
    ['Gericht', 'Gerichten'],
    ['Streik', 'Streiks'],
    ['Bauern', 'Bauer'],
    ['Minister', 'Ministers'],
    ['Gesetze', 'Gesetzes'],
    ['Kongress', 'Kongresses'],
    ['Verhandlung', 'Verhandlungen'],
  ]),
  ...de('de-compound', [
    ['Gipfel', 'Gipfeltreffen'],
    ['Treffen', 'Gipfeltreffen'],
    ['Kongress', 'Parteikongress'],
    ['Partei', 'Parteikongress'],
    ['Wahlkampf', 'Bundestagswahlkampf'],
    ['Minister', 'Außenminister'],
    ['Arbeit', 'Zusammenarbeit'],
    ['Besuch', 'Staatsbesuch'],
    ['Rechte', 'Menschenrechte'],
    ['Präsident', 'Ministerpräsident'],
    ['Kampf', 'Wahlkampf'],
    ['Parteikongress', 'Kongress der Partei'],
    ['Staatsbesuch', 'Besuch des Staats'],
    ['Handelsabkommen', 'Handel und Abkommen'],
  ]),
  ...de('de-spelling', [
    ['Strasse', 'Straße'],
    ['Mueller', 'Müller'],
    ['Aussenminister', 'Außenminister'],
    ['Praesident', 'Präsident'],
    ['Massnahmen', 'Maßnahmen'],
    ['Oesterreich', 'Österreich'],
    ['Gruene', 'Grüne'],
    ['Fuehrung', 'Führung'],
    ['Grösse', 'Größe'],
    ['Buergermeister', 'Bürgermeister'],
  ]),
  ...en('en-stem', [
    ['reelected', 'reelection'],
    ['elections', 'elected'],
    ['congratulate', 'congratulated'],
    ['negotiations', 'negotiated'],
    ['sanctions', 'sanctioned'],
    ['investigate', 'investigation'],
    ['agreements', 'agreement'],
    ['strikes', 'striking'],
    ['protests', 'protested'],
    ['ministry', 'ministries'],
    ['voted', 'voting'],
    ['factories', 'factory'],
    ['cooperation', 'cooperate'],
    ['armed', 'arms'],
  ]),
  ...en('name', [
    ['Thongloun', 'Thongloun Sisoulith'],
    ['Sisoulith', 'Thongloun Sisoulith'],
    ['Jinping', 'Xi Jinping'],
    ['Myung', 'Lee Jae Myung'],
    ['Siphandone', 'Sonexay Siphandone'],
    ['Jong-un', 'Kim Jong-un'],
  ]),
  ...en(
    'mixed',
    [
      ['Thongloun', 'Thongloun Sisoulith'],
      ['summit', 'summit'],
      ['missile', 'missile'],
      ['Jinping', 'Xi Jinping'],
      ['memorial', 'memorial'],
      ['trade', 'trade'],
      ['inspection', 'inspection'],
      ['stability', 'stability'],
    ],
    'de',
  ),
]
