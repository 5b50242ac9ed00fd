/**
 * `npm run test:packages`: the plugins as npm packages in a Payload app that is not ours.
 * Packs each plugin (`npm pack`, which builds it), writes a fresh Payload 3 app (tests/packages/app:
 * the shape of Payload's templates/blank) into a temp dir, installs the tarballs next to the same
 * Payload version as this repo (`--prefer-offline`: from the npm cache when it can), generates its
 * types and import map, type-checks it with tsc (bundler and node16 resolution) against the packed
 * types, and runs src/check.ts there (REST, GraphQL, import map, server render). KEEP=1 keeps the dir.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
// The workspace folders under plugins/ (each with a package.json).
const pluginDirs = fs
  .readdirSync(path.join(root, 'plugins'))
  .map((dir) => path.join(root, 'plugins', dir))
  .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
const manifests = pluginDirs.map((dir) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
)
// Package names (no plugin depends on another, so any build order works).
const plugins = manifests.map((manifest) => manifest.name)
// What the packed tarballs may contain, nothing else (no sources, tests, fixtures or scripts).
const SHIPPED = /^package\/(dist\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'payload-plugins-foreign-'))
const app = path.join(tmp, 'app')
const packs = path.join(tmp, 'packs')
const started = Date.now()
const step = (name) =>
  console.log(`\n--> ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } })

try {
  step('npm pack (builds each plugin)')
  fs.mkdirSync(packs)
  for (const name of plugins) {
    run(
      'npm',
      ['pack', '-w', name, '--pack-destination', packs, '--loglevel=warn', '--silent'],
      root,
    )
  }
  const tarballs = Object.fromEntries(
    plugins.map((name) => {
      const file = fs.readdirSync(packs).find((f) => f.startsWith(`${name}-`))
      if (!file) throw new Error(`npm pack wrote no tarball for ${name}`)
      const entries = execFileSync('tar', ['-tzf', path.join(packs, file)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
      const extra = entries.filter((entry) => !SHIPPED.test(entry))
      if (extra.length)
        throw new Error(`${file} ships more than dist and docs: ${extra.join(', ')}`)
      for (const needed of [
        'package/dist/index.js',
        'package/dist/index.d.ts',
        'package/LICENSE',
      ]) {
        if (!entries.includes(needed)) throw new Error(`${file} lacks ${needed}`)
      }
      console.log(`${file}: ${entries.length} files`)
      return [name, `file:../packs/${file}`]
    }),
  )

  step("'use client' kept on every client module (TypeScript's parser reads the directive)")
  const isUseClient = (file) => {
    const first = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
      .statements[0]
    return Boolean(
      first &&
      ts.isExpressionStatement(first) &&
      ts.isStringLiteral(first.expression) &&
      first.expression.text === 'use client',
    )
  }
  for (const dir of pluginDirs) {
    const src = path.join(dir, 'src')
    for (const file of fs.readdirSync(src, { recursive: true })) {
      if (!/\.tsx?$/.test(file)) continue
      const out = path.join(dir, 'dist', file.replace(/\.tsx?$/, '.js'))
      const [before, after] = [isUseClient(path.join(src, file)), isUseClient(out)]
      if (before !== after) throw new Error(`${out}: 'use client' ${before ? 'lost' : 'added'}`)
    }
  }

  step('a fresh Payload app')
  fs.cpSync(path.join(root, 'tests/packages/app'), app, { recursive: true })
  // The admin route's generated arguments and not-found page, as the repo's app has them.
  const adminRoute = 'src/app/(payload)/admin/[[...segments]]'
  for (const file of ['args.ts', 'not-found.tsx'])
    fs.copyFileSync(path.join(root, adminRoute, file), path.join(app, adminRoute, file))
  fs.copyFileSync(path.join(root, 'src/utilities/richtext.ts'), path.join(app, 'src/richtext.ts'))
  // The same versions as this repo's app, read from its package.json.
  const version = (name) => {
    const v = rootPackage.dependencies[name] ?? rootPackage.devDependencies[name]
    if (!v) throw new Error(`${name} is not a dependency of the repo`)
    return v
  }
  const deps = [
    '@payloadcms/db-sqlite',
    '@payloadcms/next',
    '@payloadcms/richtext-lexical',
    '@payloadcms/translations',
    '@payloadcms/ui',
    'graphql',
    'next',
    'payload',
    'react',
    'react-dom',
    'sharp',
  ]
  const devDeps = ['@types/node', '@types/react', '@types/react-dom', 'tsx', 'typescript']
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'foreign-payload-app',
        private: true,
        type: 'module',
        dependencies: {
          ...Object.fromEntries(deps.map((d) => [d, version(d)])),
          ...tarballs,
        },
        devDependencies: Object.fromEntries(devDeps.map((d) => [d, version(d)])),
      },
      null,
      2,
    ),
  )

  step('npm install (the tarballs, Payload from the npm cache)')
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app)

  const env = {
    // lexical's Node entry points need this on Node 20 (see the repo's README, "Scripts").
    NODE_OPTIONS: '--no-deprecation --conditions=production',
    DATABASE_URI: `file:${path.join(tmp, 'foreign.db')}`,
    MEDIA_DIR: path.join(tmp, 'media'),
    PAYLOAD_SECRET: 'foreign-app-secret-0123456789',
  }
  step('payload generate:types, generate:importmap')
  run('npx', ['payload', 'generate:types'], app, env)
  run('npx', ['payload', 'generate:importmap'], app, env)

  step('tsc: the app (moduleResolution bundler) and every entry point (node16)')
  run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], app)
  run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.node16.json'], app)

  step('REST, GraphQL, import map, server render')
  run('npx', ['tsx', 'src/check.ts'], app, env)
  console.log(`\ntest:packages passed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
} finally {
  if (process.env.KEEP) console.log(`kept ${tmp}`)
  else fs.rmSync(tmp, { recursive: true, force: true })
}
