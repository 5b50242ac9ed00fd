import path from 'node:path'

/**
 * The SQLite file used when DATABASE_URI is unset: data/newsroom.db, or data/newsroom-dev.db in
 * dev mode (Payload asks an interactive question when it migrates a file dev mode pushed its schema
 * into, so the two never share one).
 */
export function defaultDatabaseFile(
  dev = process.env.NODE_ENV === 'development',
  root = process.cwd(),
): string {
  return path.resolve(
    /* turbopackIgnore: true */ root,
    'data',
    dev ? 'newsroom-dev.db' : 'newsroom.db',
  )
}
