import nodemailer from 'nodemailer'
import addressparser from 'nodemailer/lib/addressparser/index.js'
import type { EmailAdapter } from 'payload'

import { publicUrl } from '../../server/publicUrl'

/**
 * Outgoing email (password resets) from the environment:
 * - `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…:465`), or `SMTP_HOST` with `SMTP_PORT`
 *   (default 587; 465 means TLS from the start), `SMTP_USER`, `SMTP_PASSWORD`;
 * - `EMAIL_FROM`: `Newsroom <news@example.com>` or a bare address (default
 *   `Newsroom <noreply@HOST of PUBLIC_URL>`).
 * Without SMTP settings mails are not sent: the log gets one line at start and one per mail
 * (recipient and subject, never the body: it carries reset tokens).
 */
export function emailAdapter(env: Env = process.env): EmailAdapter {
  const { address: defaultFromAddress, name: defaultFromName } = sender(env)
  const transportOptions = smtpTransport(env)
  if (!transportOptions) return consoleAdapter(defaultFromAddress, defaultFromName)
  // What @payloadcms/email-nodemailer does (it has no release for our Payload version). Not verified
  // at start: the server comes up while the mail server is down; a failed send is an error then.
  const transport = nodemailer.createTransport(transportOptions)
  return () => ({
    name: 'nodemailer',
    defaultFromAddress,
    defaultFromName,
    sendEmail: async (message) => {
      const from =
        typeof message.from === 'object' && message.from
          ? { name: message.from.name, address: message.from.address }
          : message.from || { name: defaultFromName, address: defaultFromAddress }
      return transport.sendMail({ ...message, from } as nodemailer.SendMailOptions)
    },
  })
}

type Env = Record<string, string | undefined>

function smtpTransport(env: Env) {
  if (env.SMTP_URL?.trim()) return env.SMTP_URL.trim()
  const host = env.SMTP_HOST?.trim()
  if (!host) return undefined
  const port = Number(env.SMTP_PORT || 587)
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`SMTP_PORT must be a port number, not "${env.SMTP_PORT}"`)
  const auth = env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } : undefined
  return { host, port, secure: port === 465, auth }
}

function sender(env: Env): { address: string; name: string } {
  const configured = env.EMAIL_FROM?.trim()
  if (!configured)
    return {
      address: `noreply@${new URL(publicUrl(env as NodeJS.ProcessEnv)).hostname}`,
      name: 'Newsroom',
    }
  const parsed = addressparser(configured, { flatten: true })
  if (parsed.length !== 1 || !parsed[0]?.address?.includes('@'))
    throw new Error(
      `EMAIL_FROM must be one address like "Newsroom <news@example.com>", not "${configured}"`,
    )
  return { address: parsed[0]!.address, name: parsed[0]!.name || 'Newsroom' }
}

let announced = false

function consoleAdapter(defaultFromAddress: string, defaultFromName: string): EmailAdapter {
  return ({ payload }) => {
    if (!announced) {
      announced = true
      payload.logger.info('Email: no SMTP_URL or SMTP_HOST set, so mails are logged, not sent.')
    }
    return {
      name: 'console',
      defaultFromAddress,
      defaultFromName,
      sendEmail: async (message) => {
        const to = [message.to].flat().map((r) => (typeof r === 'string' ? r : r?.address))
        payload.logger.info(`Email not sent (no SMTP): to ${to.join(', ')}, "${message.subject}"`)
      },
    }
  }
}
