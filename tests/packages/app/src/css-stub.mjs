// Plain Node cannot import stylesheets; Next does that for the admin. Empty modules for the check.
export async function load(url, context, nextLoad) {
  if (/\.(css|scss)$/.test(new URL(url).pathname)) {
    return { format: 'module', source: '', shortCircuit: true }
  }
  return nextLoad(url, context)
}
