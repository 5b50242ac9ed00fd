import type { Config, SanitizedConfig } from 'payload'
import { APIError, defaultLoggerOptions, getPayload, logError } from 'payload'

export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.'

/** Payload's own "Invalid JSON" (REST, consent records) with a message that says what is wrong. */
export const clientErrorMessages: NonNullable<
  NonNullable<Config['hooks']>['afterError']
>[number] = ({ error }) => {
  const message = clientMessage(error)
  if (message) return { response: { errors: [{ message }] }, status: 400 }
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
  destination: defaultLoggerOptions,
  options: {
    name: 'payload',
    // Tests print their results, not server logs (DEBUG=1 shows them).
    level: process.env.NODE_ENV === 'test' && !process.env.DEBUG ? 'warn' : 'info',
    hooks: {
      logMethod(args, method, level) {
        const first = args[0] as unknown
        const err = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err
        const status = statusOf(err)
        if (level >= 50 && status && status >= 400 && status < 500) {
          return this.info(cap(`${status} ${(err as Error).message}`))
        }
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
