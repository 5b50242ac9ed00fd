/** The repository's own lint rules (eslint.config.js turns them on; tests/eslint-rules.test.ts tests them). */
import nestedReq from './rules/nested-req.js'

export default {
  meta: { name: 'newsroom' },
  rules: { 'nested-req': nestedReq },
}
