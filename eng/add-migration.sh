#!/usr/bin/env bash
# Adds a migration named $1 to both providers, so that SQLite and PostgreSQL histories stay in step.
set -euo pipefail
name=${1:?usage: eng/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project "src/Slipway.Database.$provider" \
    --startup-project "src/Slipway.Database.$provider" \
    --output-dir Migrations
  # The server starts from a compiled model; regenerate it with every model change (MigrationTests checks it).
  dotnet ef dbcontext optimize \
    --project "src/Slipway.Database.$provider" \
    --startup-project "src/Slipway.Database.$provider" \
    --output-dir CompiledModel \
    --namespace "Slipway.Database.$provider.CompiledModel"
done
