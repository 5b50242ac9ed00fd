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
