import { createHash } from 'node:crypto'
import { open, readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'

import { DocumentError, MAX_DOCUMENT_BYTES, tooLargeReason, validateDocumentText } from './parse'

export interface FileFailure {
  file: string
  reason: string
}

export interface CollectedPaths {
  paths: string[]
  errors: FileFailure[]
}

export interface DocumentFile {
  text: string // decoded, BOM stripped
  sha256: string // of the raw bytes
  bytes: number
}

const isTxt = (name: string) => name.toLowerCase().endsWith('.txt')

/** One line for any error; Node's fs errors carry a code that reads better than the message. */
export function describeError(error: unknown): string {
  if (error instanceof DocumentError) return error.reason
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  let message = error instanceof Error ? error.message : String(error)
  // A failed SQL query says more in its cause than in the (long) query text.
  const cause = (error as { cause?: { message?: string } } | undefined)?.cause?.message
  if (message.startsWith('Failed query') && cause) message = `database error: ${cause}`
  // Payload's validation errors list the fields in `data.errors`.
  const fields = (error as { data?: { errors?: { path?: string; message?: string }[] } }).data
    ?.errors
  if (fields?.length)
    message = `${message} (${fields.map((e) => `${e.path}: ${e.message}`).join('; ')})`
  const line = message.split('\n')[0] ?? 'unknown error'
  return line.length > 300 ? `${line.slice(0, 297)}...` : line
}

/**
 * Expands the inputs: a file is taken as is, a folder contributes its `*.txt` files (sorted,
 * not recursive). Missing or unreadable inputs become error entries, so one typo does not
 * stop the rest. Duplicates are dropped.
 */
export async function collectDocumentPaths(inputs: string[]): Promise<CollectedPaths> {
  const paths: string[] = []
  const errors: FileFailure[] = []
  const seen = new Set<string>()
  const add = (path: string) => {
    const key = resolve(path)
    if (seen.has(key)) return
    seen.add(key)
    paths.push(path)
  }

  for (const input of inputs) {
    try {
      const info = await stat(input)
      if (info.isDirectory()) {
        for (const file of await listTextFiles(input)) add(file)
      } else if (info.isFile()) {
        add(input)
      } else {
        errors.push({ file: input, reason: 'not a file or directory' })
      }
    } catch (error) {
      errors.push({ file: input, reason: describeError(error) })
    }
  }
  return { paths, errors }
}

async function listTextFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const files: string[] = []
  for (const entry of entries) {
    if (!isTxt(entry.name)) continue
    const path = join(dir, entry.name)
    // Symlinks count when they point at a file.
    if (
      entry.isFile() ||
      (entry.isSymbolicLink() && (await stat(path).catch(() => null))?.isFile())
    )
      files.push(path)
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** Reads and decodes one document, throwing DocumentError for every bad-input class. */
export async function readDocument(path: string): Promise<DocumentFile> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw new DocumentError(describeError(error))
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new DocumentError('not a regular file')
    // Check the size first, so a huge file is never read into memory.
    if (info.size > MAX_DOCUMENT_BYTES) throw new DocumentError(tooLargeReason(info.size))
    const buffer = await handle.readFile()
    if (buffer.length > MAX_DOCUMENT_BYTES) throw new DocumentError(tooLargeReason(buffer.length))
    if (buffer.length === 0) throw new DocumentError('empty document')
    if (buffer.includes(0)) throw new DocumentError('binary file (contains NUL bytes)')
    const text = validateDocumentText(decodeUtf8(buffer))
    return { text, sha256: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length }
  } catch (error) {
    throw error instanceof DocumentError ? error : new DocumentError(describeError(error))
  } finally {
    await handle.close()
  }
}

function decodeUtf8(buffer: Uint8Array): string {
  try {
    // The decoder drops a leading BOM itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer)
  } catch {
    throw new DocumentError('not valid UTF-8')
  }
}
