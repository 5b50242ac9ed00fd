import { afterAll, describe, test } from '@jest/globals'

import { api as client } from './helpers/api'
import { sampleCases, arrange, caseName, checkDisclosure, RULES } from './helpers/disclosureMatrix'
import { bootPayload, loginAs, shutdown } from './helpers/payload'

// A sample of the AI-disclosure label matrix (tests/helpers/disclosureMatrix.ts); the complete one
// runs in npm run test:matrix (tests/matrix/ai-disclosure-matrix.test.ts).
const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const editor = await loginAs(ctx.payload, 'matrix-editor@example.com', ['editor'])
const env = { payload: ctx.payload, config: ctx.config, api: client(ctx.config), editor }
const cases = sampleCases()

describe(`AI disclosure labels (sample): ${cases.length} document states × ${RULES.length} rules`, () => {
  for (const c of cases) {
    test(caseName(c), async () => {
      const made = await arrange(env, c)
      for (const rule of RULES) await checkDisclosure(env, c, made, rule)
    })
  }
})
