import crypto from 'node:crypto'
import zlib from 'node:zlib'

import { encode, Tag } from 'cbor2'
import sharp from 'sharp'

import { loadC2PA, toC2PABlob } from '../src/provenance/c2paWasm'

// Builders of the provenance test images. `make-provenance-fixtures.ts` writes the small ones to
// tests/fixtures/provenance/; the tests build the large ones (several-MB XMP, pixel bomb) in memory.

export const IPTC_EXT = 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/'
export const DST = 'http://cv.iptc.org/newscodes/digitalsourcetype/'

export type TestSigner = { caPem: string; certPem: string; keyPem: string }

const pemToDer = (pem: string): Uint8Array =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'))

const RESERVE = 10_000

/**
 * A COSE_Sign1 signer for the C2PA wasm builder, which leaves the COSE structure to the caller:
 * ES256 over the claim, x5chain (signer, CA) in the protected header, padded to the reserved size.
 */
const coseSigner = ({ caPem, certPem, keyPem }: TestSigner) => {
  const key = crypto.createPrivateKey(keyPem)
  const protectedHeader = encode(
    new Map<number, unknown>([
      [1, -7], // alg: ES256
      [33, [pemToDer(certPem), pemToDer(caPem)]], // x5chain
    ]),
  )
  return {
    alg: 'es256',
    reserveSize: RESERVE,
    sign: async (claim: Uint8Array) => {
      const toBeSigned = encode(['Signature1', protectedHeader, new Uint8Array(0), claim])
      const signature = crypto.sign('sha256', toBeSigned, { dsaEncoding: 'ieee-p1363', key })
      const build = (pad: number) =>
        encode(
          new Tag(18, [
            protectedHeader,
            new Map([['pad', new Uint8Array(pad)]]),
            null,
            new Uint8Array(signature),
          ]),
        )
      let pad = 0
      let cose = build(pad)
      while (cose.length !== RESERVE) {
        pad += RESERVE - cose.length
        cose = build(pad)
      }
      return cose as Uint8Array<ArrayBuffer>
    },
  }
}

export type Format = 'jpeg' | 'png' | 'webp'

/** A small picture with some structure (so a changed byte changes the pixels). */
export const plainImage = async (format: Format, width = 480, height = 320): Promise<Buffer> => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#1d4e89"/>
    <circle cx="${width / 3}" cy="${height / 2}" r="${height / 3}" fill="#f2a541"/>
    <rect x="${width / 2}" y="${height / 4}" width="${width / 3}" height="${height / 2}" fill="#e4572e"/>
  </svg>`
  return sharp(Buffer.from(svg)).toFormat(format).toBuffer()
}

/** An image with a C2PA manifest: created by an AI generator (trainedAlgorithmicMedia). */
export const c2paSigned = async (
  signer: TestSigner,
  format: Format,
  { ingredients = 0 }: { ingredients?: number } = {},
): Promise<Buffer> => {
  const { WasmBuilder } = loadC2PA()
  const mime = `image/${format}`
  const builder = WasmBuilder.fromJson(
    JSON.stringify({
      assertions: [
        {
          data: {
            actions: [
              {
                action: 'c2pa.created',
                digitalSourceType: `${DST}trainedAlgorithmicMedia`,
                softwareAgent: { name: 'Example Image Model', version: '3.1' },
              },
            ],
          },
          label: 'c2pa.actions.v2',
        },
      ],
      claim_generator_info: [{ name: 'Example Image Generator', version: '2.1' }],
      format: mime,
      title: `generated.${format}`,
    }),
  )
  for (let i = 0; i < ingredients; i++) {
    builder.addIngredient(
      JSON.stringify({
        format: 'image/jpeg',
        relationship: 'inputTo',
        title: `reference-${i}.jpg`,
      }),
    )
  }
  const signed = await builder.sign(
    coseSigner(signer) as never,
    [],
    mime,
    toC2PABlob(await plainImage(format)),
  )
  builder.free()
  return Buffer.from(signed)
}

/**
 * One changed byte in the image data: a value of the JPEG quantization table (DQT) after the
 * manifest, so the file still decodes but the data hash no longer matches.
 */
export const tampered = (signedJpeg: Buffer): Buffer => {
  const copy = Buffer.from(signedJpeg)
  const dqt = copy.indexOf(Buffer.from([0xff, 0xdb]), copy.lastIndexOf(Buffer.from('jumb')))
  if (dqt < 0) throw new Error('no quantization table after the manifest')
  const at = dqt + 10
  copy[at] = copy[at]! > 1 ? copy[at]! - 1 : copy[at]! + 1
  return copy
}

/** Garbage inside the manifest store (the JUMBF in JPEG APP11 segments). */
export const corruptManifest = (signedJpeg: Buffer): Buffer => {
  const copy = Buffer.from(signedJpeg)
  const jumbf = copy.indexOf(Buffer.from('jumb'))
  if (jumbf < 0) throw new Error('no JUMBF box found')
  for (let i = jumbf + 40; i < jumbf + 240 && i < copy.length; i++) copy[i] = (i * 37) & 0xff
  return copy
}

/**
 * The COSE algorithm of the signature changed to an unassigned one (-1), same length: the SDK
 * cannot verify it.
 */
export const unknownAlgorithm = (signedJpeg: Buffer): Buffer => {
  const copy = Buffer.from(signedJpeg)
  // protected header: map(2) { 1: -7 (ES256), 33: x5chain … }
  const at = copy.indexOf(Buffer.from([0xa2, 0x01, 0x26, 0x18, 0x21]))
  if (at < 0) throw new Error('no ES256 protected header found')
  copy[at + 2] = 0x20
  return copy
}

export type XmpFields = {
  aiSystem?: string
  aiSystemVersion?: string
  credit?: string
  creator?: string
  digitalSourceType?: string
  prompt?: string
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

/**
 * An XMP packet. `attribute`: properties as attributes of rdf:Description (how Midjourney and
 * exiftool's compact form write them); `element`: child elements, the IPTC prefix renamed to show
 * that only the namespace URI counts.
 */
export const xmpPacket = (
  fields: XmpFields,
  form: 'attribute' | 'element',
  padding = '',
): string => {
  const ns = `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"`
  const ext = form === 'attribute' ? 'Iptc4xmpExt' : 'iptcx'
  const simple: Array<[string, string | undefined]> = [
    [`${ext}:DigitalSourceType`, fields.digitalSourceType],
    [`${ext}:AISystemUsed`, fields.aiSystem],
    [`${ext}:AISystemVersionUsed`, fields.aiSystemVersion],
    [`${ext}:AIPromptInformation`, fields.prompt],
    ['photoshop:Credit', fields.credit],
  ]
  const creator = fields.creator
    ? `<dc:creator><rdf:Seq><rdf:li>${esc(fields.creator)}</rdf:li></rdf:Seq></dc:creator>`
    : ''
  const pad = padding
    ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${padding}</rdf:li></rdf:Alt></dc:description>`
    : ''
  const body =
    form === 'attribute'
      ? `<rdf:Description rdf:about="" ${ns} xmlns:${ext}="${IPTC_EXT}" ${simple
          .filter(([, v]) => v)
          .map(([k, v]) => `${k}="${esc(v!)}"`)
          .join(' ')}>${creator}${pad}</rdf:Description>`
      : `<rdf:Description rdf:about="" ${ns} xmlns:${ext}="${IPTC_EXT}">${simple
          .filter(([, v]) => v)
          .map(([k, v]) => `<${k}>${esc(v!)}</${k}>`)
          .join('')}${creator}${pad}</rdf:Description>`
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${body}</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
}

export const withXmp = async (format: Format, packet: string): Promise<Buffer> =>
  sharp(await plainImage(format))
    .withXmp(packet)
    .toFormat(format)
    .toBuffer()

const pngChunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** Inserts chunks right after IHDR (8-byte signature + 25-byte IHDR chunk). */
export const insertPngChunks = (png: Buffer, chunks: Buffer[]): Buffer =>
  Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)])

export const tEXt = (keyword: string, text: string): Buffer =>
  pngChunk(
    'tEXt',
    Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]),
  )

/** A compressed iTXt chunk (how a large XMP packet fits into a small PNG). */
export const compressedITXt = (keyword: string, text: string): Buffer =>
  pngChunk(
    'iTXt',
    Buffer.concat([
      Buffer.from(keyword, 'latin1'),
      Buffer.from([0, 1, 0, 0, 0]), // NUL, compressed, zlib, empty language, empty translated keyword
      zlib.deflateSync(Buffer.from(text, 'utf8')),
    ]),
  )

export const SD_PARAMETERS =
  'a lighthouse in a storm, oil painting, dramatic light\nNegative prompt: blurry\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234, Size: 768x512, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Version: v1.10.1'

/** A Stable Diffusion (AUTOMATIC1111) PNG: the prompt and settings in a `parameters` text chunk. */
export const pngParameters = async (): Promise<Buffer> =>
  insertPngChunks(await plainImage('png'), [tEXt('parameters', SD_PARAMETERS)])

/** A ComfyUI PNG: `prompt` (the node graph as run) and `workflow` JSON chunks. */
export const pngComfy = async (): Promise<Buffer> =>
  insertPngChunks(await plainImage('png'), [
    tEXt(
      'prompt',
      JSON.stringify({
        '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a red fox in snow, photo' } },
        '4': {
          class_type: 'CheckpointLoaderSimple',
          inputs: { ckpt_name: 'flux1-dev.safetensors' },
        },
      }),
    ),
    tEXt('workflow', JSON.stringify({ nodes: [{ id: 6, type: 'CLIPTextEncode' }], version: 0.4 })),
  ])

/** A camera photo: EXIF make/model/serial and GPS, no AI marks. */
export const cameraWithGps = async (): Promise<Buffer> =>
  sharp(await plainImage('jpeg'))
    .withExif({
      IFD0: { Make: 'ExampleCam', Model: 'X100', Software: 'ExampleCam firmware 1.2' },
      IFD2: { BodySerialNumber: 'SN-0042-1337', DateTimeOriginal: '2026:11:02 09:15:00' },
      IFD3: {
        GPSLatitude: '52/1 31/1 1234/100',
        GPSLatitudeRef: 'N',
        GPSLongitude: '13/1 24/1 3456/100',
        GPSLongitudeRef: 'E',
      },
    })
    .jpeg()
    .toBuffer()

/** A PNG whose XMP packet is `megabytes` MB (compressed in an iTXt chunk, so the file stays small). */
export const hugeXmpPng = async (megabytes = 6): Promise<Buffer> =>
  insertPngChunks(await plainImage('png'), [
    compressedITXt(
      'XML:com.adobe.xmp',
      xmpPacket(
        { aiSystem: 'Huge', digitalSourceType: `${DST}trainedAlgorithmicMedia` },
        'attribute',
        'x'.repeat(megabytes * 1024 * 1024),
      ),
    ),
  ])

/**
 * A decompression bomb: a `size` × `size` solid-colour PNG (1 bit per pixel, so the file is tiny
 * while the decoded image would be size² pixels).
 */
export const pixelBombPng = (size = 20_000): Buffer => {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 1 // bit depth
  ihdr[9] = 0 // greyscale
  const row = Buffer.alloc(1 + Math.ceil(size / 8)) // filter byte + zero bits
  const deflate = zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)), {
    level: 9,
  })
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflate),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}
