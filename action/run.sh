#!/usr/bin/env bash
# The GitHub Action's step (action.yml), kept in a file so it can be run and tested outside GitHub: install
# scim-check, run it with the action's inputs, leave JUnit, HTML and HAR reports in the report directory, and exit with
# scim-check's own exit code (README "Exit codes"), which is what fails or passes the job.
#
# Inputs arrive as environment variables (action.yml maps them); the token is one of them, never an argument, so
# it cannot show in a process list or a log of the command line.
#   SCIM_CHECK_BASE_URL   required
#   SCIM_CHECK_TOKEN      optional; exported as SCIM_TOKEN for scim-check
#   SCIM_CHECK_PROFILE    default okta
#   SCIM_CHECK_LEVEL      default required
#   SCIM_CHECK_REPORTERS  extra reporters, space- or comma-separated (e.g. "json=scim-check-reports/result.json")
#   SCIM_CHECK_SUITES     suite files, space-separated (default: the built-in Okta suites)
#   SCIM_CHECK_REPORT_DIR default scim-check-reports
#   SCIM_CHECK_PACKAGE    what to install (a tarball path or URL, a git URL, a registry spec); default: the action's
#                         own copy (SCIM_CHECK_ACTION_PATH), built in place
#   SCIM_CHECK_BIN        an already installed bin/scim-check.js (skips installing)
set -uo pipefail
set -f # suite and reporter lists are split on spaces, never globbed

fail() {
  echo "scim-check action: $1" >&2
  exit 2
}

[ -n "${SCIM_CHECK_BASE_URL:-}" ] || fail "the base-url input is required (the SCIM base URL, e.g. https://example.com/scim/v2)"
report_dir="${SCIM_CHECK_REPORT_DIR:-scim-check-reports}"
mkdir -p "$report_dir" || fail "cannot create the report directory $report_dir"

if [ -n "${SCIM_CHECK_TOKEN:-}" ]; then export SCIM_TOKEN="$SCIM_CHECK_TOKEN"; fi
unset SCIM_CHECK_TOKEN

if [ -n "${SCIM_CHECK_BIN:-}" ]; then
  cli="$SCIM_CHECK_BIN"
elif [ -n "${SCIM_CHECK_PACKAGE:-}" ]; then
  prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/scim-check-action.$$"
  echo "::group::Installing scim-check from $SCIM_CHECK_PACKAGE"
  npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$prefix" "$SCIM_CHECK_PACKAGE" || fail "could not install scim-check from $SCIM_CHECK_PACKAGE"
  echo "::endgroup::"
  cli="$prefix/node_modules/scim-check/bin/scim-check.js"
else
  action_path="${SCIM_CHECK_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
  if [ ! -f "$action_path/dist/cli/main.js" ]; then
    echo "::group::Building scim-check from the action's checkout"
    (cd "$action_path" && npm ci --no-audit --no-fund) || fail "could not build scim-check in $action_path"
    echo "::endgroup::"
  fi
  cli="$action_path/bin/scim-check.js"
fi
[ -f "$cli" ] || fail "no scim-check at $cli"

args=(run --base-url "$SCIM_CHECK_BASE_URL" --profile "${SCIM_CHECK_PROFILE:-okta}" --level "${SCIM_CHECK_LEVEL:-required}")
args+=(--reporter pretty --reporter "junit=$report_dir/junit.xml" --reporter "html=$report_dir/report.html" --reporter "har=$report_dir/run.har")
reporters="${SCIM_CHECK_REPORTERS:-}"
for reporter in ${reporters//,/ }; do args+=(--reporter "$reporter"); done
for suite in ${SCIM_CHECK_SUITES:-}; do args+=("$suite"); done

node "$cli" "${args[@]}"
code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "exit-code=$code" >>"$GITHUB_OUTPUT"; fi
echo "scim-check exited with $code; reports in $report_dir/"
exit "$code"
