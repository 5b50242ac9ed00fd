/**
 * A real SMTP server for tests: Debian's aiosmtpd (`apt-get install python3-aiosmtpd`) on a free
 * port. Each received mail is parsed by Python's `email` package (MIME, quoted-printable) and handed
 * over as one JSON line: envelope, headers, text and HTML parts.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import readline from 'node:readline'

import { freePort } from './server'

export type Mail = {
  from: string
  to: string[]
  headers: Record<string, string>
  text: string
  html: string
}

const SERVER = String.raw`
import json, sys, time
from email import message_from_bytes, policy
from aiosmtpd.controller import Controller

class Handler:
    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.content, policy=policy.default)
        part = lambda kind: (msg.get_body((kind,)) or None)
        text, html = part('plain'), part('html')
        print(json.dumps({
            'from': envelope.mail_from, 'to': envelope.rcpt_tos,
            'headers': {k.lower(): str(v) for k, v in msg.items()},
            'text': text.get_content() if text else '', 'html': html.get_content() if html else '',
        }), flush=True)
        return '250 OK'

controller = Controller(Handler(), hostname='127.0.0.1', port=int(sys.argv[1]))
controller.start()
print('listening', flush=True)
while True:
    time.sleep(3600)
`

const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'

export type SmtpServer = {
  port: number
  /** The next mail received (waits up to `ms`). */
  nextMail: (ms?: number) => Promise<Mail>
  stop: () => Promise<void>
}

export async function startSmtpServer(): Promise<SmtpServer> {
  const port = await freePort()
  const child: ChildProcess = spawn(python, ['-c', SERVER, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const mails: Mail[] = []
  const waiting: ((mail: Mail) => void)[] = []
  const lines = readline.createInterface({ input: child.stdout! })
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`aiosmtpd exited with ${code} (python3-aiosmtpd installed?): ${stderr}`)),
    )
    lines.on('line', (line) => {
      if (line === 'listening') return resolve()
      const mail = JSON.parse(line) as Mail
      const waiter = waiting.shift()
      if (waiter) waiter(mail)
      else mails.push(mail)
    })
  })
  return {
    port,
    nextMail: (ms = 10_000) =>
      new Promise<Mail>((resolve, reject) => {
        const queued = mails.shift()
        if (queued) return resolve(queued)
        const waiter = (mail: Mail) => {
          clearTimeout(timer)
          resolve(mail)
        }
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1)
          reject(new Error(`no mail within ${ms} ms`))
        }, ms)
        waiting.push(waiter)
      }),
    stop: async () => {
      lines.close()
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      child.stdout!.destroy()
      child.stderr!.destroy()
    },
  }
}
