import type { Server } from 'node:http'

import type { Payload } from 'payload'

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (idle keep-alive sockets
 * are closed at once, busy ones after at most `graceMs`), then close Payload (crons, database) and
 * exit 0. `onStart` lets the server answer `Connection: close` and a 503 health check meanwhile.
 */
export function closeOnSignals(
  server: Server,
  payload: Payload,
  onStart: () => void,
  graceMs = 8_000,
): void {
  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    onStart()
    console.log(`${signal}: finishing in-flight requests, then closing the database…`)
    setTimeout(() => server.closeAllConnections(), graceMs).unref()
    server.close(async () => {
      try {
        await payload.destroy()
        console.log('Database closed.')
        process.exit(0)
      } catch (error) {
        console.error(`Closing the database failed: ${(error as Error).message}`)
        process.exit(1)
      }
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

/**
 * A rejected promise nobody awaits must not end the process (Node's default): Payload 3.90's
 * query-path validation leaves one behind when it refuses a localized field reached through two
 * relations with `locale=all` (the request is already answered 400), so one anonymous request
 * stopped the server. Logged in one bounded line; thrown exceptions still end the process.
 */
export function surviveUnhandledRejections(log: (line: string) => void = console.error): void {
  process.on('unhandledRejection', (reason) => {
    const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)
    log(`Unhandled rejection (the server keeps serving): ${text.slice(0, 500)}`)
  })
}
