import type { PayloadRequest } from 'payload'

import { createHmac } from 'crypto'

/** The client IP: first entry of `X-Forwarded-For`, else `X-Real-IP`. */
export const defaultGetClientIP = (req: PayloadRequest): string | undefined => {
  const forwarded = req.headers?.get('x-forwarded-for')
  const first = forwarded?.split(',')[0]?.trim()
  if (first) {
    return first
  }
  return req.headers?.get('x-real-ip')?.trim() || undefined
}

/** A salted hash (HMAC-SHA-256, hex) of the client IP. The raw IP is never stored. */
export const hashIP = (ip: string | undefined, salt: string): string =>
  createHmac('sha256', salt)
    .update(ip ?? 'unknown')
    .digest('hex')

/** The browser family of a User-Agent (no version, no device details). */
export const browserFamily = (userAgent: null | string | undefined): string => {
  if (!userAgent) {
    return 'unknown'
  }
  const ua = userAgent
  if (/bot|crawler|spider|crawling|headless/i.test(ua)) {
    return 'bot'
  }
  if (/Edg(e|A|iOS)?\//.test(ua)) {
    return 'Edge'
  }
  if (/OPR\/|Opera/.test(ua)) {
    return 'Opera'
  }
  if (/SamsungBrowser\//.test(ua)) {
    return 'Samsung Internet'
  }
  if (/Firefox\/|FxiOS\//.test(ua)) {
    return 'Firefox'
  }
  if (/Chrome\/|CriOS\/|Chromium\//.test(ua)) {
    return 'Chrome'
  }
  if (/Safari\//.test(ua) && /Version\//.test(ua)) {
    return 'Safari'
  }
  return 'other'
}
