import { basename } from 'node:path'

import {
  collectDocumentPaths,
  describeError,
  readDocument,
  type CollectedPaths,
  type FileFailure,
} from './files'
import { parseDocument, type ParsedDocument } from './parse'
import type { Vocabulary } from './vocabulary'

export interface DryRunOptions {
  vocabulary?: Vocabulary
  locales?: string[]
  /** Called before each file, e.g. to drive a progress bar. */
  onFile?: (file: string, index: number, total: number) => void
}

export interface DryRunResult {
  documents: ParsedDocument[]
  failures: FileFailure[]
}

/** Reads and parses every input without touching the database; a bad file never stops the rest. */
export async function dryRun(
  inputs: string[] | CollectedPaths,
  opts: DryRunOptions = {},
): Promise<DryRunResult> {
  const { paths, errors, roots } = Array.isArray(inputs)
    ? await collectDocumentPaths(inputs)
    : inputs
  const documents: ParsedDocument[] = []
  const failures: FileFailure[] = [...errors]

  for (const [index, file] of paths.entries()) {
    opts.onFile?.(file, index, paths.length)
    try {
      const { text } = await readDocument(file, roots.get(file))
      documents.push(
        parseDocument(text, {
          source: basename(file),
          vocabulary: opts.vocabulary,
          locales: opts.locales,
        }),
      )
    } catch (error) {
      failures.push({ file, reason: describeError(error) })
    }
  }
  return { documents, failures }
}
