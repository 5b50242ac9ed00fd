/**
 * The content both systems get in `npm run bench:peer`: BENCH_ARTICLES (default 200) articles in
 * English and German, 3 teasers each, one a day from 2026-01-01. Ids are given by our seeding and
 * reused for Directus, so both answer the same ids.
 */
export const ARTICLES = Number(process.env.BENCH_ARTICLES || 200)
export const TEASERS = 3

export type Teaser = {
  en: { title: string; summary: string }
  de: { title: string; summary: string }
}
export type Article = {
  index: number
  publishedAt: string
  en: { title: string; summary: string; body: string[] }
  de: { title: string; summary: string; body: string[] }
  teasers: Teaser[]
}

const DAY = 24 * 3600 * 1000

export function articles(count = ARTICLES): Article[] {
  return Array.from({ length: count }, (_, a) => ({
    index: a,
    publishedAt: new Date(Date.UTC(2026, 0, 1) + a * DAY).toISOString(),
    en: {
      title: `Peer article ${a}: council reviews the harbour budget`,
      summary: `The council said on Monday that the harbour budget would be reviewed again, story ${a}.`,
      body: Array.from(
        { length: 6 },
        (_, p) => `Paragraph ${p} of story ${a}: the railway and the school.`,
      ),
    },
    de: {
      title: `Vergleichsartikel ${a}: Stadtrat prüft den Hafenhaushalt`,
      summary: `Der Stadtrat teilte am Montag mit, dass der Hafenhaushalt erneut geprüft wird, Meldung ${a}.`,
      body: Array.from(
        { length: 6 },
        (_, p) => `Absatz ${p} der Meldung ${a}: Bahnstrecke und Schule.`,
      ),
    },
    teasers: Array.from({ length: TEASERS }, (_, t) => ({
      en: { title: `Related story ${a}-${t}`, summary: `Summary of story ${a}-${t}.` },
      de: {
        title: `Verwandte Meldung ${a}-${t}`,
        summary: `Zusammenfassung der Meldung ${a}-${t}.`,
      },
    })),
  }))
}

/** What both answers are compared on: ids, German titles and the teasers' German titles. */
export type Seeded = { id: string; teaserIds: string[] }[]
