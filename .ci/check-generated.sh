#!/usr/bin/env bash
# Fails when the committed generated files (types, import map, GraphQL schema, SQLite and PostgreSQL
# migrations) no longer match the config. Run from the project root on a clean checkout.
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

# A schema change needs a migration in each dialect's folder; --skip-empty writes nothing when the
# schema matches that folder's last snapshot. PostgreSQL's is made against a throw-away cluster
# (scripts/postgres.mjs, Debian's postgresql).
check_migrations() { # FOLDER SCRIPT COMMAND…: the folder, the npm script that writes there, the
  local folder=$1 script=$2 before out # command that runs payload on that dialect
  shift 2
  before=$(ls "$folder")
  out=$("$@" npx payload migrate:create schema-check --skip-empty 2>&1)
  if ! grep -q "generating UP statements" <<<"$out"; then
    echo "$out" >&2
    echo "payload migrate:create did not run in $folder; cannot tell whether a migration is missing." >&2
    exit 1
  fi
  if [ "$(ls "$folder")" != "$before" ]; then
    rm -f "$folder"/*_schema-check.* "$folder"/*_schema_check.*
    git checkout -q -- "$folder/index.ts" 2>/dev/null || true
    echo "The schema changed without a migration in $folder: run \`npm run $script -- <name>\` and commit it." >&2
    exit 1
  fi
}
check_migrations src/migrations migrate:create env DATABASE_URI="file:$(mktemp -d)/schema-check.db"
check_migrations src/migrations/postgres migrate:create:postgres node scripts/postgres.mjs --
echo "Generated files and migrations are up to date."
