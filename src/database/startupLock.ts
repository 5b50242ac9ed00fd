/**
 * One instance at a time through the start-up steps that write once per database: the migrations
 * (Payload 3 has no migration lock; it reads the applied ones, then runs the rest, which two
 * instances starting together on an empty database both pass), the first admin and the seed
 * import. The others wait, then find the work done.
 *
 * - SQLite file: a lock file beside the database (`<file>.start-lock`, created exclusively, holding
 *   the holder's pid); one machine shares a SQLite file, so a lock whose pid is gone is stale.
 * - PostgreSQL: `pg_advisory_lock` on its own connection, released when the work is done or the
 *   connection drops (a killed instance holds nothing).
 * - MongoDB and `:memory:`: none (MongoDB is not exercised here; see docs/database.md).
 */
import fs from 'node:fs'
import path from 'node:path'

import { defaultDatabaseFile } from './file'

const POLL_MS = 100
// Any 64-bit number the application owns: "newsroom start-up".
const ADVISORY_KEY = 4_716_013_117

export function startupLockFile(uri = process.env.DATABASE_URI): string | undefined {
  if (!uri) return `${defaultDatabaseFile()}.start-lock`
  return uri.startsWith('file:')
    ? `${path.resolve(uri.slice('file:'.length))}.start-lock`
    : undefined
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function withFileLock<T>(file: string, work: () => Promise<T>, waitMs: number): Promise<T> {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const until = Date.now() + waitMs
  let told = false
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(fs.readFileSync(file, { encoding: 'utf8', flag: 'a+' }))
    if (holder > 0 && !alive(holder)) {
      fs.rmSync(file, { force: true }) // its holder died: nothing holds it
      continue
    }
    if (Date.now() > until)
      throw new Error(`another instance (pid ${holder}) holds ${file} for longer than ${waitMs} ms`)
    if (!told) console.log(`Waiting for another instance's start-up (pid ${holder || '?'})…`)
    told = true
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  try {
    return await work()
  } finally {
    fs.rmSync(file, { force: true })
  }
}

async function createDatabase(pg: typeof import('pg').default, uri: string): Promise<void> {
  const target = new URL(uri)
  const name = decodeURIComponent(target.pathname.slice(1))
  const maintenance = new URL(uri)
  maintenance.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: maintenance.toString() })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error // created by another instance
  } finally {
    await admin.end().catch(() => undefined)
  }
}

async function withAdvisoryLock<T>(uri: string, work: () => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg')
  let client = new pg.Client({ connectionString: uri })
  try {
    await client.connect()
  } catch (error) {
    // No database yet: created here (as Payload would), so that every instance locks in it.
    if ((error as { code?: string }).code !== '3D000') throw error
    await createDatabase(pg, uri)
    client = new pg.Client({ connectionString: uri })
    await client.connect()
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_KEY])
    return await work()
  } finally {
    // Ending the session releases the lock too (and a killed instance's session ends with it).
    await client.end().catch(() => undefined)
  }
}

/** Runs `work` (open the database, migrate, first admin, seed) while no other instance does. */
export async function withStartupLock<T>(
  work: () => Promise<T>,
  uri = process.env.DATABASE_URI,
  waitMs = 10 * 60_000,
): Promise<T> {
  if (uri && /^postgres(ql)?:\/\//.test(uri)) return withAdvisoryLock(uri, work)
  const file = startupLockFile(uri)
  return file ? withFileLock(file, work, waitMs) : work()
}
