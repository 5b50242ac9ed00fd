import { afterAll, describe, test } from '@jest/globals'

import { api as client } from '../helpers/api'
import { allCases, arrange, caseName, checkDisclosure, RULES } from '../helpers/disclosureMatrix'
import { bootPayload, loginAs, shutdown } from '../helpers/payload'

// The complete AI-disclosure label matrix (tests/helpers/disclosureMatrix.ts); npm test runs a sample.
const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const editor = await loginAs(ctx.payload, 'matrix-editor@example.com', ['editor'])
const env = { payload: ctx.payload, config: ctx.config, api: client(ctx.config), editor }
const cases = allCases()

describe(`AI disclosure labels: ${cases.length} document states × ${RULES.length} rules`, () => {
  for (const c of cases) {
    test(caseName(c), async () => {
      const made = await arrange(env, c)
      for (const rule of RULES) await checkDisclosure(env, c, made, rule)
    })
  }
})
