import type { PayloadRequest } from 'payload'

/**
 * Runs a Local API call that reads or writes another locale inside a hook. Payload's Local API sets
 * `req.locale` on the request it is given, so without this the rest of the outer operation (saving,
 * the response) would silently continue in the other locale.
 */
export async function keepLocale<T>(req: PayloadRequest, fn: () => Promise<T>): Promise<T> {
  const { locale, fallbackLocale } = req
  try {
    return await fn()
  } finally {
    req.locale = locale
    req.fallbackLocale = fallbackLocale
  }
}
