/** Set by prepareEnvironment (src/server/environment.ts) when it made a local run production. */
export const LOCAL_RUN = 'NEWSROOM_LOCAL_RUN'

/**
 * Whether this process is a deployment: NODE_ENV=production set by whoever started it. A local
 * `npm start` runs as production too, but is marked as a local run.
 */
export function isDeployment(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV === 'production' && env[LOCAL_RUN] !== '1'
}
