/**
 * Email through a real SMTP server (aiosmtpd, tests/helpers/smtp.ts): a password reset is mailed
 * from EMAIL_FROM with a link on PUBLIC_URL (not the request's Host), and following the link's token
 * sets a new password that logs in. Configuration errors in the SMTP variables are clear.
 * REST's forgot-password needs the SQLite write queue (src/database/writeLock.ts, limits branch): without
 * it SQLite answers "database is locked" and the request a 500.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { emailAdapter } from '../../src/features/accounts/email'
import { api } from '../helpers/api'
import { bootPayload, shutdown, type TestContext } from '../helpers/payload'
import { startSmtpServer, type SmtpServer } from '../helpers/smtp'

let ctx: TestContext | undefined
let smtp: SmtpServer

const PUBLIC_URL = 'https://news.example'
const email = 'reset-me@example.com'

beforeAll(async () => {
  smtp = await startSmtpServer()
  // Read by the config when bootPayload imports it.
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    EMAIL_FROM: 'Newsroom Desk <desk@news.example>',
    PUBLIC_URL,
  })
  ctx = await bootPayload()
})

afterAll(async () => {
  await shutdown(ctx)
  await smtp?.stop()
  for (const key of ['SMTP_HOST', 'SMTP_PORT', 'EMAIL_FROM', 'PUBLIC_URL']) delete process.env[key]
})

describe('password reset by email', () => {
  test('the mail arrives, its link sets a new password, and the new password logs in', async () => {
    const { payload, config } = ctx!
    await payload.create({
      collection: 'users',
      data: { email, password: 'old-password-123', roles: ['editor'] },
    })
    const rest = api(config)
    // A Host header the client chose must not end up in the link.
    const asked = await rest.post('/users/forgot-password', {
      body: { email },
      headers: { host: 'attacker.example' },
    })
    expect([asked.status, asked.body.message]).toEqual([200, 'Success'])

    const mail = await smtp.nextMail()
    expect(mail.to).toEqual([email])
    expect(mail.from).toBe('desk@news.example')
    expect(mail.headers.from).toBe('Newsroom Desk <desk@news.example>')
    expect(mail.headers.subject).toMatch(/reset/i)
    const links = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])
    expect(links).toHaveLength(1)
    const link = new URL(links[0]!)
    expect(link.origin).toBe(PUBLIC_URL)
    const match = link.pathname.match(/^\/admin\/reset\/([^/]+)$/)
    expect(match).not.toBeNull()

    const reset = await rest.post('/users/reset-password', {
      body: { token: match![1], password: 'new-password-456' },
    })
    expect(reset.status).toBe(200)

    const fresh = await rest.post('/users/login', {
      body: { email, password: 'new-password-456' },
    })
    expect(fresh.status).toBe(200)
    expect(fresh.body.user.email).toBe(email)
    const old = await rest.post('/users/login', { body: { email, password: 'old-password-123' } })
    expect(old.status).toBe(401)

    // The token is spent.
    const again = await rest.post('/users/reset-password', {
      body: { token: match![1], password: 'third-password-789' },
    })
    expect(again.status).toBeGreaterThanOrEqual(400)
    expect(again.status).toBeLessThan(500)
  })

  test('an unknown address gets the same answer and no mail', async () => {
    const asked = await api(ctx!.config).post('/users/forgot-password', {
      body: { email: 'nobody@example.com' },
    })
    expect(asked.status).toBe(200)
    await expect(smtp.nextMail(1500)).rejects.toThrow('no mail')
  })
})

describe('SMTP settings', () => {
  test('SMTP_URL sends through the server it names', async () => {
    const adapter = emailAdapter({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` })
    const { sendEmail, defaultFromAddress } = adapter({ payload: ctx!.payload })
    await sendEmail({ to: 'reader@example.com', subject: 'Hello', text: 'plain text' })
    const mail = await smtp.nextMail()
    expect(mail.to).toEqual(['reader@example.com'])
    expect(mail.from).toBe(defaultFromAddress)
    expect(defaultFromAddress).toBe('noreply@localhost')
    expect(mail.text.trim()).toBe('plain text')
  })

  test('without SMTP settings mails are only logged', async () => {
    const adapter = emailAdapter({})
    expect(adapter({ payload: ctx!.payload }).name).toBe('console')
  })

  test.each([
    [{ SMTP_HOST: 'mail.example', SMTP_PORT: 'x' }, /SMTP_PORT must be a port number/],
    [{ SMTP_HOST: 'mail.example', SMTP_PORT: '70000' }, /SMTP_PORT must be a port number/],
    [{ EMAIL_FROM: 'not an address' }, /EMAIL_FROM must be one address/],
    [{ EMAIL_FROM: 'a@example.com, b@example.com' }, /EMAIL_FROM must be one address/],
  ])('%j is refused with a clear message', (env, message) => {
    expect(() => emailAdapter(env)).toThrow(message)
  })
})
