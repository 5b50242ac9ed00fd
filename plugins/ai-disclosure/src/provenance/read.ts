import sharp from 'sharp'

import type { ImageProvenance, ProvenanceOptions } from './types'

import {
  DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM,
  digitalSourceTypeURI,
  normalizeDigitalSourceType,
} from '../constants'
import { readC2PA, readerSettings, resolveTrustAnchors } from './c2pa'
import { readPngText } from './pngText'
import { parseXmp, type XmpProvenance, XmpError } from './xmp'

export const DEFAULTS = {
  maxManifestBytes: 64 * 1024,
  maxXmpBytes: 1024 * 1024,
  // Real packets (Photoshop's history included) have a few hundred to a few thousand; parsing
  // 90,000 attributes costs over a second of CPU.
  maxXmpNodes: 20_000,
  maxPromptLength: 4000,
}

/** Formats the C2PA SDK reads from the bytes of an upload. */
const C2PA_FORMATS: Record<string, string> = {
  avif: 'image/avif',
  gif: 'image/gif',
  heif: 'image/heif',
  jpeg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  tiff: 'image/tiff',
  webp: 'image/webp',
}

const clip = (value: string | undefined, max = 500): null | string =>
  value ? value.slice(0, max) : null

/** The manifest as stored: as is when small enough, else its outline (labels, signer, generator). */
const boundManifest = (
  manifest: Record<string, unknown> | undefined,
  max: number,
): null | Record<string, unknown> => {
  if (!manifest || !Object.keys(manifest).length) return null
  const json = JSON.stringify(manifest)
  if (json.length <= max) return manifest
  const { assertions, claim_generator_info, label, signature_info, title } = manifest as {
    assertions?: Array<{ label?: string }>
    [key: string]: unknown
  }
  return {
    assertions: (assertions ?? []).slice(0, 100).map((a) => ({ label: a.label })),
    claim_generator_info,
    label,
    signature_info,
    title,
    truncated: { bytes: json.length, limit: max },
  }
}

/**
 * How often uploads were read and XMP packets parsed in this process: lets tests (and operators)
 * tell that a refused request never reached the parser.
 */
export const provenanceStats = { reads: 0, xmpParses: 0 }

/** Elements plus attributes of an XMP packet, counted without parsing it (`<` and `="`). */
const countXmpNodes = (packet: Buffer, stopAt: number): number => {
  let count = 0
  for (const needle of [0x3c, 0x3d]) {
    let at = packet.indexOf(needle)
    while (at >= 0 && count <= stopAt) {
      count++
      at = packet.indexOf(needle, at + 1)
    }
  }
  return count
}

export type ProvenanceReader = (bytes: Uint8Array, mimeType?: string) => Promise<ImageProvenance>

/**
 * Reads an image's provenance from its bytes alone (no network): the C2PA manifest (validated),
 * XMP (IPTC digital source type and 2025.1 AI fields, creator, credit) and generator text chunks of
 * PNGs. Never throws for bad input: what cannot be read is reported in `status`/`reason`.
 */
export const createProvenanceReader = (options: ProvenanceOptions = {}): ProvenanceReader => {
  const maxManifestBytes = options.maxManifestBytes ?? DEFAULTS.maxManifestBytes
  const maxXmpBytes = options.maxXmpBytes ?? DEFAULTS.maxXmpBytes
  const maxXmpNodes = options.maxXmpNodes ?? DEFAULTS.maxXmpNodes
  const settings = readerSettings({
    trustAnchors: resolveTrustAnchors(options.trustAnchors),
    verifyTrust: options.verifyTrust !== false,
  })

  return async (bytes, mimeType) => {
    provenanceStats.reads++
    const reasons: string[] = []
    let metadata: sharp.Metadata | undefined
    try {
      metadata = await sharp(bytes, { limitInputPixels: false }).metadata()
    } catch (err) {
      reasons.push(`The image metadata could not be read: ${(err as Error).message}`)
    }

    const format =
      (metadata?.format && C2PA_FORMATS[metadata.format]) ||
      (mimeType && Object.values(C2PA_FORMATS).includes(mimeType) ? mimeType : undefined)
    const c2pa = format ? await readC2PA(bytes, format, settings) : undefined

    let xmp: XmpProvenance | undefined
    if (metadata?.xmp) {
      if (metadata.xmp.length > maxXmpBytes) {
        reasons.push(
          `The XMP packet (${metadata.xmp.length} bytes) is larger than the limit of ${maxXmpBytes} bytes and was not read.`,
        )
      } else if (countXmpNodes(metadata.xmp, maxXmpNodes) > maxXmpNodes) {
        reasons.push(
          `The XMP packet has more than ${maxXmpNodes} elements and attributes and was not read.`,
        )
      } else {
        provenanceStats.xmpParses++
        try {
          xmp = parseXmp(metadata.xmp.toString('utf8'))
        } catch (err) {
          if (!(err instanceof XmpError)) throw err
          reasons.push(`The XMP metadata could not be read: ${err.message}.`)
        }
      }
    }
    const png = metadata?.format === 'png' ? readPngText(metadata.comments) : undefined
    if (c2pa?.reason) reasons.unshift(c2pa.reason)

    const xmpType = xmp?.digitalSourceType
    const typeOf = (value: string | undefined) =>
      value ? (normalizeDigitalSourceType(value) ?? value) : undefined
    const digitalSourceType =
      typeOf(c2pa?.digitalSourceType) ??
      typeOf(xmpType) ??
      (png ? digitalSourceTypeURI(DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM) : undefined)
    const prompt = xmp?.prompt ?? png?.prompt
    const source = c2pa ? 'c2pa' : xmpHasProvenance(xmp) ? 'xmp' : png ? 'png-text' : 'none'
    const status = c2pa
      ? c2pa.status
      : reasons.length
        ? 'invalid'
        : source === 'none'
          ? 'none'
          : 'unsigned'

    return {
      actions: c2pa?.actions.length ? c2pa.actions : null,
      aiSystem: clip(c2pa?.aiSystem ?? xmp?.aiSystem ?? png?.aiSystem ?? undefined),
      aiSystemVersion: clip(
        c2pa?.aiSystem ? c2pa.aiSystemVersion : (xmp?.aiSystemVersion ?? undefined),
      ),
      claimGenerator: clip(c2pa?.claimGenerator),
      codes: c2pa?.codes.length ? c2pa.codes : null,
      credit: clip(xmp?.credit),
      creator: clip(xmp?.creator),
      digitalSourceType: clip(digitalSourceType),
      ingredients: c2pa ? c2pa.ingredients : null,
      manifest: boundManifest(c2pa?.manifest, maxManifestBytes),
      prompt: options.storePrompt && prompt ? prompt.slice(0, DEFAULTS.maxPromptLength) : null,
      promptPresent: Boolean(prompt),
      readAt: new Date().toISOString(),
      reason: reasons.length ? reasons.join(' ').slice(0, 2000) : null,
      signedAt: c2pa?.signedAt ?? null,
      signer: clip(c2pa?.signer),
      signerOrganization: clip(c2pa?.signerOrganization),
      source,
      status,
    }
  }
}

const xmpHasProvenance = (xmp: XmpProvenance | undefined): boolean =>
  Boolean(xmp && (xmp.digitalSourceType || xmp.aiSystem || xmp.prompt))
