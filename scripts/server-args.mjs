/**
 * How the compiled server is run: `npm start`, the image's CMD, the server tests and the benchmarks
 * use these arguments (scripts/runtime-stage.mjs checks that package.json and the Dockerfile do).
 * - `--conditions=production`: lexical's and the plugins' Node entry points load their builds.
 * - `--max-old-space-size=384`: without a limit V8 sizes its heap from the machine's memory and lets
 *   it grow to ~900 MB under read load while the live set stays under 200 MB (`npm run bench:read`);
 *   with it the process stays under ~400 MB at the same throughput. The response cache's bodies are
 *   Buffers outside this heap (bounded by CACHE_MAX_MB).
 * - `--no-allocation-site-pretenuring`: under concurrent reads a request's objects outlive a
 *   scavenge or two, so V8 decides their allocation sites make long-lived objects and allocates
 *   them straight in the old generation; it then fills with one-request garbage and a major GC
 *   runs every ~4 s, and the seconds around each are the slowest of the list's load. Without it
 *   half as much is promoted (docs/performance.md, "The slow seconds").
 */
export const SERVER_ARGS = [
  '--conditions=production',
  '--max-old-space-size=384',
  '--no-allocation-site-pretenuring',
  'dist/server.js',
]
