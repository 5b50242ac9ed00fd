/** The id of a relationship value, whether Payload returned it as an id or a populated document. */
export const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : (value as { id?: string } | null | undefined)?.id
