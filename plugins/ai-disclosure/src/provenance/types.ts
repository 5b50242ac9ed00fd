/** Where the provenance of an image came from (the strongest evidence the file carried). */
export const PROVENANCE_SOURCES = ['c2pa', 'xmp', 'png-text', 'none'] as const
export type ProvenanceSource = (typeof PROVENANCE_SOURCES)[number]

/**
 * What the evidence is worth:
 * - `trusted`: a C2PA manifest whose signature and hashes check out, signed by a certificate that
 *   chains to the configured trust list;
 * - `untrusted`: the same, but the signer is not on the trust list (or none is configured) – the
 *   file is unchanged since signing, but anyone can make a certificate with any name;
 * - `valid`: signature and hashes check out, trust was not evaluated (`verifyTrust: false`);
 * - `invalid`: a manifest is present but broken (changed after signing, corrupt, unknown
 *   algorithm …; see `codes` and `reason`), or the metadata could not be read;
 * - `unsigned`: only unsigned metadata (XMP, PNG text), which anyone can write or remove;
 * - `none`: the file carries no provenance at all.
 */
export const PROVENANCE_STATUSES = [
  'trusted',
  'untrusted',
  'valid',
  'invalid',
  'unsigned',
  'none',
] as const
export type ProvenanceStatus = (typeof PROVENANCE_STATUSES)[number]

export type ProvenanceAction = {
  action: string
  digitalSourceType?: string
  softwareAgent?: string
  when?: string
}

/** What the plugin read from an uploaded file (stored as the read-only `provenance` group). */
export type ImageProvenance = {
  actions: ProvenanceAction[] | null
  aiSystem: null | string
  aiSystemVersion: null | string
  claimGenerator: null | string
  codes: string[] | null
  credit: null | string
  creator: null | string
  /** The IPTC URI the file states (also unknown URIs, as written). */
  digitalSourceType: null | string
  ingredients: null | number
  /** The active manifest (JSON), shortened when larger than `maxManifestBytes`. */
  manifest: null | Record<string, unknown>
  /** The generator's prompt, only when the `storePrompt` option is on. */
  prompt: null | string
  /** Whether the file carries a generator prompt (XMP AIPromptInformation, PNG parameters/prompt). */
  promptPresent: boolean
  readAt: string
  /** Why something could not be read (corrupt manifest, oversized XMP …). */
  reason: null | string
  signedAt: null | string
  signer: null | string
  signerOrganization: null | string
  source: ProvenanceSource
  status: ProvenanceStatus
}

/** Options of the provenance reader (`provenance` option of the plugin). */
export type ProvenanceOptions = {
  /** Read provenance from uploaded files (default `true`). */
  enabled?: boolean
  /** Largest manifest JSON kept as is, in bytes (default 64 KB); larger ones are shortened. */
  maxManifestBytes?: number
  /** Largest XMP packet read, in bytes (default 1 MB); a larger one is reported and skipped. */
  maxXmpBytes?: number
  /**
   * Most elements plus attributes of an XMP packet that is parsed (default 20,000), counted without
   * parsing; a packet with more is reported and skipped.
   */
  maxXmpNodes?: number
  /** Keep the generator's prompt text (default `false`: only that a prompt exists). */
  storePrompt?: boolean
  /**
   * PEM bundle of trusted C2PA root/intermediate certificates. Default: the file or PEM text in
   * `C2PA_TRUST_ANCHORS`. Without one, a valid signature is reported as `untrusted`.
   */
  trustAnchors?: string
  /** Check the signer against the trust list (default `true`); `false` reports `valid`. */
  verifyTrust?: boolean
  /** Write XMP (digital source type, AI system, credit) into every resized copy (default `true`). */
  xmpOnCopies?: boolean
}
