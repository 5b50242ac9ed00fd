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

/**
 * Payload's logger, with client errors (4xx) at `info` and without a stack: Payload picks the level
 * by error name (`loggingLevels`), and APIError, UnauthorizedError and GraphQL errors carry 4xx and
 * 5xx alike. Server errors stay at `error` with their stack.
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
          return this.info(`${status} ${(err as Error).message}`)
        }
        return method.apply(this, args)
      },
    },
  },
}
