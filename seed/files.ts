import { createHash } from 'node:crypto'
import type { Dirent } from 'node:fs'
import { constants } from 'node:fs'
import { open, readdir, realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative } from 'node:path'

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
  /**
   * The import root of each path: the real path of the folder given on the command line (or, for a
   * file given there, of its folder). Reads and the pictures beside a document stay inside it.
   */
  roots: Map<string, string>
}

export interface DocumentFile {
  text: string // decoded, BOM stripped
  sha256: string // of the raw bytes
  bytes: number
}

const isTxt = (name: string) => name.toLowerCase().endsWith('.txt')

/** Whether the real path `real` is `root` or lies inside it. */
export function isInside(real: string, root: string): boolean {
  const rel = relative(root, real)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export const outsideReason = (target: string, root: string) =>
  `symbolic link to ${target}, outside the import folder ${root}: not followed (links are followed only inside the import folder)`

// Controls (C0, DEL, C1), line and paragraph separators, bidi controls and the backslash itself.
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\\]/g

/**
 * A file name (or any text from outside) made safe for one terminal line: control characters are
 * written as JSON escapes (`\u001b`), so a name cannot forge lines or send terminal escapes; the
 * backslash is doubled so that an escape is never ambiguous.
 */
export const printable = (text: string): string =>
  text.replace(UNPRINTABLE, (c) =>
    c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

/** One line for any error; Node's fs errors carry a code that reads better than the message. */
export function describeError(error: unknown): string {
  if (error instanceof DocumentError) return error.reason
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  if (code === 'ELOOP') return 'is a symbolic link (not followed)'
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
 * tree, depth-first in name order. Hidden entries (`.name`) inside a folder are skipped. A symbolic
 * link is followed only when its real path stays inside the import root (the real path of the
 * folder given); a link out of it (to a folder or a `*.txt` file) becomes an error entry and is not
 * read. A folder or file reached a second time (a symlink loop, two links to one place) is taken
 * once. Missing or unreadable inputs and subfolders become error entries, so one typo does not stop
 * the rest.
 */
export async function collectDocumentPaths(inputs: string[]): Promise<CollectedPaths> {
  const paths: string[] = []
  const errors: FileFailure[] = []
  const seenFiles = new Set<string>()
  const seenDirs = new Set<string>()
  const folders = new Set<string>()
  const roots = new Map<string, string>()
  let searched = 0

  const addFile = (file: string, real: string, root: string) => {
    if (seenFiles.has(real)) return
    seenFiles.add(real)
    folders.add(dirname(real))
    paths.push(file)
    roots.set(file, root)
  }

  const walk = async (dir: string, root: string): Promise<void> => {
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
      if (entry.isDirectory()) await walk(path, root)
      else if (entry.isFile()) {
        if (isTxt(entry.name)) addFile(path, join(real, entry.name), root)
      } else if (entry.isSymbolicLink()) {
        // A dangling link is skipped like any other non-document.
        const target = await stat(path).catch(() => null)
        const wanted = target?.isDirectory() || (target?.isFile() && isTxt(entry.name))
        if (!wanted) continue
        const targetReal = await realpath(path).catch(() => null)
        if (targetReal === null) continue
        if (!isInside(targetReal, root)) {
          errors.push({ file: path, reason: outsideReason(targetReal, root) })
        } else if (target?.isDirectory()) await walk(path, root)
        else addFile(path, targetReal, root)
      }
    }
  }

  // A path given on the command line is the operator's choice: it is taken even when it is a link,
  // and its real folder is the root for everything found under it.
  for (const input of inputs) {
    try {
      const info = await stat(input)
      const real = await realpath(input)
      if (info.isDirectory()) await walk(input, real)
      else if (info.isFile()) addFile(input, real, dirname(real))
      else errors.push({ file: input, reason: 'not a file or directory' })
    } catch (error) {
      errors.push({ file: input, reason: describeError(error) })
    }
  }
  return { paths, errors, folders: folders.size, searched, roots }
}

// Code-unit order, the same on every machine (no locale collation).
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Reads and decodes one document, throwing DocumentError for every bad-input class. With `root`,
 * the file's real path must still lie inside it when it is opened (a file swapped for a link after
 * the search is refused too).
 */
export async function readDocument(path: string, root?: string): Promise<DocumentFile> {
  let handle
  try {
    const real = root === undefined ? path : await realpath(path)
    if (root !== undefined && !isInside(real, root))
      throw new DocumentError(outsideReason(real, root))
    // The real path has no link left in it; one appearing now is refused, not followed.
    handle = await open(real, root === undefined ? 'r' : constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (error) {
    throw error instanceof DocumentError ? error : new DocumentError(describeError(error))
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
