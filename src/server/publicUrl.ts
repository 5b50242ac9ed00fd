/**
 * The site's public origin, the one source of every absolute URL the server writes (reader pages,
 * JSON-LD, emails, live preview, Payload's `csrf` list). `PUBLIC_URL` in production (e.g.
 * `https://news.example`); on a developer machine `http://localhost:PORT`. The request's `Host` and
 * `X-Forwarded-*` headers never decide it.
 */
/** Environment variables, as `process.env` holds them (tests pass plain objects). */
export type Env = Record<string, string | undefined>

export function publicUrl(env: Env = process.env): string {
  const configured = env.PUBLIC_URL?.trim()
  if (!configured) return `http://localhost:${Number(env.PORT) || 3000}`
  let url: URL
  try {
    url = new URL(configured)
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, not "${configured}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, not "${configured}"`)
  return url.origin
}
