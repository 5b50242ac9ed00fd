/** The seed document's seven teasers (seed/documents/000_6366b2a89e533134.txt), in order. */
export const SEED_TEASERS = {
  reportedByAI: [true, false, true, false, true, false, true],
  locales: ['de', 'en', 'en', 'de', 'en', 'de', 'en'],
}
