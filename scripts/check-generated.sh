#!/usr/bin/env bash
# Regenerates every committed artifact and fails when the committed copy differs from the code.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm --silent emit-schema
git diff --exit-code -- schema/ || {
  echo "schema/schema.graphql 与代码不一致：请运行 pnpm emit-schema 并提交结果" >&2
  exit 1
}
