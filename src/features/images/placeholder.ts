import type { SharpDependency } from 'payload'
import sharp from 'sharp'

// A neutral grey 16:9 picture for images that exist only as alt text in the source. One buffer per
// process: every placeholder is the same picture, and editors see `placeholder: true` on the Image.
let cached: Promise<Buffer> | undefined
let placeholder: Buffer | undefined

export function placeholderPicture(): Promise<Buffer> {
  cached ??= sharp({ create: { width: 1600, height: 900, channels: 3, background: '#d5d8dc' } })
    .png({ compressionLevel: 9 })
    .toBuffer()
    .then((buffer) => (placeholder = buffer))
  return cached
}

type Step = [method: string, args: unknown[]]

/**
 * The app's sharp, except that work on the placeholder picture is done once: Payload makes the three
 * image sizes of every upload, and for placeholders (most images of an import) that is the same work
 * each time. A call chain on the placeholder buffer (`rotate().clone().resize(…).toBuffer()`) is
 * recorded, and its result (`toBuffer`, `metadata`) computed once per distinct chain. Any other
 * input goes to sharp unchanged.
 */
export function withPlaceholderCache(real: SharpDependency): SharpDependency {
  const results = new Map<string, Promise<unknown>>()
  const recorded = (input: Buffer, steps: Step[]): unknown =>
    new Proxy(
      {},
      {
        get(_, method) {
          if (typeof method !== 'string' || method === 'then') return undefined
          if (method === 'clone') return () => recorded(input, steps)
          if (method === 'toBuffer' || method === 'metadata') {
            return (...args: unknown[]) => {
              const key = JSON.stringify([...steps, [method, args]])
              if (!results.has(key)) {
                const pipeline = steps
                  .slice(1)
                  .reduce<any>((s, [m, a]) => s[m](...a), real(input, steps[0]![1][0] as never))
                results.set(key, pipeline[method](...args))
              }
              return results.get(key)
            }
          }
          return (...args: unknown[]) => recorded(input, [...steps, [method, args]])
        },
      },
    )
  return ((input, options) =>
    placeholder && input === placeholder
      ? recorded(placeholder, [['sharp', [options]]])
      : real(input, options)) as SharpDependency
}
