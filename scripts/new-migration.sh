#!/usr/bin/env bash
# Make the next migration from the schema as last committed (or $FROM_SCHEMA) to prisma/schema.prisma.
# `prisma migrate dev` needs a shadow database that the offline JS engine cannot give, hence this.
set -euo pipefail
name=${1:?usage: npm run db:new-migration -- <name>}
[[ $name =~ ^[a-z0-9_]+$ ]] || { echo "migration name: lowercase letters, digits, _" >&2; exit 2; }
cd "$(dirname "$0")/.."
from=${FROM_SCHEMA:-}
if [[ -z $from ]]; then
  from=$(mktemp --suffix=.prisma)
  trap 'rm -f "$from"' EXIT
  git show HEAD:prisma/schema.prisma > "$from"
fi
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
sql=$(npx prisma migrate diff --from-schema-datamodel "$from" --to-schema-datamodel prisma/schema.prisma --script)
if ! grep -qv '^--' <<<"$sql" || [[ $sql == *"This is an empty migration"* ]]; then
  echo "No schema change since the last commit; nothing to do." >&2; exit 0
fi
mkdir -p "$dir" && printf '%s\n' "$sql" > "$dir/migration.sql"
echo "Wrote $dir/migration.sql"
