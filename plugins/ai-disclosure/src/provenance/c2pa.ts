import fs from 'node:fs'

import type { ProvenanceAction, ProvenanceStatus } from './types'

import { isAIDigitalSourceType } from '../constants'
import { loadC2PA } from './c2paWasm'

export type C2PAProvenance = {
  actions: ProvenanceAction[]
  aiSystem?: string
  aiSystemVersion?: string
  claimGenerator?: string
  codes: string[]
  digitalSourceType?: string
  ingredients: number
  manifest: Record<string, unknown>
  reason?: string
  signedAt?: string
  signer?: string
  signerOrganization?: string
  status: ProvenanceStatus
}

/** The PEM bundle of trusted roots: the option, else the file or PEM text in C2PA_TRUST_ANCHORS. */
export const resolveTrustAnchors = (option?: string): string | undefined => {
  const value = option ?? process.env.C2PA_TRUST_ANCHORS
  if (!value?.trim()) return undefined
  if (value.includes('-----BEGIN')) return value
  return fs.readFileSync(value, 'utf8')
}

/** Reader settings: never fetch anything (remote manifests, OCSP); trust as configured. */
export const readerSettings = ({
  trustAnchors,
  verifyTrust,
}: {
  trustAnchors?: string
  verifyTrust: boolean
}): string =>
  JSON.stringify({
    ...(trustAnchors ? { trust: { trust_anchors: trustAnchors } } : {}),
    verify: {
      ocsp_fetch: false,
      remote_manifest_fetch: false,
      verify_after_reading: true,
      verify_trust: verifyTrust,
    },
  })

/** Error kinds of the SDK that only mean "there is no manifest". */
type Manifest = {
  assertions?: Array<{ data?: unknown; label?: string }>
  claim_generator?: string
  claim_generator_info?: Array<{ name?: string; version?: string }>
  ingredients?: unknown[]
  signature_info?: { common_name?: string; issuer?: string; time?: string }
}

type ValidationEntry = { code?: string; explanation?: string }

const agentName = (agent: unknown): { name?: string; version?: string } => {
  if (typeof agent === 'string') return { name: agent }
  if (agent && typeof agent === 'object') {
    const { name, version } = agent as { name?: unknown; version?: unknown }
    return {
      name: typeof name === 'string' ? name : undefined,
      version: typeof version === 'string' ? version : undefined,
    }
  }
  return {}
}

/** The actions of every `c2pa.actions` / `c2pa.actions.v2` assertion, in order. */
const actionsOf = (manifest: Manifest) =>
  (manifest.assertions ?? [])
    .filter((a) => a.label === 'c2pa.actions' || a.label === 'c2pa.actions.v2')
    .flatMap(
      (a) =>
        ((a.data as { actions?: unknown[] } | undefined)?.actions ?? []) as Array<
          Record<string, unknown>
        >,
    )

/**
 * Reads and validates the active C2PA manifest from the file's bytes (JPEG APP11, PNG caBX, WebP …).
 * `undefined` when the file has none; a broken store gives status `invalid` with the SDK's reason.
 */
export const readC2PA = async (
  bytes: Uint8Array,
  mimeType: string,
  settings: string,
): Promise<C2PAProvenance | undefined> => {
  const { WasmReader } = loadC2PA()
  let reader
  try {
    reader = await WasmReader.fromBytes(mimeType, bytes, settings)
  } catch (err) {
    const message = String((err as Error)?.message ?? err)
    if (/JumbfNotFound|UnsupportedType|NotFound\b/.test(message) && !/Provenance/.test(message)) {
      return undefined
    }
    if (/ProvenanceMissing/.test(message) && !hasManifestMarker(bytes)) return undefined
    return {
      actions: [],
      codes: [sdkCode(message)],
      ingredients: 0,
      manifest: {},
      reason: `The C2PA manifest could not be read: ${message.slice(0, 300)}`,
      status: 'invalid',
    }
  }
  try {
    const store = JSON.parse(reader.json()) as {
      validation_results?: { activeManifest?: { failure?: ValidationEntry[] } }
      validation_state?: string
      validation_status?: ValidationEntry[]
    }
    const manifest = (reader.activeManifest() ?? {}) as Manifest
    const failures = (
      store.validation_results?.activeManifest?.failure ??
      store.validation_status ??
      []
    ).filter((entry) => entry.code)
    const codes = [...new Set(failures.map((entry) => entry.code!))]
    const state = store.validation_state
    const onlyTrust = codes.every((code) => code.startsWith('signingCredential.untrusted'))
    const status: ProvenanceStatus =
      state === 'Trusted'
        ? 'trusted'
        : state === 'Invalid' || !onlyTrust
          ? 'invalid'
          : codes.length
            ? 'untrusted'
            : 'valid'

    const actions = actionsOf(manifest)
    const typed = actions.filter((a) => typeof a.digitalSourceType === 'string')
    const main =
      typed.find((a) => isAIDigitalSourceType(a.digitalSourceType)) ??
      typed.find((a) => a.action === 'c2pa.created') ??
      typed[0]
    const generator = manifest.claim_generator_info?.[0]
    const agent = agentName(
      main?.softwareAgent ?? actions.find((a) => a.softwareAgent)?.softwareAgent,
    )
    return {
      actions: actions.slice(0, 50).map((a) => ({
        action: String(a.action),
        ...(typeof a.digitalSourceType === 'string'
          ? { digitalSourceType: a.digitalSourceType }
          : {}),
        ...(agentName(a.softwareAgent).name
          ? {
              softwareAgent: [agentName(a.softwareAgent).name, agentName(a.softwareAgent).version]
                .filter(Boolean)
                .join(' '),
            }
          : {}),
        ...(typeof a.when === 'string' ? { when: a.when } : {}),
      })),
      aiSystem: agent.name ?? generator?.name,
      aiSystemVersion: agent.name ? agent.version : generator?.version,
      claimGenerator:
        (generator?.name && [generator.name, generator.version].filter(Boolean).join(' ')) ||
        manifest.claim_generator,
      codes: status === 'trusted' || status === 'valid' ? [] : codes,
      digitalSourceType: main?.digitalSourceType as string | undefined,
      ingredients: manifest.ingredients?.length ?? 0,
      manifest: manifest as Record<string, unknown>,
      reason:
        status === 'invalid'
          ? failures
              .map((entry) => `${entry.code}: ${entry.explanation ?? ''}`.trim())
              .join('; ')
              .slice(0, 1000)
          : undefined,
      signedAt: manifest.signature_info?.time,
      signer: manifest.signature_info?.common_name,
      signerOrganization: manifest.signature_info?.issuer,
      status,
    }
  } finally {
    reader.free()
  }
}

/** The SDK's error kind (`C2pa(ProvenanceMissing)` → `c2pa.ProvenanceMissing`). */
const sdkCode = (message: string): string => {
  const kind = message.match(/C2pa\((\w+)/)?.[1] ?? message.match(/^(\w+)/)?.[1]
  return kind ? `c2pa.${kind}` : 'c2pa.unreadable'
}

/** Whether the bytes hold a JUMBF box labelled c2pa (so "no provenance" means "broken"). */
const hasManifestMarker = (bytes: Uint8Array): boolean => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return buffer.includes('jumb') || buffer.includes('caBX') || buffer.includes('C2PA')
}
