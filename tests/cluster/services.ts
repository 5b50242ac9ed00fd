/**
 * The services of the loopback cluster (`npm run test:cluster`): redis-server and varnishd (Debian's
 * `redis-server`, `varnish`, `varnish-modules`), each on a free port in a temporary folder,
 * stopped by the returned `stop`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { root, sleep } from '../helpers/server'

export type Service = { port: number; child: ChildProcess; stop: () => Promise<void> }

async function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  await Promise.race([exited, sleep(10_000)])
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}

export async function startRedis(port: number): Promise<Service> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
    { stdio: 'ignore' },
  )
  for (let i = 0; i < 100; i++) {
    const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' })
    if (ping.stdout.trim() === 'PONG') return { port, child, stop: () => kill(child, 'SIGKILL') }
    await sleep(100)
  }
  await kill(child, 'SIGKILL')
  throw new Error(`redis-server did not answer on port ${port}`)
}

/**
 * varnishd with the committed VCL (deploy/varnish/default.vcl) and a backends.vcl naming the two
 * instances on loopback ports; only 127.0.0.1 (the instances) may purge.
 */
export async function startVarnish(
  dir: string,
  port: number,
  backends: number[],
): Promise<Service & { output: () => string }> {
  fs.mkdirSync(dir, { recursive: true })
  const names = backends.map((_, i) => `app${i + 1}`)
  fs.writeFileSync(
    path.join(dir, 'backends.vcl'),
    `probe healthz {
  .url = "/healthz";
  .interval = 500ms;
  .timeout = 2s;
  .window = 3;
  .threshold = 2;
}
${backends.map((p, i) => `backend ${names[i]} { .host = "127.0.0.1"; .port = "${p}"; .probe = healthz; }`).join('\n')}
acl purgers { "127.0.0.1"; }
sub newsroom_backends {
  new cluster = directors.round_robin();
${names.map((n) => `  cluster.add_backend(${n});`).join('\n')}
}
`,
  )
  let output = ''
  const child = spawn(
    'varnishd',
    [
      '-F',
      '-j',
      'none',
      '-n',
      path.join(dir, 'work'),
      '-a',
      `127.0.0.1:${port}`,
      '-f',
      path.join(root, 'deploy', 'varnish', 'default.vcl'),
      '-p',
      `vcl_path=${dir}:${path.join(root, 'deploy', 'varnish')}`,
      '-s',
      'malloc,64m',
      '-T',
      'none',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout!.on('data', (d: Buffer) => (output += d))
  child.stderr!.on('data', (d: Buffer) => (output += d))
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`varnishd exited:\n${output}`)
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'OPTIONS' })
      return { port, child, output: () => output, stop: () => kill(child) }
    } catch {
      await sleep(100)
    }
  }
  await kill(child, 'SIGKILL')
  throw new Error(`varnishd did not listen on ${port}:\n${output}`)
}
