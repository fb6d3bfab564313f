#!/usr/bin/env bash
# Regenerates every committed artifact and fails when the committed copy differs from the code.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm --silent emit-schema
git diff --exit-code -- schema/ || {
  echo "schema/schema.graphql 与代码不一致：请运行 pnpm emit-schema 并提交结果" >&2
  exit 1
}

# The SDK's typed documents, possibleTypes and cache policies, generated from the schema and the
# documents in packages/sdk/src/operations (codegen also fails when a document no longer validates).
pnpm --silent codegen --errors-only
generated=packages/sdk/src/generated
if ! git diff --stat --exit-code -- "$generated" || [ -n "$(git ls-files --others --exclude-standard -- "$generated")" ]; then
  echo "$generated 与 schema/schema.graphql 或 packages/sdk/src/operations 不一致：请运行 pnpm codegen 并提交结果" >&2
  exit 1
fi
