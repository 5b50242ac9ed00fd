import { afterAll, describe, expect, test } from '@jest/globals'

import { bootPayload, shutdown } from '../helpers/payload'
import { caseName, casesFor, matrixSetup, runCase } from '../helpers/roundtrip'

// The round-trip matrix for collections with drafts (articles): see tests/helpers/roundtrip.ts.
// Booted at the top so the cases can be generated from the running config.
const ctx = await bootPayload()
const setup = await matrixSetup(ctx.payload, ctx.config)
afterAll(() => shutdown(ctx))

const targets = setup.targets.filter((t) => t.drafts)
const cases = targets.flatMap((t) => casesFor(t, setup.writers[t.slug]))

describe(`round trip: ${cases.length} saves of ${targets.map((t) => t.slug).join(', ')}`, () => {
  test('the config has localized texts in collections with drafts', () => {
    expect(targets.map((t) => t.slug)).toContain('articles')
    expect(cases.length).toBeGreaterThan(100)
  })
  for (const c of cases) test(caseName(c), () => runCase(ctx.payload, setup, c))
})
