/**
 * The /healthz prober, in a worker thread of its own so the suite's busy main thread (building and
 * sending attack bodies) does not delay its probes: one request after another, at most every
 * 250 ms; each latency (or failure) is posted to the main thread.
 */
import http from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

const { port, boundMs } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

/** @returns {Promise<{ ms: number, failure?: string }>} */
function probe() {
  const started = performance.now()
  return new Promise((resolve) => {
    let done = false
    const finish = (failure) => {
      if (done) return
      done = true
      resolve({ ms: performance.now() - started, failure })
    }
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => {
      res.resume()
      res.on('end', () => finish(res.statusCode === 200 ? undefined : String(res.statusCode)))
      res.on('error', (e) => finish(e.message))
    })
    req.setTimeout(boundMs, () => {
      req.destroy()
      finish(`no answer within ${boundMs / 1000} s`)
    })
    req.on('error', (e) => finish(e.message))
  })
}

for (;;) {
  const r = await probe()
  parentPort.postMessage(r)
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 250 - r.ms)))
}
