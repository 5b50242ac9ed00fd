/**
 * The positive mark "Payload answered this as public": decided inside Payload, per request, from
 * every operation the request ran, and handed to the Express layer as a private response header
 * (`req.responseHeaders`, which Payload's REST and GraphQL handlers merge into their answers). The
 * response cache stores nothing without it and strips it from every answer.
 *
 * An operation is public when the request Payload authenticated has no user and it is a plain read
 * (`find`, `findByID`, `count`, `findDistinct`, a global's read) without `draft` and without hidden
 * fields, checked against the access anonymous readers have: either Payload applied access
 * (`overrideAccess: false`, no user), or the collection's / global's read access answers `true` to
 * an anonymous reader. Anything else (a write, a version read, login, a read with access
 * overridden on a collection anonymous readers see only in part) vetoes the mark for the whole
 * request, whatever ran before or after it.
 */
import crypto from 'node:crypto'

import {
  isolateObjectProperty,
  type Access,
  type CollectionBeforeOperationHook,
  type GlobalBeforeOperationHook,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { processState } from '../../server/payload'

export const PUBLIC_MARK_HEADER = 'x-newsroom-public'
const STATE = Symbol.for('newsroom.cache.publicMark')

/** A value per process, so no answer can carry the mark unless this process's hooks set it. */
export const publicMarkValue = (payload: Payload): string =>
  processState(payload, 'publicMark', () => crypto.randomBytes(18).toString('base64url'))

type Verdict = { public: boolean; vetoed: boolean }

/** Plain reads as `beforeOperation` names them, and as `afterOperation` does. */
const PUBLIC_HOOK_OPERATIONS = new Set(['read', 'count', 'readDistinct'])
const PUBLIC_OPERATIONS = new Set(['find', 'findByID', 'count', 'findDistinct'])

type OperationArgs = { draft?: unknown; showHiddenFields?: unknown; id?: unknown }

/** Whether anonymous readers are allowed to read all of it: read access answers `true` without a user. */
async function anonymousMayReadAll(
  req: PayloadRequest,
  access: Access | undefined,
  id: unknown,
): Promise<boolean> {
  if (!access) return false // Payload's default: logged-in users only
  const anonymous = isolateObjectProperty(req, ['user'])
  anonymous.user = null
  try {
    return (await access({ req: anonymous, id: id as string | undefined })) === true
  } catch {
    return false
  }
}

type Judged = { req: PayloadRequest; args: OperationArgs }

const verdictOf = (req: PayloadRequest): Verdict => {
  const holder = req as unknown as Record<symbol, Verdict | undefined>
  return (holder[STATE] ??= { public: false, vetoed: false })
}

function record(req: PayloadRequest, isPublic: boolean): void {
  const verdict = verdictOf(req)
  if (isPublic) verdict.public = true
  else verdict.vetoed = true
  req.responseHeaders ??= new Headers()
  if (verdict.public && !verdict.vetoed)
    req.responseHeaders.set(PUBLIC_MARK_HEADER, publicMarkValue(req.payload))
  else req.responseHeaders.delete(PUBLIC_MARK_HEADER)
}

const plainAnonymousRead = ({ req, args }: Judged) =>
  !req.user && args.draft !== true && args.draft !== 'true' && !args.showHiddenFields

/**
 * Before an operation runs: anything but an anonymous plain read (by the hook's operation name)
 * vetoes. Payload names version reads `read` here too; they are told apart once they are done.
 */
export async function judgeBefore(
  judged: Judged & { operation: string; overrideAccess?: boolean; readAccess?: Access },
): Promise<boolean> {
  let isPublic = PUBLIC_HOOK_OPERATIONS.has(judged.operation) && plainAnonymousRead(judged)
  // Operations apply access unless told otherwise (the Local API says `overrideAccess: true`).
  if (isPublic && judged.overrideAccess === true)
    isPublic = await anonymousMayReadAll(judged.req, judged.readAccess, judged.args.id)
  if (!isPublic) record(judged.req, false)
  return isPublic
}

/** After a collection operation succeeded: a public read grants the mark, a version read vetoes it. */
export function judgeAfter(judged: Judged & { operation: string }): void {
  record(judged.req, PUBLIC_OPERATIONS.has(judged.operation) && plainAnonymousRead(judged))
}

/** Whether every operation run with `req` so far was public (and there was one): for pages. */
export function isMarkedPublic(req: PayloadRequest): boolean {
  const verdict = (req as unknown as Record<symbol, Verdict | undefined>)[STATE]
  return Boolean(verdict?.public && !verdict.vetoed && !req.user)
}

/** The header a page built outside Payload's handlers sets when `isMarkedPublic(req)`. */
export const publicMarkHeaders = (req: PayloadRequest): Record<string, string> =>
  isMarkedPublic(req) ? { [PUBLIC_MARK_HEADER]: publicMarkValue(req.payload) } : {}

export const collectionVerdictHook =
  (readAccess: Access | undefined): CollectionBeforeOperationHook =>
  async ({ args, operation, overrideAccess, req }) => {
    await judgeBefore({ req, args: args as OperationArgs, operation, overrideAccess, readAccess })
    return args
  }

/** Globals have no `afterOperation`: a public read of one grants the mark before it runs. */
export const globalVerdictHook =
  (readAccess: Access | undefined): GlobalBeforeOperationHook =>
  async ({ args, operation, overrideAccess, req }) => {
    const judged = { req, args: args as OperationArgs, operation, overrideAccess, readAccess }
    if (await judgeBefore(judged)) record(req, true)
    return args
  }
