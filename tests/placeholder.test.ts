import { describe, expect, test } from '@jest/globals'
import sharp from 'sharp'

import { placeholderPicture, withPlaceholderCache } from '../src/features/images/placeholder'

// Payload resizes every upload; for the importer's placeholder the wrapper computes each result once.
describe('withPlaceholderCache', () => {
  const size = { width: 640, height: 360, position: 'centre' }

  test('a chain on the placeholder gives what sharp gives, computed once', async () => {
    let calls = 0
    const counting = ((input: never, options: never) => (
      calls++,
      sharp(input, options)
    )) as unknown as typeof sharp
    const cached = withPlaceholderCache(counting)
    const picture = await placeholderPicture()
    const resize = () =>
      cached(picture).rotate().clone().resize(size).toBuffer({ resolveWithObject: true })

    const first = await resize()
    const second = await resize()
    expect(second).toBe(first)
    expect(calls).toBe(1)
    const direct = await sharp(picture).rotate().resize(size).toBuffer({ resolveWithObject: true })
    expect(first.info).toEqual(direct.info)
    expect(first.data.equals(direct.data)).toBe(true)
    expect(await cached(picture).metadata()).toMatchObject({ width: 1600, height: 900 })
    // A different chain is a different result.
    const thumb = await cached(picture)
      .rotate()
      .clone()
      .resize({ ...size, width: 320, height: 180 })
      .toBuffer({ resolveWithObject: true })
    expect(thumb.info.width).toBe(320)
  })

  test('any other input goes to sharp unchanged', async () => {
    const cached = withPlaceholderCache(sharp)
    const other = await sharp({
      create: { width: 32, height: 18, channels: 3, background: '#123456' },
    })
      .png()
      .toBuffer()
    const copy = Buffer.from(await placeholderPicture()) // same bytes, another buffer
    expect(cached(other)).toBeInstanceOf(sharp)
    expect(cached(copy)).toBeInstanceOf(sharp)
  })
})
