import net from 'node:net'

/**
 * The client a limit counts: the address src/server/serve.ts decided on (the only one it leaves in
 * X-Forwarded-For), with an IPv6 address reduced to its /64 — one subscriber usually holds a
 * whole /64, so counting single IPv6 addresses would give an attacker 2^64 fresh clients.
 */
export function clientOf(headers: Headers | undefined): string {
  const address = headers?.get('x-forwarded-for')?.split(',')[0]?.trim() ?? ''
  return clientGroup(address) || 'unknown'
}

/** `a.b.c.d` as is; an IPv6 address as its /64 (`2001:db8:1:2::/64`); '' when not an address. */
export function clientGroup(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (net.isIPv4(bare)) return bare
  if (!net.isIPv6(bare)) return ''
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
  if (mapped && net.isIPv4(mapped[1]!)) return mapped[1]!
  // expand `::` and any trailing IPv4 part, then keep the first four groups
  let text = bare
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`
}
