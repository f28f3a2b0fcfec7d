#!/usr/bin/env bash
# Cold start: `scim-check --version` and `scim-check list` against `node -e 0`, as median ratios from one hyperfine run.
# Usage: npm run build && bash test/bench/cold-start.sh   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp)"
hyperfine --warmup 3 --runs "${RUNS:-20}" --export-json "$out" -N \
  'node -e 0' \
  'node bin/scim-check.js --version' \
  'node bin/scim-check.js --help' \
  'node bin/scim-check.js list' >/dev/null
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
const base = r[0].median;
for (const x of r) console.log(`${x.command.padEnd(36)} median ${(x.median * 1000).toFixed(1).padStart(7)} ms  ratio ${(x.median / base).toFixed(2)}x`);
' "$out"
rm -f "$out"
