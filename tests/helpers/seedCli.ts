import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * A database of its own for a CLI run: `name`.db in `work`, or under `npm run test:postgres` a new
 * database on the test cluster (the CLI creates and migrates it, as a production start would).
 */
export function cliDatabaseUri(work: string, name: string): string {
  const base = process.env.POSTGRES_TEST_URI
  if (!base) return `file:${path.join(work, `${name}.db`)}`
  return `${base}/newsroom_${name.replace(/\W/g, '_')}_${crypto.randomBytes(4).toString('hex')}`
}

/**
 * The importer's real CLI (`npm run seed` runs seed/cli.ts) on a SQLite file of its own that the
 * CLI's migrations make, in a new work folder (under `npm run test:postgres`: a new database on the
 * test cluster, which the CLI creates and migrates); tests read it back by booting Payload on `env`.
 */
export function seedCliWorkspace(name: string) {
  const root = path.resolve(import.meta.dirname, '..', '..')
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `newsroom-${name}-`))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // as `npm run seed` (docs/deployment.md: Node 20 and lexical; the plugins from their sources)
    NODE_OPTIONS: '--conditions=production --conditions=ai-newsroom-source',
    NODE_ENV: 'production',
    DATABASE_URI: cliDatabaseUri(work, name),
    MEDIA_DIR: path.join(work, 'media'),
    PAYLOAD_SECRET: `${name}-test-secret-0123456789abcdef`,
  }
  const seed = (args: string[], extra: Record<string, string> = {}) =>
    spawnSync(tsx, ['seed/cli.ts', ...args], {
      cwd: root,
      env: { ...env, ...extra },
      encoding: 'utf8',
    })
  /** Writes `files` (relative path → text) under a new folder and returns it. */
  const tree = (folder: string, files: Record<string, string>): string => {
    const base = path.join(work, folder)
    fs.mkdirSync(base)
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true })
      fs.writeFileSync(path.join(base, file), text)
    }
    return base
  }
  return { env, seed, tree, work }
}

/** The CLI's own lines, without Payload's JSON log lines (e.g. its warning about email). */
export const cliLines = (text: string) =>
  text.split('\n').filter((line) => line.trim() && !line.startsWith('{"level":'))

/** A document the importer accepts: headline, lead, one body paragraph. */
export const story = (title: string) =>
  [
    title,
    `The lead of the story "${title}", which the council discussed at length on Monday.`,
    'A body paragraph with a little more detail.',
  ].join('\n\n')
