import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'
import ts from 'typescript'

// Payload's Local API overwrites locale, fallbackLocale, user, query.depth and context of the
// request it is handed. Code that runs inside an operation (hooks, validators, access functions,
// endpoints) must therefore hand nested Local API calls `nestedReq(req)`, never the operation's
// own `req` (plugins/nested-req/README.md). This test reads the source and names every call that
// does not.

const ROOT = path.resolve(import.meta.dirname, '..')
const SCANNED = ['src', 'collections', 'plugins']

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

/** `file:line  code` for each Local API call whose `req` is not `nestedReq(…)`. */
export function unsafeLocalApiCalls(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      LOCAL_API.has(node.expression.name.text)
    ) {
      const [options] = node.arguments
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const prop of options.properties) {
          if (!prop.name || !ts.isIdentifier(prop.name) || prop.name.text !== 'req') continue
          const value = ts.isPropertyAssignment(prop) ? prop.initializer : undefined
          const nested =
            value &&
            ts.isCallExpression(value) &&
            ts.isIdentifier(value.expression) &&
            value.expression.text === 'nestedReq'
          if (!nested) {
            const { line } = file.getLineAndCharacterOfPosition(prop.getStart())
            found.push(
              `${fileName}:${line + 1}  ${node.expression.getText().replace(/\s+/g, ' ')}({ …, ${prop.getText()} })`,
            )
          }
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

describe('nested Local API calls cannot change the operation they run in', () => {
  test('the check finds the operation’s req handed on, in any form', () => {
    const code = `
      export const hook = async ({ req, id }) => {
        await req.payload.findByID({ collection: 'images', id, locale: 'all', req })
        await req.payload.count({ collection: 'users', req: req })
        await req.payload.update({ collection: 'images', id, data: {}, req: options.req })
        await req.payload.find({ collection: 'images', req: nestedReq(req) })
      }`
    expect(unsafeLocalApiCalls('example.ts', code)).toHaveLength(3)
  })

  test('no code under src/, collections/ or plugins/ hands a Local API call the operation’s req', () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
    expect(files.length).toBeGreaterThan(40)
    const unsafe = files.flatMap((f) =>
      unsafeLocalApiCalls(path.relative(ROOT, f), fs.readFileSync(f, 'utf8')),
    )
    expect(unsafe).toEqual([])
  })
})
