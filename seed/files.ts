import { createHash } from 'node:crypto'
import type { Dirent } from 'node:fs'
import { open, readdir, realpath, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'

import { DocumentError, MAX_DOCUMENT_BYTES, tooLargeReason, validateDocumentText } from './parse'

export interface FileFailure {
  file: string
  reason: string
}

export interface CollectedPaths {
  paths: string[]
  errors: FileFailure[]
  /** How many folders hold the documents found. */
  folders: number
  /** How many folders were searched. */
  searched: number
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
 * Expands the inputs: a file is taken as is; a folder contributes the `*.txt` files of its whole
 * tree, depth-first in name order. Hidden entries (`.name`) inside a folder are skipped, symlinks are
 * followed, and a folder or file reached a second time (a symlink loop, two links to one place) is
 * taken once. Missing or unreadable inputs and subfolders become error entries, so one typo does
 * not stop the rest.
 */
export async function collectDocumentPaths(inputs: string[]): Promise<CollectedPaths> {
  const paths: string[] = []
  const errors: FileFailure[] = []
  const seenFiles = new Set<string>()
  const seenDirs = new Set<string>()
  const folders = new Set<string>()
  let searched = 0

  const addFile = (file: string, real: string) => {
    if (seenFiles.has(real)) return
    seenFiles.add(real)
    folders.add(dirname(real))
    paths.push(file)
  }

  const walk = async (dir: string): Promise<void> => {
    let real: string
    let entries: Dirent[]
    try {
      real = await realpath(dir)
      if (seenDirs.has(real)) return
      seenDirs.add(real)
      entries = await readdir(dir, { withFileTypes: true })
    } catch (error) {
      errors.push({ file: dir, reason: describeError(error) })
      return
    }
    searched++
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      if (entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) {
        if (isTxt(entry.name)) addFile(path, join(real, entry.name))
      } else if (entry.isSymbolicLink()) {
        // A dangling link is skipped like any other non-document.
        const target = await stat(path).catch(() => null)
        if (target?.isDirectory()) await walk(path)
        else if (target?.isFile() && isTxt(entry.name))
          addFile(path, await realpath(path).catch(() => path))
      }
    }
  }

  for (const input of inputs) {
    try {
      const info = await stat(input)
      if (info.isDirectory()) await walk(input)
      else if (info.isFile()) addFile(input, await realpath(input))
      else errors.push({ file: input, reason: 'not a file or directory' })
    } catch (error) {
      errors.push({ file: input, reason: describeError(error) })
    }
  }
  return { paths, errors, folders: folders.size, searched }
}

// Code-unit order, the same on every machine (no locale collation).
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

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
