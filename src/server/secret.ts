import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

// Outside production a fixed secret keeps `npm run dev`, tests and the generators simple;
// src/server/serve.ts refuses to start in production with it (or any other well-known value).
export const DEV_SECRET = 'newsroom-dev-secret-do-not-use-in-production'

// Values that appear in templates and tutorials; a server signing tokens with one of them is open.
const WELL_KNOWN = new Set([
  DEV_SECRET,
  'YOUR_SECRET_HERE',
  'your-secret-here',
  'secret',
  'changeme',
  'change-me',
  'payload',
  'test',
  'replace-me-with-a-long-random-string',
])

/** Why a secret may not be used in production, or null when it is fine. */
export function weakSecretReason(secret: string | undefined): string | null {
  if (!secret) return 'PAYLOAD_SECRET is not set'
  if (WELL_KNOWN.has(secret.trim())) return 'PAYLOAD_SECRET is a well-known default value'
  if (secret.length < 24) return 'PAYLOAD_SECRET is shorter than 24 characters'
  return null
}

/**
 * The local quick start (`npm start` with no NODE_ENV and no .env) gets a random secret written to
 * .env once, as create-payload-app does. A deployment that says NODE_ENV=production must bring its own.
 */
export function ensureLocalSecret(root: string): boolean {
  if (process.env.PAYLOAD_SECRET) return false
  const envFile = path.join(root, '.env')
  const secret = crypto.randomBytes(32).toString('hex')
  fs.appendFileSync(envFile, `${fs.existsSync(envFile) ? '\n' : ''}PAYLOAD_SECRET=${secret}\n`)
  process.env.PAYLOAD_SECRET = secret
  return true
}
