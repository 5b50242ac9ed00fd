/**
 * `npm run seed -- [--dry-run] [--json] [--draft] [PATH...]`
 *
 * Imports scraped news documents (files, or folders searched recursively for *.txt; default:
 * seed/documents/). A run that finds no document says so on stderr and exits 1.
 * --dry-run parses without touching any database; with --json it prints one JSON array of the
 * parsed documents to stdout. Errors go to stderr, one line per bad file; the exit code is 1 when
 * any file failed.
 */
import path from 'node:path'

import cliProgress from 'cli-progress'
import { Command } from 'commander'

import { devPushedDatabaseReason, prepareEnvironment, projectRoot } from '../src/server/environment'
import { dryRun } from './dry-run'
import { collectDocumentPaths, printable, type CollectedPaths } from './files'

const DEFAULT_INPUT = path.join(projectRoot, 'seed', 'documents')

type Flags = { dryRun?: boolean; json?: boolean; draft?: boolean }

// Waits until the text is handed to the OS: Payload's shutdown ends the process before an
// asynchronous pipe write would otherwise be flushed.
const writeOut = (text: string) =>
  new Promise<void>((resolve) => process.stdout.write(text, () => resolve()))

// Paths inside the working directory are shown relative to it, others as they are; control
// characters in names are escaped (`\u001b`), so a file name cannot forge lines or terminal escapes.
const display = (file: string) => {
  const relative = path.relative(process.cwd(), file)
  return printable(
    relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file,
  )
}

const reportFailures = (failures: { file: string; reason: string }[]) => {
  for (const f of failures) process.stderr.write(`${display(f.file)}: ${printable(f.reason)}\n`)
}

/**
 * A run that finds no document at all says so in one line (after the lines of any missing or
 * unreadable input, which explain it) and fails.
 */
const nothingFound = (inputs: string[], collected: CollectedPaths): boolean => {
  if (collected.paths.length) return false
  reportFailures(collected.errors)
  if (!collected.errors.length) {
    const where = inputs.map(display).join(', ')
    const searched = `${collected.searched} ${collected.searched === 1 ? 'folder' : 'folders'}`
    process.stderr.write(
      `seed: no documents found: no *.txt files in ${where} (${searched} searched, hidden folders skipped)\n`,
    )
  }
  return true
}

async function runDryRun(inputs: string[], flags: Flags): Promise<number> {
  const collected = await collectDocumentPaths(inputs)
  if (nothingFound(inputs, collected)) {
    if (flags.json) await writeOut('[]\n')
    return 1
  }
  const { documents, failures } = await dryRun(collected)
  if (flags.json) {
    await writeOut(`${JSON.stringify(documents, null, 2)}\n`)
  } else {
    for (const doc of documents) {
      const ai = doc.reportedByAI ? ', reported by AI' : ''
      await writeOut(
        `${printable(doc.source)}: "${doc.title}" (${doc.locale}${ai}), ${doc.body.length} paragraphs, ${doc.related.length} teasers\n`,
      )
    }
  }
  reportFailures(failures)
  return failures.length ? 1 : 0
}

async function runImport(inputs: string[], flags: Flags): Promise<number> {
  // Before any database work: a run that finds nothing must not create or migrate a database.
  const collected = await collectDocumentPaths(inputs)
  if (nothingFound(inputs, collected)) {
    if (flags.json) {
      const { folders, errors: failed } = collected
      const empty = { files: failed.length, folders, created: 0, updated: 0, unchanged: 0, failed }
      await writeOut(`${JSON.stringify(empty)}\n`)
    }
    return 1
  }
  // Same database rules as the server: production (migrations) unless NODE_ENV=development.
  prepareEnvironment()
  const pushed = await devPushedDatabaseReason()
  if (pushed) throw new Error(pushed)
  // Loaded only for a real import: a dry run must not need (or touch) a database.
  const { getPayload } = await import('payload')
  const { default: configPromise } = await import('../src/payload.config')
  const { importCollected, formatSummary } = await import('./import')
  // Payload's log goes to stderr, so stdout carries only the summary (JSON with --json).
  const base = await configPromise
  const logger = {
    destination: { write: (line: string) => process.stderr.write(line) },
    options: { level: 'warn' },
  }
  const config: typeof base = { ...base, logger: logger as unknown as typeof base.logger }
  const payload = await getPayload({ config })
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'Importing [{bar}] {value}/{total} {file}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined
  try {
    let started = false
    const summary = await importCollected(payload, collected, {
      draft: flags.draft,
      onFile: (file, outcome, index, total) => {
        const name = printable(path.basename(file))
        if (bar) {
          if (!started) bar.start(total, 0, { file: name })
          started = true
          bar.update(index + 1, { file: name })
        } else if (!flags.json) {
          process.stderr.write(`[${index + 1}/${total}] ${name}: ${outcome}\n`)
        }
      },
    })
    bar?.stop()
    reportFailures(summary.failed)
    await writeOut(flags.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`)
    return summary.failed.length ? 1 : 0
  } finally {
    await payload.destroy()
  }
}

const program = new Command()
  .name('npm run seed --')
  .description('Import scraped news documents into the newsroom CMS.')
  .argument('[paths...]', 'document files or folders of *.txt files', [DEFAULT_INPUT])
  .option('--dry-run', 'parse only; do not touch the database')
  .option('--json', 'machine-readable output on stdout')
  .option('--draft', 'import articles as drafts instead of publishing them')
  .action(async (paths: string[], flags: Flags) => {
    const inputs = paths.length ? paths : [DEFAULT_INPUT]
    process.exitCode = flags.dryRun
      ? await runDryRun(inputs, flags)
      : await runImport(inputs, flags)
  })

program.parseAsync().catch((error: Error) => {
  process.stderr.write(`seed: ${error.message}\n`)
  process.exitCode = 1
})
