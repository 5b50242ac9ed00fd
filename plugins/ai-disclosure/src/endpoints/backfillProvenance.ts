import type { Access, Endpoint, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { nestedReq } from '../utilities/nestedReq'

import type { ProvenanceReader } from '../provenance/read'

import { PLUGIN_NAMESPACE } from '../constants'
import { provenanceContext } from '../hooks/provenance'
import { loose } from '../utilities/loose'

const MAX_BATCH = 100

/**
 * `POST /api/ai-disclosure/provenance/backfill?collection=images[&limit=50][&all=true]`: reads the
 * provenance of stored originals that have none yet (`all`: every image again), a batch at a time.
 * Answers `{ read, remaining, results: [{ id, status, source, aiGenerated }], errors }`; call again
 * while `remaining > 0`.
 */
export const createBackfillEndpoint = ({
  access,
  imageCollections,
  read,
}: {
  access: Access
  imageCollections: string[]
  read: ProvenanceReader
}): Endpoint => ({
  handler: async (req: PayloadRequest) => {
    if (!(await access({ req }))) {
      return Response.json(
        { errors: [{ message: 'You are not allowed to do this.' }] },
        { status: 403 },
      )
    }
    const url = new URL(req.url ?? 'http://localhost')
    const slug = url.searchParams.get('collection') ?? imageCollections[0]
    if (!slug || !imageCollections.includes(slug)) {
      return Response.json(
        {
          errors: [
            { message: `"${slug ?? ''}" is not an image collection of the AI-disclosure plugin.` },
          ],
        },
        { status: 400 },
      )
    }
    const limitParam = url.searchParams.get('limit')
    const limit = limitParam === null ? 20 : Number(limitParam)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BATCH) {
      return Response.json(
        { errors: [{ message: `limit must be an integer from 1 to ${MAX_BATCH}.` }] },
        { status: 400 },
      )
    }
    const all = url.searchParams.get('all') === 'true'
    const collection = (
      req.payload.collections as Record<string, { config: SanitizedCollectionConfig }>
    )[slug]!.config
    const staticDir = collection.upload?.staticDir
    if (!staticDir || collection.upload?.disableLocalStorage) {
      return Response.json(
        {
          errors: [
            { message: 'The back-fill reads originals from local storage (staticDir) only.' },
          ],
        },
        { status: 400 },
      )
    }
    const api = loose(req.payload)
    const where = all ? {} : { 'provenance.readAt': { exists: false } }
    const cursor = all ? url.searchParams.get('after') : null
    const { docs, totalDocs } = await api.find({
      collection: slug,
      depth: 0,
      limit,
      overrideAccess: true,
      pagination: true,
      req: nestedReq(req),
      sort: 'createdAt',
      where: cursor ? { and: [where, { createdAt: { greater_than: cursor } }] } : where,
    })
    const results: Array<Record<string, unknown>> = []
    const errors: Array<{ id: unknown; message: string }> = []
    for (const doc of docs as Array<Record<string, any>>) {
      try {
        if (!doc.filename) throw new Error('the document has no file')
        const bytes = await readFile(path.join(staticDir, path.basename(String(doc.filename))))
        const provenance = await read(bytes, doc.mimeType)
        const updated = (await api.update({
          id: doc.id,
          collection: slug,
          context: provenanceContext(slug, provenance),
          data: {},
          depth: 0,
          overrideAccess: true,
          req: nestedReq(req),
        })) as Record<string, any>
        results.push({
          aiGenerated: updated.aiGenerated,
          id: doc.id,
          source: provenance.source,
          status: provenance.status,
        })
      } catch (err) {
        errors.push({ id: doc.id, message: (err as Error).message })
      }
    }
    const last = docs.at(-1) as undefined | { createdAt?: string }
    return Response.json({
      errors,
      read: results.length,
      ...(all && last?.createdAt ? { next: last.createdAt } : {}),
      remaining: Math.max(0, totalDocs - docs.length),
      results,
    })
  },
  method: 'post',
  path: `/${PLUGIN_NAMESPACE}/provenance/backfill`,
})
