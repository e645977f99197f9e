#!/usr/bin/env bash
# Proves the emulated APIs against Terraform: starts the e2e launcher (scripts/e2e/moto-server.py)
# on a free 127.0.0.1 port, then on fixtures/<name> (default: compute) runs
#   init -> apply -> plan (must be empty) -> apply revision 2 (updates) -> plan (empty) -> destroy
# each step bounded by a timeout, and prints the timings. Offline: hashicorp/aws 5.100.0 comes from
# the local filesystem mirror. Usage: scripts/e2e/emulated/check.sh [fixture] (KEEP=1 keeps the work dir).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
FIXTURE="$HERE/fixtures/${1:-compute}"
STEP_TIMEOUT="${STEP_TIMEOUT:-300}"
[ -d "$FIXTURE" ] || { echo "check: no fixture $FIXTURE" >&2; exit 2; }

mirror="${TF_PROVIDER_MIRROR:-}"
if [ -z "$mirror" ]; then
  for dir in /opt/tf-plugins /usr/share/terraform/plugins /usr/local/share/terraform/plugins "$HOME/.terraform.d/plugins"; do
    if [ -d "$dir/registry.terraform.io/hashicorp/aws/5.100.0" ]; then mirror="$dir"; break; fi
  done
fi
[ -n "$mirror" ] || { echo "check: no filesystem mirror of hashicorp/aws 5.100.0 (set TF_PROVIDER_MIRROR)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/emulated-check.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "check: work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

cp -r "$FIXTURE"/. "$work/"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 "$HERE/../moto-server.py" --port "$port" >"$work/moto.log" 2>&1 &
server_pid=$!
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -sf -o /dev/null --max-time 2 "$endpoint/moto-api/data.json" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/moto.log" >&2; echo "check: the launcher exited" >&2; exit 1; }
  sleep 0.25
done
curl -sf -o /dev/null --max-time 2 "$endpoint/moto-api/data.json" || { echo "check: the launcher did not answer on $endpoint" >&2; exit 1; }

: >"$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
export AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN

timings=()
step() {
  local name="$1"
  shift
  local start=$SECONDS rc=0
  timeout "$STEP_TIMEOUT" terraform -chdir="$work" "$@" >"$work/$name.log" 2>&1 || rc=$?
  timings+=("$(printf '%-22s %4ss  exit %s' "$name" $((SECONDS - start)) "$rc")")
  return "$rc"
}
fail() {
  echo "check: $1 (log: $work/$2.log)" >&2
  tail -60 "$work/$2.log" >&2
  printf '%s\n' "${timings[@]}" >&2
  KEEP=1
  exit 1
}

total=$SECONDS
step init init -plugin-dir="$mirror" -input=false -no-color || fail "init failed" init
step apply apply -auto-approve -input=false -no-color || fail "apply failed" apply
step plan plan -detailed-exitcode -input=false -no-color || fail "the plan after apply is not empty" plan
step apply-revision-2 apply -auto-approve -input=false -no-color -var revision=2 || fail "apply of revision 2 failed" apply-revision-2
step plan-revision-2 plan -detailed-exitcode -input=false -no-color -var revision=2 || fail "the plan after revision 2 is not empty" plan-revision-2
step destroy destroy -auto-approve -input=false -no-color -var revision=2 || fail "destroy failed" destroy
left="$(terraform -chdir="$work" state list 2>/dev/null | wc -l)"
[ "$left" = 0 ] || fail "destroy left $left resources in the state" destroy

resources="$(grep -c 'Creation complete' "$work/apply.log" || true)"
printf '%s\n' "${timings[@]}"
echo "check: ${1:-compute}: $resources resources created, re-planned empty, updated, re-planned empty, destroyed in $((SECONDS - total)) s"
