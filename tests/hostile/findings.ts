/**
 * The findings of issue 26 as the suite's first cases, at sizes that fit its budget. Each returns
 * the extra failures of its own check (the confidentiality checks of (3) and (7)); the suite's
 * general criteria (no 5xx, the process alive, retained heap, /healthz) apply to every case.
 */
import crypto from 'node:crypto'

import sharp from 'sharp'

import { linkDocument } from '../helpers/lexical'
import type { Answer, Send } from './lib'

export type Ctx = {
  /** one request, recorded under the case's figures */
  req: (s: Send) => Promise<Answer>
  raw: (bytes: Buffer) => Promise<Answer>
  pool: <T>(width: number, tasks: (() => Promise<T>)[]) => Promise<T[]>
  admin: Record<string, string>
  fx: { articleId: string; hiddenWord: string; imageFile: string; relationPaths: string[] }
  note: (s: string) => void
  /** the server process's CPU time so far (ms), from the metrics hook */
  cpuMs: () => Promise<number>
}
export type Finding = {
  id: string
  finding: string
  name: string
  run: (c: Ctx) => Promise<string[]>
}

const json = { 'content-type': 'application/json' }
const jsonOf = (a: Answer) => {
  try {
    return JSON.parse(a.body.toString())
  } catch {
    return undefined
  }
}
/** `n` JSON POSTs to `path`, `width` at a time: the i-th sends `body(i)`, from `from[i]` when given. */
const postMany = (
  { req, pool }: Pick<Ctx, 'req' | 'pool'>,
  { width, n, path, from }: { width: number; n: number; path: string; from?: string[] },
  body: (i: number) => unknown,
) =>
  pool(
    width,
    Array.from(
      { length: n },
      (_, i) => () =>
        req({
          method: 'POST',
          path,
          headers: json,
          ...(from && { from: from[i % from.length] }),
          body: JSON.stringify(body(i)),
        }),
    ),
  )
const addresses = (n: number, third: number) =>
  Array.from({ length: n }, (_, i) => `127.${third}.${Math.floor(i / 250)}.${(i % 250) + 2}`)

// -- fixtures -----------------------------------------------------------------------------------

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

/** A small PNG with an iTXt XMP packet of `attributes` attributes on one element (~1 MB). */
export async function pngWithXmp(attributes: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } })
    .png()
    .toBuffer()
  const attrs = Array.from({ length: attributes }, (_, i) => `a${i}="1"`).join(' ')
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description ${attrs}/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  const itxt = Buffer.concat([
    Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'),
    Buffer.from(xmp),
  ])
  // after IHDR (8-byte signature + 25-byte IHDR chunk)
  return Buffer.concat([png.subarray(0, 33), chunk('iTXt', itxt), png.subarray(33)])
}

/** A JPEG whose EXIF has a GPS position (Berlin). */
export const jpegWithGps = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Hostile' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '52/1 31/1 12/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '13/1 24/1 18/1',
      },
    })
    .toBuffer()

/** Whether image bytes carry an EXIF GPS IFD (tag 0x8825 in IFD0). */
export async function hasGps(bytes: Buffer): Promise<boolean> {
  let exif: Buffer | undefined
  try {
    exif = (await sharp(bytes).metadata()).exif
  } catch {
    return false
  }
  if (!exif) return false
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0)
  const le = tiff.toString('latin1', 0, 2) === 'II'
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o))
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o))
  const ifd0 = u32(4)
  const n = u16(ifd0)
  for (let i = 0; i < n; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true
  return false
}

export function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; data: Buffer },
) {
  const boundary = `----hostile${crypto.randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    )
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return {
    body: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

// -- the findings --------------------------------------------------------------------------------

const MB = 1024 * 1024

export const FINDINGS: Finding[] = [
  {
    id: 'F1',
    finding:
      '(1) GraphQL parsed-query memo keyed by whole bodies (src/features/cache/graphqlRead.ts)',
    name: '400 distinct ~1 MB anonymous GraphQL POST bodies',
    run: async (c) => {
      // just under the response cache's 1 MiB limit for reading GraphQL bodies
      const pad = 'x'.repeat(1_000_000)
      await postMany(c, { width: 4, n: 400, path: '/api/graphql' }, (i) => ({
        query: `{ Articles(limit: 1) { docs { id } } } # ${i} ${pad}`,
      }))
      return []
    },
  },
  {
    id: 'F2',
    finding: '(2) GraphQL fragment fan-out (validation cost)',
    name: '2 KB query, fragments spreading the next twice for 22 levels',
    run: async ({ req, pool, note }) => {
      // 22 levels: 4× the finding's 20 (4.3 s of CPU), so one query alone outlasts the liveness bound
      const levels = 22
      const frags = Array.from(
        { length: levels },
        (_, i) =>
          `fragment F${i} on Article { relatedArticles { a: article { ...F${i + 1} } b: article { ...F${i + 1} } } }`,
      )
      frags.push(`fragment F${levels} on Article { id }`)
      const query = `query { Articles(limit: 1) { docs { ...F0 } } } ${frags.join(' ')}`
      note(`query ${query.length} bytes`)
      const once = { width: 1, n: 1, path: '/api/graphql' }
      const answers = await postMany({ req, pool }, once, () => ({ query }))
      note(`answers in ${answers.map((a) => `${(a.ms / 1000).toFixed(1)} s`).join(', ')}`)
      return []
    },
  },
  {
    id: 'F3',
    finding: '(3) hidden German text through where/count (visibility)',
    name: 'anonymous count/find with locale=de and where[title] on an article published in en only',
    run: async ({ req, admin, fx, note }) => {
      const like = `where[title][like]=${fx.hiddenWord}`
      const sanity = jsonOf(
        await req({ path: `/api/articles/count?locale=de&draft=true&${like}`, headers: admin }),
      )
      if (sanity?.totalDocs !== 1)
        return [`setup: the admin does not see the German draft text (${JSON.stringify(sanity)})`]
      const leaks: string[] = []
      for (const p of [
        `/api/articles/count?locale=de&${like}`,
        `/api/articles?locale=de&${like}&depth=0`,
        `/api/articles?locale=de&${like}&depth=0&draft=true`,
        `/api/articles/count?locale=de&draft=true&${like}`,
        `/api/articles?locale=de&fallback-locale=none&where[title][exists]=true&where[id][equals]=${fx.articleId}`,
      ]) {
        const a = await req({ path: p })
        const body = jsonOf(a)
        const n = body?.totalDocs ?? 0
        const text = a.body.toString()
        if (n > 0 || text.includes(fx.hiddenWord)) leaks.push(`${p} → ${a.status}, totalDocs ${n}`)
      }
      const gql = await req({
        method: 'POST',
        path: '/api/graphql',
        headers: json,
        body: JSON.stringify({
          query: `{ countArticles(locale: de, where: { title: { like: "${fx.hiddenWord}" } }) { totalDocs } }`,
        }),
      })
      const gn = jsonOf(gql)?.data?.countArticles?.totalDocs ?? 0
      if (gn > 0) leaks.push(`GraphQL countArticles(locale: de, like) → ${gn}`)
      note(`${leaks.length} of 6 probes leak`)
      return leaks.map((l) => `hidden German text matched: ${l}`)
    },
  },
  {
    id: 'F4',
    finding: '(4) uploads parsed before access (XMP)',
    name: 'anonymous PNGs with XMP packets: 4 × 1 MB (90,000 attributes) at once, then one of 5 MB',
    run: async ({ req, pool, note, cpuMs }) => {
      const cpu0 = await cpuMs()
      // the finding's 1 MB packet costs ~1.2 s per upload, each parse a single event-loop task;
      // a 5 MB one (450,000 attributes, well under the upload limit) outlasts the liveness bound alone
      const png = await pngWithXmp(90_000)
      const big = await pngWithXmp(450_000)
      note(`PNGs ${(png.length / MB).toFixed(2)} and ${(big.length / MB).toFixed(2)} MB`)
      const answers = await pool(
        4,
        Array.from({ length: 4 }, (_, i) => () => {
          const m = multipart(
            { _payload: JSON.stringify({ alt: 'x' }) },
            { name: `xmp-${i}.png`, type: 'image/png', data: png },
          )
          return req({ method: 'POST', path: '/api/images', headers: m.headers, body: m.body })
        }),
      )
      const m = multipart(
        { _payload: JSON.stringify({ alt: 'x' }) },
        { name: 'xmp-big.png', type: 'image/png', data: big },
      )
      answers.push(
        await req({ method: 'POST', path: '/api/images', headers: m.headers, body: m.body }),
      )
      note(
        `statuses ${answers.map((a) => a.status).join(',')}, slowest ${(Math.max(...answers.map((a) => a.ms)) / 1000).toFixed(1)} s`,
      )
      // the parse is split into event-loop slices of ~1 s, which /healthz slips between: the cost
      // shows in CPU time. An anonymous upload is refused before it is parsed (~100 ms at most).
      const perUpload = ((await cpuMs()) - cpu0) / answers.length
      note(`${perUpload.toFixed(0)} ms CPU per refused upload`)
      return [
        ...(answers.some((a) => a.status < 300) ? ['an anonymous upload was accepted'] : []),
        ...(perUpload > 500
          ? [
              `${perUpload.toFixed(0)} ms of server CPU per anonymous upload before its 403 (bound 500 ms)`,
            ]
          : []),
      ]
    },
  },
  {
    id: 'F5',
    finding: '(5) 1 MB e-mails retained by the login throttle',
    name: '50 failed logins with distinct 1 MB e-mail strings (10 addresses)',
    run: async (c) => {
      const from = addresses(10, 1)
      await postMany(c, { width: 8, n: 50, path: '/api/users/login', from }, (i) => ({
        email: `${i}-${'e'.repeat(MB)}@example.com`,
        password: 'wrong',
      }))
      return []
    },
  },
  {
    id: 'F7',
    finding: '(7) anonymous original image keeps EXIF GPS',
    name: 'anonymous GET /api/images/file/<original> of an upload with GPS',
    run: async ({ req, fx, note }) => {
      const a = await req({ path: `/api/images/file/${encodeURIComponent(fx.imageFile)}` })
      note(`status ${a.status}, ${a.body.length} bytes`)
      if (a.status !== 200) return []
      return (await hasGps(a.body))
        ? ['the original served to anyone still has its GPS position']
        : []
    },
  },
  {
    id: 'F8',
    finding: '(8) many-address login storm (hash queue, throttle)',
    name: 'login storm on the admin account: 80 source addresses × 1 wrong password, 40 at once',
    run: async ({ req, pool, note }) => {
      const from = addresses(80, 2)
      const started = performance.now()
      const answers = await postMany(
        { req, pool },
        { width: 40, n: 80, path: '/api/users/login', from },
        (i) => ({ email: process.env.HOSTILE_ADMIN_EMAIL, password: `wrong-${i}` }),
      )
      const by: Record<number, number> = {}
      for (const a of answers) by[a.status] = (by[a.status] ?? 0) + 1
      note(
        `statuses ${JSON.stringify(by)}, ${(answers.length / ((performance.now() - started) / 1000)).toFixed(1)} attempts/s`,
      )
      return []
    },
  },
  // -- the lows --
  {
    id: 'L1',
    finding: 'low: schedule validation (year 10000)',
    name: 'schedule `at` of +010000-01-01T00:00:00Z',
    run: async ({ req, admin, fx, note }) => {
      const a = await req({
        method: 'POST',
        path: `/api/articles/${fx.articleId}/schedule`,
        headers: { ...admin, ...json },
        body: JSON.stringify({ type: 'publish', locale: 'de', at: '+010000-01-01T00:00:00Z' }),
      })
      note(`status ${a.status}`)
      return a.status < 400 ? [`accepted (${a.status}): a schedule in the year 10000`] : []
    },
  },
  {
    id: 'L2',
    finding: 'low: `?where=x` (edge)',
    name: 'GET /api/articles?where=x, count and GraphQL-free variants',
    run: async ({ req }) => {
      for (const p of [
        '/api/articles?where=x',
        '/api/articles/count?where=x',
        '/api/images?where=x',
        '/api/related-articles?where=x&depth=0',
      ])
        await req({ path: p })
      return []
    },
  },
  {
    id: 'L3',
    finding: 'low: sort over 60 relation paths (edge)',
    name: 'sort over 60 relation paths (from the config), anonymous and admin',
    run: async ({ req, admin, fx, note }) => {
      const paths = Array.from(
        { length: 60 },
        (_, i) => `${i % 2 ? '-' : ''}${fx.relationPaths[i % fx.relationPaths.length]}`,
      )
      const sort = encodeURIComponent(paths.join(','))
      note(`${fx.relationPaths.length} distinct relation paths`)
      const a = await req({ path: `/api/articles?sort=${sort}&depth=0&limit=5` })
      await req({ path: `/api/articles?sort=${sort}&depth=0&limit=5&draft=true`, headers: admin })
      note(`anonymous in ${(a.ms / 1000).toFixed(2)} s`)
      return []
    },
  },
  {
    id: 'L4',
    finding: 'low: rich-text link with a url object (edge)',
    name: 'articles whose body links to a url that is an object/array: saved, then read (API, reader page)',
    run: async ({ req, admin, note }) => {
      const link = (fields: Record<string, unknown>) => linkDocument(fields, { text: 'x' })
      const out: string[] = []
      const custom = (url: unknown) => ({ url, newTab: false, linkType: 'custom' })
      for (const [i, fields] of [
        custom({}),
        custom({ $gt: '' }),
        custom(['https://example.com']),
        custom(7),
        { url: { a: 1 } },
        { linkType: 'internal', doc: { relationTo: 'articles', value: { a: 1 } } },
      ].entries()) {
        const slug = `hostile-link-${i}-${crypto.randomBytes(3).toString('hex')}`
        const a = await req({
          method: 'POST',
          path: '/api/articles?locale=en',
          headers: { ...admin, ...json },
          body: JSON.stringify({
            title: `Link ${i}`,
            slug,
            _status: 'published',
            body: link(fields),
          }),
        })
        out.push(`${JSON.stringify(fields)}: save ${a.status}`)
        if (a.status < 300) {
          await req({ path: `/api/articles?where[slug][equals]=${slug}&locale=en` })
          await req({ path: `/en/articles/${slug}` })
        }
      }
      // a draft save skips field validation: stored as sent, then read back and published
      const draft = await req({
        method: 'POST',
        path: '/api/articles?locale=en&draft=true',
        headers: { ...admin, ...json },
        body: JSON.stringify({
          title: 'Link draft',
          _status: 'draft',
          body: link(custom({ a: 1 })),
        }),
      })
      const id = jsonOf(draft)?.doc?.id
      out.push(`draft save ${draft.status}`)
      if (id) {
        await req({ path: `/api/articles/${id}?locale=en&draft=true`, headers: admin })
        const pub = await req({
          method: 'PATCH',
          path: `/api/articles/${id}?locale=en`,
          headers: { ...admin, ...json },
          body: JSON.stringify({ _status: 'published' }),
        })
        out.push(`publish ${pub.status}`)
      }
      note(out.join(', '))
      return []
    },
  },
  {
    id: 'L5',
    finding: 'low: lock document with a bad user id (edge)',
    name: 'POST /api/payload-locked-documents with user value "not-a-user"',
    run: async ({ req, admin, fx }) => {
      for (const value of ['not-a-user', '999999999', '{"a":1}'])
        await req({
          method: 'POST',
          path: '/api/payload-locked-documents',
          headers: { ...admin, ...json },
          body: JSON.stringify({
            document: { relationTo: 'articles', value: fx.articleId },
            globalSlug: null,
            user: { relationTo: 'users', value },
          }),
        })
      return []
    },
  },
  {
    id: 'L6',
    finding: 'low: absolute-form request target (edge)',
    name: 'GET http://evil.example/api/articles (absolute-form target)',
    run: async ({ raw, note }) => {
      const out: string[] = []
      for (const target of [
        'http://evil.example/api/articles',
        'http://evil.example/admin',
        'https://evil.example:99/api/graphql?x=%ZZ',
      ]) {
        const a = await raw(
          Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
        )
        out.push(`${target} → ${a.status}`)
      }
      note(out.join(', '))
      // a target naming another host is not ours to answer: a 4xx (400 or 421), not content or a redirect
      return out
        .filter((o) => !/→ 4\d\d$/.test(o))
        .map((o) => `answered a request for another host: ${o}`)
    },
  },
  {
    id: 'L7',
    finding: 'low: X-Powered-By (edge)',
    name: 'no X-Powered-By on API, admin and reader answers',
    run: async ({ raw }) => {
      const found: string[] = []
      for (const p of ['/api/articles?limit=1', '/admin/login', '/de', '/api/nope'])
        if (
          /^x-powered-by:/im.test(
            (
              await raw(
                Buffer.from(`GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
              )
            ).body
              .toString('latin1')
              .split('\r\n\r\n')[0],
          )
        )
          found.push(p)
      return found.map((p) => `X-Powered-By on ${p}`)
    },
  },
  {
    id: 'L8',
    finding: 'low: unbounded read depth and GraphQL list fan-out (read budget)',
    name: 'anonymous depth=10&limit=100 (locale=all), depth 2 × limit 100, twelve aliased lists of 100 nested 3 deep',
    run: async ({ req, note, cpuMs }) => {
      const nested =
        'title body relatedArticles { title article { title body relatedArticles { article { title body relatedArticles { article { title body } } } } } }'
      const query = `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: Articles(locale: en, limit: 100) { docs { ${nested} } }`).join(' ')} }`
      const cpu0 = await cpuMs()
      const answers = [
        await req({ path: '/api/articles?locale=all&depth=10&limit=100' }),
        await req({ path: '/api/articles?locale=en&depth=2&limit=100' }),
        await req({
          method: 'POST',
          path: '/api/graphql',
          headers: { ...json, accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query }),
        }),
      ]
      const perRead = ((await cpuMs()) - cpu0) / answers.length
      note(
        `statuses ${answers.map((a) => a.status).join(',')}, ${perRead.toFixed(0)} ms CPU per read`,
      )
      // each is refused by the read budget (src/features/limits/readBudget.ts) before Payload reads
      return answers
        .map((a, i) =>
          a.status === 400
            ? undefined
            : `read ${i + 1} answered ${a.status}, not the read budget's 400: ${a.body.toString().slice(0, 120)}`,
        )
        .filter((f): f is string => Boolean(f))
    },
  },
]
