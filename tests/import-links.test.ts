import fs from 'node:fs'
import path from 'node:path'

import { afterAll, describe, expect, test } from '@jest/globals'
import sharp from 'sharp'

import { api } from './helpers/api'
import { cliLines, seedCliWorkspace, story } from './helpers/seedCli'
import { bootPayload, shutdown, type TestContext } from './helpers/payload'

// Hostile import folders through the real CLI (`npm run seed` runs seed/cli.ts) on a SQLite file
// made by the migrations, read back over REST afterwards: links out of the import folder, file
// names with control characters, a document with thousands of teasers.

const { env, seed, tree, work } = seedCliWorkspace('links')
const lines = cliLines

const png = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .png()
    .toBuffer()

let ctx: TestContext | undefined
async function articles(): Promise<{ file: string; title: string; placeholder?: boolean }[]> {
  if (!ctx) {
    Object.assign(process.env, { NODE_ENV: 'production', PAYLOAD_SECRET: env.PAYLOAD_SECRET })
    ctx = await bootPayload({ databaseUri: env.DATABASE_URI! })
  }
  const res = await api(ctx.config).get('/articles?limit=50&depth=1&locale=en')
  expect(res.status).toBe(200)
  return res.body.docs.map((doc: any) => ({
    file: doc.source.file,
    title: doc.title,
    placeholder: doc.heroImage?.placeholder,
  }))
}

afterAll(async () => {
  await shutdown(ctx)
  fs.rmSync(work, { recursive: true, force: true })
})

describe('symbolic links', () => {
  test('links out of the import folder (file, folder, hero picture) are not read, each with a clear line; links inside it are followed', async () => {
    // Outside the import folder: what a link must not turn into a published article or picture.
    const outside = tree('outside', {
      'env-example.txt': story('Secret server settings'),
      'more/other.txt': story('Another outside story'),
    })
    fs.writeFileSync(path.join(outside, 'photo.png'), await png())
    const base = tree('import', {
      'kept.txt': story('A story that stays inside'),
      'with-picture.txt': story('A story whose picture points outside'),
      '.store/linked-inside.txt': story('Reached through a link inside the folder'),
    })
    fs.symlinkSync(path.join(outside, 'env-example.txt'), path.join(base, 'leak.txt'))
    fs.symlinkSync(path.join(outside, 'more'), path.join(base, 'folder-link'))
    fs.symlinkSync(path.join(outside, 'photo.png'), path.join(base, 'with-picture-hero.png'))
    fs.symlinkSync('.store/linked-inside.txt', path.join(base, 'inside-link.txt'))

    const run = seed([base])
    expect(run.status).toBe(1)
    const errors = lines(run.stderr).filter((line) => !line.startsWith('['))
    const outsideLine = (file: string, target: string) =>
      `${path.join(base, file)}: symbolic link to ${fs.realpathSync(target)}, outside the import folder ${fs.realpathSync(base)}: not followed (links are followed only inside the import folder)`
    expect(errors.sort()).toEqual(
      [
        outsideLine('folder-link', path.join(outside, 'more')),
        outsideLine('leak.txt', path.join(outside, 'env-example.txt')),
        `${path.join(base, 'with-picture.txt')}: picture with-picture-hero.png: symbolic link to ${fs.realpathSync(path.join(outside, 'photo.png'))}, outside the import folder ${fs.realpathSync(base)}: not followed (links are followed only inside the import folder)`,
      ].sort(),
    )
    expect(run.stdout.trim()).toBe(
      '5 files in 2 folders: 2 created, 0 updated, 0 unchanged, 3 failed',
    )
    const imported = await articles()
    expect(imported.map((a) => a.file).sort()).toEqual(['inside-link.txt', 'kept.txt'])
    expect(imported.map((a) => a.title)).not.toContain('Secret server settings')
    expect(imported.map((a) => a.title)).not.toContain('Another outside story')
    expect(imported.map((a) => a.title)).not.toContain('A story whose picture points outside')

    // A dry run refuses the same document links (it reads no pictures).
    const dry = seed(['--dry-run', base])
    expect(dry.status).toBe(1)
    expect(dry.stdout).not.toContain('Secret server settings')
    expect(
      lines(dry.stderr).filter((line) => line.includes('outside the import folder')),
    ).toHaveLength(2)
  })

  test('a picture linked from inside the import folder is used', async () => {
    const base = tree('picture-inside', { 'pictured.txt': story('A story with its own picture') })
    fs.mkdirSync(path.join(base, '.pictures'))
    fs.writeFileSync(path.join(base, '.pictures', 'photo.png'), await png())
    fs.symlinkSync('.pictures/photo.png', path.join(base, 'pictured-hero.png'))
    const altFirst = tree('picture-inside-alt', {
      'pictured-alt.txt': [
        'A red square on a table.',
        story('A story with an alt text and a picture'),
      ].join('\n\n'),
    })
    fs.mkdirSync(path.join(altFirst, 'store'))
    fs.writeFileSync(path.join(altFirst, 'store', 'photo.png'), await png())
    fs.symlinkSync('store/photo.png', path.join(altFirst, 'pictured-alt-hero.png'))
    const run = seed([base, altFirst])
    expect(lines(run.stderr).filter((line) => !line.startsWith('['))).toEqual([])
    expect(run.status).toBe(0)
    const imported = await articles()
    expect(imported.find((a) => a.file === 'pictured-alt.txt')?.placeholder).toBe(false)
  })
})

describe('file names with control characters', () => {
  test('are printed escaped: no forged lines, no terminal escapes', async () => {
    const name = 'bad\u001b[2J\u001b]0;owned\u0007\nseed: fake line.txt'
    const base = tree('control', { [name]: story('A story with a hostile file name') })
    for (const args of [[base], ['--dry-run', base]]) {
      const run = seed(args)
      expect(run.status).toBe(0)
      for (const output of [run.stdout, run.stderr]) {
        expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
        expect(output).not.toMatch(/^seed: fake line/m)
      }
      const escaped = 'bad\\u001b[2J\\u001b]0;owned\\u0007\\u000aseed: fake line.txt'
      expect(run.stdout + run.stderr).toContain(escaped)
    }
  })
})

describe('a document with 10,000 teasers', () => {
  test('is refused quickly with a clear line, before any database work, in bounded memory', async () => {
    const parts = [
      'Council approves the budget',
      'The council approved the budget on Monday after a long debate.',
      'A body paragraph.',
      'Related articles',
    ]
    for (let i = 0; i < 10_000; i++)
      parts.push(`Teaser title number ${i}`, `A summary of teaser ${i} that ends with a full stop.`)
    const base = tree('teasers', { 'many-teasers.txt': parts.join('\n\n') })
    const file = path.join(base, 'many-teasers.txt')
    const started = Date.now()
    // A heap far below the ~1 GB such a document took to import.
    const run = seed([base], {
      NODE_OPTIONS: `${env.NODE_OPTIONS} --max-old-space-size=384`,
    })
    const elapsed = Date.now() - started
    expect(lines(run.stderr).filter((line) => !line.startsWith('['))).toEqual([
      `${file}: too many related-article teasers (more than 200, the limit per document)`,
    ])
    expect(run.status).toBe(1)
    expect(elapsed).toBeLessThan(25_000)
    expect((await articles()).map((a) => a.file)).not.toContain('many-teasers.txt')
    const teasers = await api(ctx!.config).get(
      '/related-articles?limit=1&where[summary][like]=teaser%209999',
    )
    expect(teasers.body.totalDocs).toBe(0)
  })
})
