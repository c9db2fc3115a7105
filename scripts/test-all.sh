#!/usr/bin/env bash
# `npm test`: every test. Types, lint, unit tests, then the lab of real hypervisors for the integration
# and browser tests. The lab this script brings up is always torn down, even on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PRISMA_HIDE_UPDATE_MESSAGE=1

echo "== typecheck"
npx tsc --noEmit

echo "== lint (ESLint: Next.js and typescript-eslint rules, the import walls of ARCHITECTURE.md)"
npm run -s lint

echo "== unit tests"
npx vitest run --project unit

if [[ $(id -u) -ne 0 ]]; then
  echo "The integration and browser tests drive real hypervisors in network namespaces and need root." >&2
  exit 1
fi

lab_started=0
teardown() {
  if [[ $lab_started == 1 && ${VIRTSHIELD_LAB_KEEP:-0} != 1 ]]; then
    echo "== lab down"
    bash e2e/lab/lab.sh down || true
  fi
}
trap teardown EXIT
trap 'exit 130' INT TERM

echo "== lab up"
lab_started=1
bash e2e/lab/lab.sh up --hosts 3

echo "== integration tests (real sshd, libvirtd and QEMU)"
VIRTSHIELD_LAB_KEEP=1 npx vitest run --project integration

echo "== browser tests (Playwright in Debian's Chromium against next build + next start)"
VIRTSHIELD_LAB_KEEP=1 npx playwright test
