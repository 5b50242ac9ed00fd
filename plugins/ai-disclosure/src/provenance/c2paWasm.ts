import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import * as c2pa from '@contentauth/c2pa-wasm'

let ready = false

/**
 * The C2PA SDK (c2pa-rs compiled to WebAssembly), initialised once per process. No native code and
 * no install script: the 8 MB module ships in the npm tarball. `FileReaderSync` is a browser API the
 * module uses for `Blob`s (only when signing); Node has none, so a small shim reads the bytes that
 * `toC2PABlob` attached.
 */
export const loadC2PA = (): typeof c2pa => {
  if (!ready) {
    // The path is resolved at run time: Turbopack cannot follow it and would trace the whole project.
    c2pa.initSync({ module: readFileSync(/* turbopackIgnore: true */ wasmPath()) })
    const scope = globalThis as { FileReaderSync?: unknown }
    scope.FileReaderSync ??= class FileReaderSync {
      readAsArrayBuffer(blob: { [BYTES]?: ArrayBuffer }): ArrayBuffer {
        const bytes = blob[BYTES]
        if (!bytes) throw new Error('FileReaderSync shim: a Blob made without toC2PABlob()')
        return bytes
      }
    }
    ready = true
  }
  return c2pa
}

/** The module's .wasm file, from this file's place or (inside a bundle) the app's node_modules. */
const wasmPath = (): string => {
  for (const from of [import.meta.url, path.join(process.cwd(), 'package.json')]) {
    try {
      return createRequire(from).resolve('@contentauth/c2pa-wasm/c2pa.wasm')
    } catch {
      // try the next place
    }
  }
  throw new Error('[ai-disclosure] @contentauth/c2pa-wasm/c2pa.wasm not found in node_modules')
}

const BYTES = Symbol.for('ai-disclosure.c2pa.bytes')

/** A `Blob` the wasm module can read synchronously in Node (see the shim above). */
export const toC2PABlob = (bytes: Uint8Array): Blob => {
  const copy = bytes.slice().buffer
  const blob = new Blob([copy]) as Blob & { [BYTES]?: ArrayBuffer }
  blob[BYTES] = copy
  return blob
}
