import type { Config, SanitizedConfig } from 'payload'
import { APIError, getPayload, logError } from 'payload'
import { build as prettyLog } from 'pino-pretty'

export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.'
export const MULTIPART_MESSAGE = 'The multipart body could not be read'

/** What busboy (Payload's multipart parser) says of a body it cannot read, in words. */
const BUSBOY_REASONS: Record<string, string> = {
  'Unexpected end of form':
    'it ended before the end of the form (does the body use the boundary the Content-Type names?)',
  'Unexpected end of file': 'a file part ended early',
  'Malformed part header': 'a part header is malformed',
  'Multipart: Boundary not found': 'the Content-Type names no boundary',
  'Malformed content type': 'the Content-Type is malformed',
}
const NO_BOUNDARY = 'the Content-Type names no boundary'

/**
 * Why Payload could not read a multipart body, for the errors its parsing throws as they are
 * (a 500 otherwise): busboy's errors, Payload's "not eligible" (no usable boundary) and a
 * `_payload` field that is not JSON. Told apart by where they were thrown, not by the request:
 * the logger sees only the error.
 */
export function multipartReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return
  const stack = error.stack ?? ''
  if (error instanceof APIError) {
    return error.message === 'Request is not eligible for file upload' ? NO_BOUNDARY : undefined
  }
  if (error instanceof SyntaxError)
    return /\baddDataAndFileToRequest\b/.test(stack)
      ? 'the `_payload` field is not valid JSON'
      : undefined
  // busboy's own errors are plain Errors created in its code (the first frame of the stack).
  const reason = Object.hasOwn(BUSBOY_REASONS, error.message)
    ? BUSBOY_REASONS[error.message]
    : undefined
  return reason && /[\\/]busboy[\\/]/.test(stack.split('\n', 3).join('\n')) ? reason : undefined
}

/** Payload's own "Invalid JSON" (REST, consent records) with a message that says what is wrong. */
export const clientErrorMessages: NonNullable<
  NonNullable<Config['hooks']>['afterError']
>[number] = ({ error, req }) => {
  const message =
    clientMessage(error) ??
    queryJsonMessage(error, req?.query) ??
    foreignKeyMessage(error) ??
    tooManyJoinsMessage(error) ??
    multipartMessage(error)
  if (message) return { response: { errors: [{ message }] }, status: 400 }
}

export const MISSING_RELATION_MESSAGE =
  'A relationship names a document that does not exist (or an id of the wrong form).'

/**
 * A write the database refused for a foreign key: a relationship to a document that does not exist
 * in a collection our guards do not see (Payload's own, e.g. a lock document's `user`,
 * src/features/limits/existingRelations.ts covers ours). SQLite and PostgreSQL say so in the error's causes;
 * PostgreSQL refuses an id that is not a uuid before it looks (22P02).
 */
function foreignKeyMessage(error: unknown): string | undefined {
  let e = error as { message?: unknown; code?: unknown; cause?: unknown } | undefined
  for (let depth = 0; e && depth < 4; depth++, e = e.cause as typeof e) {
    const text = typeof e.message === 'string' ? e.message.slice(-300) : ''
    if (
      e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
      e.code === '23503' ||
      (e.code === '22P02' && /invalid input syntax for type uuid/.test(text)) ||
      /FOREIGN KEY constraint failed|violates foreign key constraint/.test(text)
    )
      return MISSING_RELATION_MESSAGE
  }
}

export const TOO_MANY_JOINS_MESSAGE =
  'The query joins more tables than the database allows: use fewer conditions or sort paths through relationships.'

/**
 * A query the database refused for its number of joins (SQLite: 64 tables in a join, 200 FROM
 * terms). `whereFields` refuses such a `where` before Payload builds the query, by an estimate;
 * this is the answer when the estimate was short.
 */
function tooManyJoinsMessage(error: unknown): string | undefined {
  let e = error as { message?: unknown; cause?: unknown } | undefined
  for (let depth = 0; e && depth < 4; depth++, e = e.cause as typeof e) {
    const text = typeof e.message === 'string' ? e.message.slice(-200) : ''
    if (/at most \d+ tables in a join|too many FROM clause terms/.test(text))
      return TOO_MANY_JOINS_MESSAGE
  }
}

/**
 * Payload's REST endpoints `JSON.parse` a `where` or `data` query parameter given as one string
 * (`?where=x`); its SyntaxError was a 500.
 */
function queryJsonMessage(error: unknown, query: unknown): string | undefined {
  if (!(error instanceof SyntaxError) || !query || typeof query !== 'object') return
  for (const param of ['where', 'data']) {
    const value = (query as Record<string, unknown>)[param]
    if (typeof value !== 'string' || !value) continue
    try {
      JSON.parse(value)
    } catch {
      return param === 'where'
        ? 'The `where` parameter is not valid JSON; use where[field][operator]=value or a JSON object.'
        : 'The `data` parameter is not valid JSON.'
    }
  }
}

/** The SyntaxError of Payload's `JSON.parse` of a `where` / `data` query parameter (`parseParams`). */
const queryParamSyntaxError = (error: unknown): boolean =>
  error instanceof SyntaxError &&
  /\bat parseParams\b/.test((error.stack ?? '').split('\n', 4).join('\n'))

function multipartMessage(error: unknown): string | undefined {
  const reason = multipartReason(error)
  return reason && `${MULTIPART_MESSAGE}: ${reason}.`
}

function clientMessage(error: unknown): string | undefined {
  if (error instanceof APIError && error.status === 400 && error.message === 'Invalid JSON')
    return INVALID_JSON_MESSAGE
}

/**
 * Wraps a Next route handler (GraphQL) whose body parsing throws outside Payload's error handling:
 * a client error becomes its 4xx JSON answer instead of a 500.
 */
export const withClientErrors =
  (
    config: Promise<SanitizedConfig> | SanitizedConfig,
    handler: (request: Request) => Promise<Response>,
  ) =>
  async (request: Request): Promise<Response> => {
    try {
      return await handler(request)
    } catch (error) {
      const status = (error as { status?: number }).status
      if (!(error instanceof APIError) || !status || status >= 500) throw error
      logError({ err: error, payload: await getPayload({ config }) })
      return Response.json(
        { errors: [{ message: clientMessage(error) ?? error.message }] },
        { status },
      )
    }
  }

// Set and read by the copy that builds the config and starts Payload (the server's).
let quiet = false
/** Routine lines of a start (the adapter's WAL notice, each migration): the server sums them up. */
const START_CHATTER = /^(\[db-sqlite\] Enabling WAL mode|Migrating: |Migrated: )/

/**
 * While src/server/serve.ts starts, the routine lines above are logged at `debug`; the CLI (`payload
 * migrate`) still shows them.
 */
export function quietStart(on: boolean): void {
  quiet = on
}

type LoggerConfig = Extract<NonNullable<Config['logger']>, { options: unknown }>
const statusOf = (err: unknown): number | undefined => {
  const e = err as { status?: unknown; originalError?: { status?: unknown } } | undefined
  const status = e?.status ?? e?.originalError?.status
  return typeof status === 'number' ? status : undefined
}

/** Most characters of one logged text (message, stack); a failed query's SQL and parameters can run to megabytes. */
export const MAX_LOGGED_CHARS = 4000

const cap = (text: string, max = MAX_LOGGED_CHARS) =>
  text.length > max ? `${text.slice(0, max)}… [${text.length - max} more characters]` : text

/** What is logged of an error: its name, code, status, capped message and stack, and its causes. */
export function boundedError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? cap(err) : err
  const e = err as Error & { code?: unknown; status?: unknown; cause?: unknown }
  return {
    type: e.name,
    message: cap(e.message),
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
    stack: cap(e.stack ?? ''),
    ...(e.cause !== undefined && depth < 3 ? { cause: boundedError(e.cause, depth + 1) } : {}),
  }
}

/**
 * Payload's logger, with client errors (4xx) at `info` and without a stack: Payload picks the level
 * by error name (`loggingLevels`), and APIError, UnauthorizedError and GraphQL errors carry 4xx and
 * 5xx alike. Server errors stay at `error` with their stack; every logged error is bounded
 * (`boundedError`: no query parameters, long texts capped).
 */
export const clientErrorsAtInfo: LoggerConfig = {
  // Payload's own pretty printer, but coloured only on a terminal (pino-pretty's default: no ANSI
  // codes in a log file or a pipe; NO_COLOR / FORCE_COLOR respected).
  destination: prettyLog({ ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }),
  options: {
    name: 'payload',
    // Tests print their results, not server logs (DEBUG=1 shows them).
    level: process.env.NODE_ENV === 'test' && !process.env.DEBUG ? 'warn' : 'info',
    hooks: {
      logMethod(args, method, level) {
        const first = args[0] as unknown
        if (level === 30 && quiet) {
          const text = typeof first === 'string' ? first : (first as { msg?: unknown })?.msg
          if (typeof text === 'string' && START_CHATTER.test(text)) return this.debug(text)
        }
        const err = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err
        const status = statusOf(err)
        if (level >= 50 && status && status >= 400 && status < 500) {
          return this.info(cap(`${status} ${(err as Error).message}`))
        }
        // Logged by Payload before the afterError hook turns it into its 400.
        if (level >= 50 && multipartReason(err)) return this.info(`400 ${multipartMessage(err)}`)
        if (level >= 50 && queryParamSyntaxError(err))
          return this.info(
            cap(`400 The where/data query parameter is not valid JSON: ${(err as Error).message}`),
          )
        if (err instanceof Error) {
          const rest = first instanceof Error ? {} : (first as Record<string, unknown>)
          const msg =
            typeof rest.msg === 'string'
              ? cap(rest.msg)
              : first instanceof Error
                ? cap(err.message)
                : undefined
          const bounded = { ...rest, err: boundedError(err), ...(msg && { msg }) }
          return method.apply(this, [
            bounded,
            ...args.slice(1).map((a) => (typeof a === 'string' ? cap(a) : a)),
          ] as never)
        }
        return method.apply(this, args.map((a) => (typeof a === 'string' ? cap(a) : a)) as never)
      },
    },
  },
}
