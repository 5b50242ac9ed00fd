/**
 * Payload's Local API overwrites locale, fallbackLocale, user, query.depth and context of the
 * request it is handed (createLocalReq). Code that runs inside an operation (hooks, validators,
 * access functions, endpoints) must therefore hand nested Local API calls `nestedReq(req)`, never
 * the operation's own `req` (src/utilities/nestedReq.ts). This rule names every Local API call
 * whose `req` option is anything but a `nestedReq(…)` call.
 */

/** The Local API's operations (`payload.<name>(options)`) that take a `req`. */
const LOCAL_API = new Set([
  'auth',
  'count',
  'countGlobalVersions',
  'countVersions',
  'create',
  'delete',
  'duplicate',
  'find',
  'findByID',
  'findDistinct',
  'findGlobal',
  'findGlobalVersionByID',
  'findGlobalVersions',
  'findVersionByID',
  'findVersions',
  'forgotPassword',
  'login',
  'resetPassword',
  'restoreGlobalVersion',
  'restoreVersion',
  'unlock',
  'update',
  'updateGlobal',
  'verifyEmail',
])

/** `req` written as a name or a string, not a computed `[req]` key. */
const isReqKey = (property) =>
  !property.computed &&
  ((property.key.type === 'Identifier' && property.key.name === 'req') ||
    (property.key.type === 'Literal' && property.key.value === 'req'))

const isNestedReqCall = (node) =>
  node.type === 'CallExpression' &&
  node.callee.type === 'Identifier' &&
  node.callee.name === 'nestedReq'

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Local API calls inside an operation get `nestedReq(req)`, never the operation’s own `req`',
    },
    schema: [],
    messages: {
      ownReq:
        '`{{call}}` is handed `{{req}}`: Payload would rewrite its locale, user and context mid-operation. Pass `req: nestedReq(…)`.',
    },
  },
  create(context) {
    const source = context.sourceCode
    return {
      CallExpression(node) {
        const callee = node.callee
        if (
          callee.type !== 'MemberExpression' ||
          callee.computed ||
          callee.property.type !== 'Identifier' ||
          !LOCAL_API.has(callee.property.name)
        )
          return
        const [options] = node.arguments
        if (options?.type !== 'ObjectExpression') return
        for (const property of options.properties) {
          if (property.type !== 'Property' || !isReqKey(property)) continue
          if (isNestedReqCall(property.value)) continue
          context.report({
            node: property,
            messageId: 'ownReq',
            data: {
              call: source.getText(callee).replace(/\s+/g, ' '),
              req: source.getText(property),
            },
          })
        }
      },
    }
  },
}
