import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import { payloadCounts } from './payload'

async function checkDatabase(payload: Payload): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database did not answer within 3 s')), 3000)
  })
  try {
    await Promise.race([payload.count({ collection: 'locales' }), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `GET /healthz`: 200 when the process's Payload (the one every request uses) reaches its database,
 * 503 while shutting down or when the database does not answer. `payload` counts the config loads
 * and `onInit` runs in this process: 1 and 1 (one Payload per process).
 */
export const healthz =
  (payload: Payload, shuttingDown: () => boolean): RequestHandler =>
  async (_req, res) => {
    if (shuttingDown()) {
      res.status(503).json({ status: 'error', reason: 'shutting down' })
      return
    }
    try {
      await checkDatabase(payload)
      res.json({ status: 'ok', database: payload.db.name, payload: payloadCounts() })
    } catch (error) {
      res.status(503).json({ status: 'error', reason: `database: ${(error as Error).message}` })
    }
  }
