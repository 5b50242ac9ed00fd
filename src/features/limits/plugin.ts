import type { Plugin } from 'payload'

import { rejectInvalidCredentials } from './credentials'
import { trustedOrigins } from './csrf'
import { apiGuards } from './guards'
import { type LoginThrottleOptions, throttleLogins } from './loginThrottle'

export type LimitsOptions = {
  loginThrottle?: LoginThrottleOptions
}

/**
 * What a request may ask, in this order: the request guards (locale parameters, query, field and
 * upload limits, client errors; they also cover the fields the plugins before them add); a present
 * but invalid Authorization credential refused before any other hook runs; logins slowed per
 * address and account; and a cookie login counted only from the site's own origins (Payload's
 * `csrf` list).
 */
export const limitsPlugin =
  ({ loginThrottle }: LimitsOptions = {}): Plugin =>
  (config) => {
    const limited = throttleLogins(loginThrottle)(rejectInvalidCredentials(apiGuards(config)))
    return { ...limited, csrf: [...(limited.csrf ?? []), ...trustedOrigins()] }
  }
