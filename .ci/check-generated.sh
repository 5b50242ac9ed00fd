#!/usr/bin/env bash
# Fails when the committed generated files (types, import map, GraphQL schema, SQLite migrations)
# no longer match the config. Run from the project root on a clean checkout.
set -euo pipefail
# lexical's Node entry points can end Node 20 early (unsettled top-level await); see docs/deployment.md.
export NODE_OPTIONS="--no-deprecation --conditions=production --conditions=ai-newsroom-source"

generated=(src/payload-types.ts src/generated-schema.graphql "src/app/(payload)/admin/importMap.js")
npm run --silent generate >/dev/null
if ! git diff --quiet -- "${generated[@]}"; then
  git --no-pager diff --stat -- "${generated[@]}"
  echo "Generated files are stale: run \`npm run generate\` and commit the result." >&2
  exit 1
fi

# A schema change needs a migration; --skip-empty writes nothing when the schema matches the last one.
before=$(ls src/migrations)
out=$(DATABASE_URI="file:$(mktemp -d)/schema-check.db" npx payload migrate:create schema-check --skip-empty 2>&1)
if ! grep -q "generating UP statements" <<<"$out"; then
  echo "$out" >&2
  echo "payload migrate:create did not run; cannot tell whether a migration is missing." >&2
  exit 1
fi
if [ "$(ls src/migrations)" != "$before" ]; then
  rm -f src/migrations/*_schema-check.* src/migrations/*_schema_check.*
  git checkout -q -- src/migrations/index.ts 2>/dev/null || true
  echo "The schema changed without a migration: run \`npm run migrate:create -- <name>\` and commit it." >&2
  exit 1
fi
echo "Generated files and migrations are up to date."
