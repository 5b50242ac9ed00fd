import fs from 'node:fs'
import path from 'node:path'

import { afterAll, describe, expect, test } from '@jest/globals'

import { api } from './helpers/api'
import { cliLines, seedCliWorkspace, story } from './helpers/seedCli'
import { bootPayload, shutdown, type TestContext } from './helpers/payload'

// Folders of folders through the real CLI (`npm run seed` runs seed/cli.ts) on a SQLite file made
// by the migrations, read back over REST afterwards.

const { env, seed, tree, work } = seedCliWorkspace('tree')
const lines = cliLines

// Booted on the CLI's database once the CLI has migrated it.
let ctx: TestContext | undefined
async function reader() {
  if (!ctx) {
    Object.assign(process.env, { NODE_ENV: 'production', PAYLOAD_SECRET: env.PAYLOAD_SECRET })
    ctx = await bootPayload({ databaseUri: env.DATABASE_URI! })
  }
  const client = api(ctx.config)
  return {
    sources: async () => {
      const res = await client.get('/articles?limit=100&depth=0')
      expect(res.status).toBe(200)
      return res.body.docs.map((doc: any) => doc.source.file).sort()
    },
  }
}

afterAll(async () => {
  await shutdown(ctx)
  fs.rmSync(work, { recursive: true, force: true })
})

describe('a folder of folders', () => {
  test('a nested archive imports exactly its documents, in name order, once each', async () => {
    const archive = tree('archive', {
      'f-top.txt': story('Top-level story about the harbour'),
      '2026-01/b-three.txt': story('January story about the ferry'),
      '2026-01/politics/a-one.txt': story('Council approves the budget'),
      '2026-01/politics/a-two.txt': story('Mayor opens the new library'),
      '2026-01/politics/notes.md': story('Not a document: wrong extension'),
      '2026-01/politics/a-one.txt.bak': story('Not a document: a backup'),
      '2026-02/sport/deep/c-four.txt': story('Three levels down: the marathon'),
      '.hidden/d-hidden.txt': story('Not a document: a hidden folder'),
      '2026-03/.drafts/e-draft.txt': story('Not a document: a hidden folder further down'),
      '2026-03/.e-hidden.txt': story('Not a document: a hidden file'),
    })
    // A loop back to the top, and a second way into a folder already searched.
    fs.symlinkSync('../..', path.join(archive, '2026-01', 'politics', 'loop'))
    fs.symlinkSync('../2026-01', path.join(archive, '2026-02', 'link-to-january'))

    const run = seed([archive])
    expect(run.stderr).not.toMatch(/same file name/)
    expect(run.status).toBe(0)
    // Progress lines (stderr without a terminal) show the order: depth-first, by name.
    expect(lines(run.stderr).map((line) => line.replace(/^\[\d+\/\d+\] /, ''))).toEqual([
      'b-three.txt: created',
      'a-one.txt: created',
      'a-two.txt: created',
      'c-four.txt: created',
      'f-top.txt: created',
    ])
    expect(run.stdout.trim()).toBe(
      '5 files in 4 folders: 5 created, 0 updated, 0 unchanged, 0 failed',
    )
    expect(await (await reader()).sources()).toEqual([
      'a-one.txt',
      'a-two.txt',
      'b-three.txt',
      'c-four.txt',
      'f-top.txt',
    ])

    const again = seed(['--json', archive])
    expect(again.status).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual({
      files: 5,
      folders: 4,
      created: 0,
      updated: 0,
      unchanged: 5,
      failed: [],
    })
  })

  test('two files with one name anywhere in the tree: both paths named, neither imported', async () => {
    const base = tree('same-name', {
      '2026-01/report.txt': story('January report from the harbour'),
      '2026-02/sport/report.txt': story('February report from the stadium'),
      'own-name.txt': story('A story with a name of its own'),
    })
    const first = path.join(base, '2026-01', 'report.txt')
    const second = path.join(base, '2026-02', 'sport', 'report.txt')
    const run = seed(['--json', base])
    expect(run.status).toBe(1)
    const summary = JSON.parse(run.stdout)
    expect(summary).toMatchObject({ files: 3, folders: 3, created: 1 })
    expect(summary.failed.map((f: any) => f.file).sort()).toEqual([first, second])
    const errors = lines(run.stderr)
    expect(errors).toHaveLength(2)
    for (const line of errors) {
      expect(line).toContain(first)
      expect(line).toContain(second)
      expect(line).toMatch(/same file name/)
    }
    const sources = await (await reader()).sources()
    expect(sources).toContain('own-name.txt')
    expect(sources).not.toContain('report.txt')
  })
})

describe('a run that finds no document', () => {
  const elsewhere = path.join(work, 'never-made.db')
  const cases: [string, () => string][] = [
    ['an empty tree', () => tree('empty', { 'a/b/.keep': '' })],
    [
      'a tree without *.txt files',
      () => {
        const base = tree('no-txt', {
          'notes.md': story('Markdown is not a document'),
          '2026/photo.jpg': 'not a picture either',
          '.hidden/x.txt': story('Hidden, so not found'),
        })
        fs.symlinkSync('..', path.join(base, '2026', 'loop'))
        return base
      },
    ],
  ]
  test.each(cases)('%s: one clear line on stderr, exit code 1, no database made', (_, make) => {
    const base = make()
    for (const args of [[base], ['--json', base], ['--dry-run', base]]) {
      const run = seed(args, { DATABASE_URI: `file:${elsewhere}` })
      expect(run.status).toBe(1)
      const errors = lines(run.stderr)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(/^seed: no documents found: no \*\.txt files in /)
      expect(errors[0]).toContain(base)
      if (args[0] === '--json') expect(JSON.parse(run.stdout)).toMatchObject({ files: 0 })
      else expect(run.stdout).toBe('')
    }
    expect(fs.existsSync(elsewhere)).toBe(false)
  })
})
