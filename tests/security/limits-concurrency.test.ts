/**
 * Ordinary concurrency never gives a 500: parallel uploads by one editor, password resets on a
 * fresh instance and a burst of mixed writes through Payload's REST handlers, each acknowledged and
 * read back.
 */
import crypto from 'node:crypto'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import type { ApiResponse } from '../helpers/api'
import { pngFile } from '../helpers/fixtures'
import { bootAs, type Booted } from '../helpers/boot'
import { shutdown, type TestContext } from '../helpers/payload'

let ctx: TestContext, client: Booted['client'], editor: string
beforeAll(async () => {
  ;({ ctx, token: editor, client } = await bootAs('editor@example.com', ['editor']))
})
afterAll(() => shutdown(ctx))

const ok = (res: ApiResponse) => {
  if (res.status < 200 || res.status >= 300)
    throw new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 300)}`)
  return res
}

async function upload(alt: string): Promise<ApiResponse> {
  const file = await pngFile(
    `${crypto.randomUUID()}.png`,
    `#${crypto.randomBytes(3).toString('hex')}`,
  )
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file.data)], { type: 'image/png' }), file.name)
  form.append('_payload', JSON.stringify({ alt }))
  return client.post('/images', { form, token: editor })
}

describe('concurrency', () => {
  test('a password reset on a fresh instance is answered 200, for known and unknown addresses', async () => {
    for (const email of ['editor@example.com', 'nobody@example.com']) {
      ok(await client.post('/users/forgot-password', { body: { email } }))
    }
    const user = await ctx.payload.db.findOne<{ id: string; resetPasswordToken?: string }>({
      collection: 'users',
      where: { email: { equals: 'editor@example.com' } },
    })
    expect(user?.resetPasswordToken).toEqual(expect.any(String))
  })

  test('8 parallel uploads by one editor: every one acknowledged and read back', async () => {
    const alts = Array.from({ length: 8 }, (_, i) => `Parallel upload ${i}`)
    const results = await Promise.all(alts.map((alt) => upload(alt).then(ok)))
    for (const [i, res] of results.entries()) {
      const id = res.body.doc.id as string
      const back = ok(await client.get(`/images/${id}?depth=0`, { token: editor }))
      expect(back.body.alt).toBe(alts[i])
      expect(back.body.sizes.thumbnail.url).toBeTruthy()
    }
  })

  test('20 parallel mixed writes (creates, updates, uploads, deletes, resets): all acknowledged and read back', async () => {
    const article = ok(
      await client.post('/articles', { token: editor, body: { title: 'Concurrency target' } }),
    ).body.doc
    const doomed = ok(
      await client.post('/related-articles', { token: editor, body: { summary: 'To delete' } }),
    ).body.doc
    type Write = { run: () => Promise<ApiResponse>; check: (res: ApiResponse) => Promise<void> }
    const writes: Write[] = []
    for (let i = 0; i < 5; i++) {
      const title = `Parallel article ${i}`
      writes.push({
        run: () => client.post('/articles', { token: editor, body: { title } }),
        check: async (res) => {
          const back = ok(
            await client.get(`/articles/${res.body.doc.id}?draft=true`, { token: editor }),
          )
          expect(back.body.title).toBe(title)
        },
      })
      const summary = `Parallel teaser ${i}`
      writes.push({
        run: () => client.post('/related-articles', { token: editor, body: { summary } }),
        check: async (res) => {
          const back = ok(
            await client.get(`/related-articles/${res.body.doc.id}`, { token: editor }),
          )
          expect(back.body.summary).toBe(summary)
        },
      })
    }
    for (let i = 0; i < 4; i++) {
      const alt = `Mixed upload ${i}`
      writes.push({
        run: () => upload(alt),
        check: async (res) => {
          const back = ok(await client.get(`/images/${res.body.doc.id}`, { token: editor }))
          expect(back.body.alt).toBe(alt)
        },
      })
    }
    for (let i = 0; i < 3; i++) {
      const summary = `Updated summary ${i}`
      writes.push({
        run: () =>
          client.patch(`/articles/${article.id}?draft=true`, { token: editor, body: { summary } }),
        check: async () => {
          const back = ok(await client.get(`/articles/${article.id}?draft=true`, { token: editor }))
          expect(back.body.summary).toMatch(/^Updated summary \d$/)
        },
      })
    }
    writes.push({
      run: () => client.delete(`/related-articles/${doomed.id}`, { token: editor }),
      check: async () => {
        expect((await client.get(`/related-articles/${doomed.id}`, { token: editor })).status).toBe(
          404,
        )
      },
    })
    for (const email of ['editor@example.com', 'nobody@example.com']) {
      writes.push({
        run: () => client.post('/users/forgot-password', { body: { email } }),
        check: async () => {},
      })
    }
    expect(writes).toHaveLength(20)
    const results = await Promise.all(writes.map((w) => w.run()))
    results.forEach(ok)
    for (const [i, res] of results.entries()) await writes[i].check(res)
  })
})
