/**
 * Builds one plugin package (its folder is the working directory, `npm run build` in it): every
 * file under src/ compiled by TypeScript to dist/ as JavaScript + .d.ts, module for module, so
 * `'use client'` stays on the client components' own files. The sources import each other without
 * extensions (bundler style); the output needs `.js` specifiers for Node and `node16` consumers, so
 * a transformer rewrites every relative specifier to the file TypeScript itself resolved it to.
 */
import fs from 'node:fs'
import path from 'node:path'

import ts from 'typescript'

const dir = process.cwd()
const srcDir = path.join(dir, 'src')
const outDir = path.join(dir, 'dist')

const sources = fs
  .readdirSync(srcDir, { recursive: true })
  .map((file) => path.join(srcDir, file))
  .filter((file) => /\.tsx?$/.test(file) && !/\.d\.ts$/.test(file))

const options = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.dom.d.ts', 'lib.dom.iterable.d.ts', 'lib.es2023.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  strict: true,
  skipLibCheck: true,
  esModuleInterop: true,
  isolatedModules: true,
  resolveJsonModule: true,
  declaration: true,
  rootDir: srcDir,
  outDir,
  noEmitOnError: true,
}

const host = ts.createCompilerHost(options)
const program = ts.createProgram(sources, options, host)

/** './x' → './x.js' or './x/index.js', as TypeScript resolves it from `fromFile`. */
function rewrite(specifier, fromFile) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier
  const { resolvedModule } = ts.resolveModuleName(specifier, fromFile, options, host)
  if (!resolvedModule) throw new Error(`${fromFile}: cannot resolve '${specifier}'`)
  const target = resolvedModule.resolvedFileName
  if (!target.startsWith(srcDir + path.sep)) {
    throw new Error(`${fromFile}: '${specifier}' leaves src/ (${target})`)
  }
  const js = target.replace(/\.d\.ts$|\.tsx?$/, '.js')
  let relative = path.relative(path.dirname(fromFile), js).split(path.sep).join('/')
  if (!relative.startsWith('.')) relative = `./${relative}`
  return relative
}

const specifierTransformer = (context) => (node) => {
  const fromFile = ts.getOriginalNode(node).fileName ?? node.fileName
  const f = context.factory
  const literal = (lit) => {
    const text = rewrite(lit.text, fromFile)
    return text === lit.text ? lit : f.createStringLiteral(text, true)
  }
  const visit = (n) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      return f.updateImportDeclaration(
        n,
        n.modifiers,
        n.importClause,
        literal(n.moduleSpecifier),
        n.attributes,
      )
    }
    if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      return f.updateExportDeclaration(
        n,
        n.modifiers,
        n.isTypeOnly,
        n.exportClause,
        literal(n.moduleSpecifier),
        n.attributes,
      )
    }
    if (
      ts.isImportTypeNode(n) &&
      ts.isLiteralTypeNode(n.argument) &&
      ts.isStringLiteral(n.argument.literal)
    ) {
      return f.updateImportTypeNode(
        n,
        f.updateLiteralTypeNode(n.argument, literal(n.argument.literal)),
        n.attributes,
        n.qualifier,
        ts.visitNodes(n.typeArguments, visit),
        n.isTypeOf,
      )
    }
    if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments.length > 0 &&
      ts.isStringLiteral(n.arguments[0])
    ) {
      return f.updateCallExpression(n, n.expression, n.typeArguments, [
        literal(n.arguments[0]),
        ...n.arguments.slice(1),
      ])
    }
    return ts.visitEachChild(n, visit, context)
  }
  return ts.visitNode(node, visit)
}

fs.rmSync(outDir, { recursive: true, force: true })
const started = Date.now()
const result = program.emit(undefined, undefined, undefined, false, {
  before: [specifierTransformer],
  afterDeclarations: [specifierTransformer],
})
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics]
if (diagnostics.length) {
  console.error(
    ts.formatDiagnosticsWithColorAndContext(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => dir,
      getNewLine: () => '\n',
    }),
  )
  process.exit(1)
}
const name = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name
console.log(`${name}: ${sources.length} sources → dist/ in ${Date.now() - started} ms`)
