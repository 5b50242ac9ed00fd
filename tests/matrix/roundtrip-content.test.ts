import { afterAll, describe, expect, test } from '@jest/globals'

import { bootPayload, shutdown } from '../helpers/payload'
import { caseName, casesFor, matrixSetup, runCase } from '../helpers/roundtrip'

// The round-trip matrix for collections without drafts (teasers, images) and globals (the consent
// setting), which go live on save: see tests/helpers/roundtrip.ts.
const ctx = await bootPayload()
const setup = await matrixSetup(ctx.payload, ctx.config)
afterAll(() => shutdown(ctx))

const targets = setup.targets.filter((t) => !t.drafts)
const cases = targets.flatMap((t) => casesFor(t, setup.writers[t.slug]))

describe(`round trip: ${cases.length} saves of ${targets.map((t) => t.slug).join(', ')}`, () => {
  test('the config has localized texts in teasers, images and the consent setting', () => {
    expect(targets.map((t) => t.slug)).toEqual(
      expect.arrayContaining(['related-articles', 'images', 'consent']),
    )
  })
  for (const c of cases) test(caseName(c), () => runCase(ctx.payload, setup, c))
})
