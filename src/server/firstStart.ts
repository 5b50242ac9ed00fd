import type { Payload } from 'payload'

// What the server does on start after Payload is up (src/server/serve.ts): kept out of the Payload config,
// so the Next bundle that serves /admin and /api never pulls in the importer.

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when the database has no user yet. */
export async function ensureFirstAdmin(payload: Payload, env = process.env): Promise<boolean> {
  const email = env.ADMIN_EMAIL
  const password = env.ADMIN_PASSWORD
  if (!email || !password) return false
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return false
  await payload.create({ collection: 'users', data: { email, password, roles: ['admin'] } })
  payload.logger.info(`Created the first admin ${email} from ADMIN_EMAIL.`)
  return true
}

const SEEDED_KEY = 'newsroom:first-start-seed'

/**
 * On the very first start (an empty database), imports seed/documents/ so a new user sees content
 * at once. Remembered in Payload's key-value store: deleting every article later does not re-seed.
 */
export async function seedOnFirstStart(payload: Payload, documentsDir: string): Promise<void> {
  if (await payload.kv.has(SEEDED_KEY)) return
  const { totalDocs } = await payload.count({ collection: 'articles' })
  if (totalDocs === 0) {
    const { importDocuments, formatSummary } = await import('../../seed/import')
    const summary = await importDocuments(payload, [documentsDir])
    payload.logger.info(`First start: imported ${documentsDir}: ${formatSummary(summary)}`)
    for (const failure of summary.failed) payload.logger.warn(`${failure.file}: ${failure.reason}`)
  }
  await payload.kv.set(SEEDED_KEY, { at: new Date().toISOString() })
}
