import type {
  CollectionBeforeOperationHook,
  CollectionBeforeValidateHook,
  FieldHook,
  PayloadRequest,
} from 'payload'

import { readFile } from 'node:fs/promises'

import { nestedReq } from '../utilities/nestedReq'
import { ValidationError } from 'payload'

import type { ProvenanceReader } from '../provenance/read'
import type { ImageProvenance } from '../provenance/types'

import { PLUGIN_NAMESPACE } from '../constants'
import { assertUploadAllowed } from './provenanceAccess'
import { registerUpload } from '../provenance/copies'
import { resolveLabels } from '../provenance/labels'
import { buildXmp } from '../provenance/xmp'

/** Where the provenance read in this operation waits for the save (`req.context`). */
export const PROVENANCE_CONTEXT_KEY = `${PLUGIN_NAMESPACE}:provenance`

type Pending = { collection: string; provenance: ImageProvenance }

export const pendingProvenance = (
  req: PayloadRequest,
  collection: string,
): ImageProvenance | undefined => {
  const pending = req.context?.[PROVENANCE_CONTEXT_KEY] as Pending | undefined
  return pending?.collection === collection ? pending.provenance : undefined
}

const sentKey = (collection: string) => `${PLUGIN_NAMESPACE}:sent:${collection}`

/**
 * Remembers which fields the client sent (before Payload fills the rest from the stored document),
 * so the label rules can tell a choice from a value that was only carried along.
 */
export const rememberSentFields: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation === 'create' || operation === 'update') {
    const data = (args as { data?: Record<string, unknown> }).data
    req.context = { ...req.context, [sentKey(collection.slug)]: new Set(Object.keys(data ?? {})) }
  }
  return args
}

/** Hands provenance to the next save of `collection` with this `req`/context (upload or back-fill). */
export const provenanceContext = (collection: string, provenance: ImageProvenance) => ({
  [PROVENANCE_CONTEXT_KEY]: { collection, provenance } satisfies Pending,
})

type LooseT = (key: string, vars?: Record<string, unknown>) => string

/**
 * Reads the provenance of an uploaded file before Payload stores or resizes it (`req.file` is the
 * untouched upload, on create and on file replacement), and prepares the XMP of its resized copies.
 */
export const createReadOnUpload =
  ({
    read,
    xmpOnCopies,
  }: {
    read: ProvenanceReader
    xmpOnCopies: boolean
  }): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, overrideAccess, req }) => {
    if ((operation !== 'create' && operation !== 'update') || !req.file) return args
    // the read parses the file: only for a caller who may save it
    await assertUploadAllowed({ args, collection, operation, overrideAccess, req })
    const file = req.file as { data?: Buffer; mimetype?: string; tempFilePath?: string }
    const bytes = file.data?.length
      ? file.data
      : file.tempFilePath
        ? await readFile(file.tempFilePath)
        : undefined
    if (!bytes) return args
    const provenance = await read(bytes, file.mimetype)
    req.context = { ...req.context, ...provenanceContext(collection.slug, provenance) }

    let packet: string | undefined
    if (xmpOnCopies) {
      const id = (args as { id?: number | string }).id
      const originalDoc =
        operation === 'update' && id !== undefined
          ? await req.payload
              .findByID({
                id,
                collection: collection.slug as never,
                depth: 0,
                overrideAccess: true,
                req: nestedReq(req),
              })
              .catch(() => null)
          : null
      const labels = resolveLabels({
        data: ((args as { data?: Record<string, unknown> }).data ?? {}) as Record<string, unknown>,
        evidence: provenance,
        newFile: true,
        originalDoc: originalDoc as null | Record<string, unknown>,
      })
      packet = buildXmp({
        aiSystem: labels.aiSystem,
        credit: provenance.credit,
        digitalSourceType: labels.digitalSourceType,
      })
    }
    registerUpload(file, packet)
    return args
  }

/**
 * Keeps `aiGenerated`, `digitalSourceType` and `aiSystem` in agreement with each other and with the
 * file's evidence (see `resolveLabels`). Runs before validation and before Payload writes files, so
 * a rejected save leaves nothing behind.
 */
export const syncImageProvenance: CollectionBeforeValidateHook = ({
  collection,
  data,
  originalDoc,
  req,
}) => {
  if (!data) return data
  const fresh = collection ? pendingProvenance(req, collection.slug) : undefined
  const evidence = fresh ?? (originalDoc?.provenance as ImageProvenance | null | undefined)
  const result = resolveLabels({
    data,
    evidence,
    newFile: Boolean(fresh),
    originalDoc,
    sent: collection
      ? (req.context?.[sentKey(collection.slug)] as Set<string> | undefined)
      : undefined,
  })
  if (result.problems.length) {
    const t = req.t as unknown as LooseT
    throw new ValidationError(
      {
        collection: collection?.slug,
        errors: result.problems.map((problem) => ({
          message: t(`${PLUGIN_NAMESPACE}:${problem.key}`, problem.vars),
          path: problem.path,
        })),
        req,
      },
      req.t,
    )
  }
  data.aiGenerated = result.aiGenerated
  data.digitalSourceType = result.digitalSourceType
  if (result.aiSystem !== undefined) data.aiSystem = result.aiSystem
  return data
}

/** The stored provenance changes only with a new file (or a back-fill); clients cannot write it. */
export const keepProvenance: FieldHook = ({ collection, originalDoc, req }) =>
  (collection ? pendingProvenance(req, collection.slug) : undefined) ??
  originalDoc?.provenance ??
  null
