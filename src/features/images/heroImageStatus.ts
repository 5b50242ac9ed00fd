/**
 * What the article form shows under its hero image: the image's AI label and its Content
 * Credentials status, from the image document (no React here, so tests and the component share it).
 */
import { toDigitalSourceTypeTerm } from 'payload-plugin-ai-disclosure/client'

/** The image fields the status needs (`select` of the admin's request). */
export const HERO_STATUS_SELECT = [
  'aiGenerated',
  'digitalSourceType',
  'aiSystem',
  'provenance',
  'filename',
] as const

export type HeroImageStatus = {
  aiGenerated: boolean
  aiSystem: null | string
  /** `ai-disclosure:ccStatus_<status>` names its label; null when the file was never read. */
  credentials: null | string
  /** `ai-disclosure:dst_<term>` names its label. */
  digitalSourceType: null | string
  signer: null | string
}

/** The REST path the component reads the image from (the editor's own session decides access). */
export const heroStatusPath = (apiRoute: string, id: number | string) =>
  `${apiRoute}/images/${encodeURIComponent(String(id))}?depth=0&${HERO_STATUS_SELECT.map((f) => `select[${f}]=true`).join('&')}`

export function heroImageStatus(
  image: null | Record<string, unknown> | undefined,
): HeroImageStatus {
  const provenance = (image?.provenance ?? {}) as Record<string, unknown>
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null)
  return {
    aiGenerated: image?.aiGenerated === true,
    aiSystem: text(image?.aiSystem) ?? text(provenance.aiSystem),
    credentials: text(provenance.status),
    digitalSourceType: toDigitalSourceTypeTerm(image?.digitalSourceType) ?? null,
    signer: text(provenance.signer),
  }
}
