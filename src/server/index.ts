/**
 * The production entry point. `npm run build` compiles it into dist/server.js, which `npm start`
 * and the Docker image run; `npm run dev` runs it with tsx in development mode.
 *
 * One process serves (./serve.ts), or with `WEB_CONCURRENCY=N` a primary starts N of them behind
 * one port (./cluster.ts). The server is loaded only where it runs: the primary holds neither
 * Payload nor Next.
 */
import cluster from 'node:cluster'

import { clusterProblem, runPrimary, workerCount } from './cluster'
import { fail, prepareEnvironment } from './environment'

async function main(): Promise<void> {
  if (cluster.isPrimary) {
    prepareEnvironment() // .env may name WEB_CONCURRENCY
    let processes = 1
    try {
      processes = workerCount()
    } catch (error) {
      fail((error as Error).message)
    }
    if (processes > 1 && process.env.NODE_ENV === 'development') {
      console.log('npm run dev serves from one process; WEB_CONCURRENCY is for the built server.')
      processes = 1
    }
    const problem = clusterProblem(processes)
    if (problem) fail(`Refusing to start: ${problem}.`)
    if (processes > 1) {
      console.log(`Starting ${processes} server processes (WEB_CONCURRENCY) on one port…`)
      return runPrimary(processes, Number(process.env.PORT || 3000))
    }
  }
  await (await import('./serve')).serve()
}

// A failed query's message is the SQL; the database's reason is its cause.
main().catch((error: Error) =>
  fail(
    `Start-up failed: ${error.message}${error.cause instanceof Error ? `\ncaused by: ${error.cause.message}` : ''}`,
  ),
)
