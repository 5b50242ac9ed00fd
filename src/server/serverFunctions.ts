import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'

import type { NextFunction, Request, Response } from 'express'
import type { CollectionSlug, Payload } from 'payload'

import { processState } from './payload'

/**
 * What one server-function request (a POST with `Next-Action`) learned on its way through Next:
 * `reached` once the app's `serverFunction` (src/app/(payload)/layout.tsx) ran, `status` when it
 * judged the failure to be the caller's (unknown function, bad arguments, no permission).
 */
export type ServerFunctionCall = { reached: boolean; status?: number }

// Kept on the shared Payload: the guard runs in dist/server.js, the layout in Next's own bundle.
const callsOf = (payload: Payload) =>
  processState(payload, 'serverFunctionCalls', () => new AsyncLocalStorage<ServerFunctionCall>())

/** The current server-function request's record, if any. */
export const currentServerFunctionCall = (payload: Payload): ServerFunctionCall | undefined =>
  callsOf(payload).getStore()

/** The `Next-Action` ids this build knows (Next's own server-reference manifest). */
export function knownActionIds(manifestFile: string): Set<string> {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
      node?: Record<string, unknown>
      edge?: Record<string, unknown>
    }
    return new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})])
  } catch {
    return new Set()
  }
}

const HAS_USERS_MS = 10_000

/**
 * The admin's server functions answer every request Next lets through with 500 when they throw, and
 * Next's own body decoding fails with 500 too. Before Next: an id this build does not know is 404;
 * a caller Payload does not know is 401 (the only anonymous use is the first-user form, while there
 * are no users). Through Next: a failure before our `serverFunction` ran (the body did not decode,
 * the bound arguments of Payload's language switch did not decrypt) is 400; one it judged the
 * caller's gets the status it chose. Real faults inside a valid call stay 500.
 */
export function serverFunctionGuard(options: { payload: Payload; actionIds: ReadonlySet<string> }) {
  const { payload, actionIds } = options
  let usersExistUntil = 0
  const usersExist = async (): Promise<boolean> => {
    if (Date.now() < usersExistUntil) return true
    const { totalDocs } = await payload.count({
      collection: payload.config.admin.user as CollectionSlug,
    })
    if (totalDocs > 0) usersExistUntil = Date.now() + HAS_USERS_MS
    return totalDocs > 0
  }
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const id = req.headers['next-action']
    if (req.method !== 'POST' || id === undefined) return next()
    try {
      if (typeof id !== 'string' || (actionIds.size > 0 && !actionIds.has(id))) {
        res.status(404).type('text/plain').send('No such server function.')
        return
      }
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value)
      const { user } = await payload.auth({ headers })
      if (!user && (await usersExist())) {
        res.status(401).type('text/plain').send('Log in to use the admin.')
        return
      }
    } catch (error) {
      return next(error)
    }
    const call: ServerFunctionCall = { reached: false }
    const writeHead = res.writeHead
    res.writeHead = function (this: Response, status: number, ...rest: unknown[]) {
      if (status === 500 && (!call.reached || call.status)) {
        status = call.reached ? call.status! : 400
        res.statusCode = status
      }
      return (writeHead as (...args: unknown[]) => Response).call(this, status, ...rest)
    } as Response['writeHead']
    callsOf(payload).run(call, () => next())
  }
}

/**
 * The status for an error a server function threw, when the caller is to blame: Payload's own
 * errors carry one (401, 403, 404, 400 for validation); an unknown function name is 404; a
 * handler choking on arguments of the wrong shape (TypeError, RangeError, SyntaxError, URIError:
 * a document id that is no URI component) is 400.
 */
export function callerErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return 400
  const status = (error as { status?: unknown }).status
  if (typeof status === 'number' && status >= 400 && status < 500) return status
  if (error.message.startsWith('Unknown Server Function')) return 404
  const shape = [TypeError, RangeError, SyntaxError, URIError]
  if (shape.some((type) => error instanceof type)) return 400
  return undefined
}
