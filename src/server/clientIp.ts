import type { Express, RequestHandler } from 'express'

/**
 * `TRUST_PROXY` as Express's `trust proxy` setting: empty/`false` trusts nobody (the socket's peer is
 * the client), `true` trusts every hop, a number trusts that many hops, anything else is a
 * comma-separated list of addresses, CIDRs or names (`loopback`, `linklocal`, `uniquelocal`).
 */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  const v = value?.trim() ?? ''
  if (v === '' || v === 'false') return false
  if (v === 'true') return true
  if (/^\d+$/.test(v)) return Number(v)
  return v
}

/**
 * Decides the client IP once, in Express, and hands only that address on: `X-Forwarded-For` is
 * overwritten with it, so Next and Payload (the consent log's rate limit and IP hash read its first
 * entry) never see an address the client wrote itself unless a trusted proxy vouched for it.
 */
export function clientIp(app: Express, trustProxy = process.env.TRUST_PROXY): void {
  app.set('trust proxy', trustProxySetting(trustProxy))
  const forward: RequestHandler = (req, _res, next) => {
    delete req.headers['x-real-ip']
    delete req.headers.forwarded
    if (req.ip) req.headers['x-forwarded-for'] = req.ip
    else delete req.headers['x-forwarded-for']
    next()
  }
  app.use(forward)
}
