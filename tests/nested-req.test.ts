import path from 'node:path'

import { describe, expect, it } from '@jest/globals'
import { ESLint, RuleTester } from 'eslint'
import tseslint from 'typescript-eslint'

import rule from '../eslint/rules/nested-req.js'

// Payload's Local API overwrites locale, fallbackLocale, user, query.depth and context of the
// request it is handed, so Local API calls inside an operation take `nestedReq(req)`
// (src/utilities/nestedReq.ts). The lint rule newsroom/nested-req (eslint/rules/nested-req.js)
// enforces it on every `npm run lint`; this file tests the rule and that the config applies it.

RuleTester.describe = describe
RuleTester.it = it
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } })

tester.run('nested-req', rule, {
  valid: [
    `await req.payload.find({ collection: 'images', req: nestedReq(req) })`,
    `await payload.count({ collection: 'users', req: nestedReq(options.req) })`,
    // not the Local API, no options object, no req, a computed key, a spread
    `logger.info({ req })`,
    `await req.payload.find(options)`,
    `await req.payload.find({ collection: 'images' })`,
    `await req.payload.find({ collection: 'images', [req]: 1 })`,
    `await req.payload.find({ collection: 'images', ...reqOf(reader) })`,
  ],
  invalid: [
    {
      // the operation's req handed on, in any form
      code: `
        export const hook = async ({ req, id }) => {
          await req.payload.findByID({ collection: 'images', id, locale: 'all', req })
          await req.payload.count({ collection: 'users', req: req })
          await req.payload.update({ collection: 'images', id, data: {}, req: options.req })
          await req.payload.find({ collection: 'images', req: nestedReq(req) })
        }`,
      errors: [
        { messageId: 'ownReq', line: 3, data: { call: 'req.payload.findByID', req: 'req' } },
        { messageId: 'ownReq', line: 4, data: { call: 'req.payload.count', req: 'req: req' } },
        {
          messageId: 'ownReq',
          line: 5,
          data: { call: 'req.payload.update', req: 'req: options.req' },
        },
      ],
    },
    {
      code: `await payload.updateGlobal({ slug: 'site', data: {}, 'req': isolate(req) })`,
      errors: [{ messageId: 'ownReq' }],
    },
    {
      code: `const validate = async (value, { req }) => (await req.payload.count({ collection: 'x', where: {}, req: { ...req } })).totalDocs`,
      errors: [{ messageId: 'ownReq' }],
    },
  ],
})

describe('the lint config', () => {
  const root = path.resolve(import.meta.dirname, '..')
  it.each([
    'src/features/publishing/localePublication.ts',
    'src/features/site/render.tsx',
    'collections/Users.ts',
    'plugins/ai-disclosure/src/hooks/provenance.ts',
    'plugins/translation-workflow/src/endpoints/translationStatus.ts',
  ])('applies newsroom/nested-req to %s', async (file) => {
    const config = await new ESLint({ cwd: root }).calculateConfigForFile(path.join(root, file))
    expect(config.rules['newsroom/nested-req']).toEqual([2])
  })
})
