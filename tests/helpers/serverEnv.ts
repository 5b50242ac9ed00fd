import crypto from 'node:crypto'

/**
 * The environment of a server on an SQLite file and a media folder of its own, with a fresh secret
 * and `admin` as the first admin; `extra` adds to it or overrides it.
 */
export function serverEnv(
  dbFile: string,
  mediaDir: string,
  admin: { email: string; password: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URI: `file:${dbFile}`,
    MEDIA_DIR: mediaDir,
    PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    ...extra,
  }
}
