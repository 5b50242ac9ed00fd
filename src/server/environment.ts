import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import dotenv from 'dotenv'

import { defaultDatabaseFile } from '../database/file'
import { LOCAL_RUN } from './deployment'
import { ensureLocalSecret } from './secret'

export { isDeployment } from './deployment'

/** Prints why the server cannot go on and ends the process with exit code 1. */
export const fail = (message: string): never => {
  console.error(message)
  process.exit(1)
}

/**
 * The project root (where package.json, .env, data/ and media/ are): the nearest folder above this
 * module with a package.json, so it is the same from src/server/ (tsx) and from dist/ (compiled).
 */
export const projectRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir)
    dir = path.dirname(dir)
  return dir
})()

/**
 * Settles the environment for the server and the seed CLI before Payload's config is loaded (it
 * reads NODE_ENV, PAYLOAD_SECRET and DATABASE_URI on import):
 * - .env is loaded (real environment variables win);
 * - anything but an explicit NODE_ENV=development runs as production, so the default SQLite file is
 *   only ever changed by migrations, never by dev mode's schema push;
 * - a local run without PAYLOAD_SECRET gets a random one written to .env (unless NODE_ENV=production
 *   was set explicitly: a deployment must bring its own).
 */
export function prepareEnvironment(): { dev: boolean; generatedSecret: boolean } {
  process.chdir(projectRoot) // data/, media/ and .env are relative to the project
  dotenv.config({ path: path.join(projectRoot, '.env'), quiet: true })
  process.env.NEXT_TELEMETRY_DISABLED ??= '1'
  const dev = process.env.NODE_ENV === 'development'
  if (dev) return { dev, generatedSecret: false }
  const deployed = process.env.NODE_ENV === 'production'
  const generatedSecret = !deployed && ensureLocalSecret(projectRoot)
  Object.assign(process.env, { NODE_ENV: 'production' }, deployed ? {} : { [LOCAL_RUN]: '1' })
  return { dev, generatedSecret }
}

/**
 * Payload asks an interactive question when it migrates a database that dev mode pushed its schema
 * into; without a terminal it would silently skip the migrations. Returns the reason to stop.
 */
export async function devPushedDatabaseReason(): Promise<string | null> {
  // The production file also in dev mode: the one `npm start` would migrate.
  const uri = process.env.DATABASE_URI || `file:${defaultDatabaseFile(false, projectRoot)}`
  const devPushes = 'SELECT count(*) AS n FROM payload_migrations WHERE batch = -1'
  const reason = (n: unknown, name: string) =>
    Number(n) === 0
      ? null
      : `${name} was changed by dev mode (schema push); production needs a database made by migrations. Use a fresh DATABASE_URI or delete the file.`
  if (/^postgres(ql)?:\/\//.test(uri)) {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: uri })
    try {
      await client.connect()
      const { rows } = await client.query(devPushes)
      return reason(rows[0]?.n, 'The PostgreSQL database')
    } catch {
      return null // not there yet, or no migrations table yet: a fresh database
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  if (!uri.startsWith('file:') || !fs.existsSync(uri.slice('file:'.length))) return null
  const { createClient } = await import('@libsql/client')
  const client = createClient({ url: uri })
  try {
    const rows = await client.execute(devPushes)
    return reason(rows.rows[0]?.n, uri)
  } catch {
    return null // no migrations table yet: a fresh database
  } finally {
    client.close()
  }
}
