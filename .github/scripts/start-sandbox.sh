#!/usr/bin/env bash
# start-sandbox.sh PROVIDER NAME: starts `rollback-guard sandbox` (from the committed dist/cli) in the
# background for the rest of the job, waits until it answers, masks its token, and writes the inputs
# that point an action at it to $GITHUB_OUTPUT (provider, token, service, environment, api-url,
# graphql-url, url, database, backup-dir, smoke-tests, pid). Its log is $RUNNER_TEMP/NAME.log.
set -euo pipefail
provider="$1"
name="$2"
ready="$RUNNER_TEMP/$name.json"
log="$RUNNER_TEMP/$name.log"

# --stop-after: it ends by itself even if the job's last step never runs.
nohup node dist/cli/index.js sandbox --provider "$provider" --ready-file "$ready" --stop-after 20m \
  > "$log" 2>&1 &

for _ in $(seq 300); do
  [ -s "$ready" ] && break
  if ! kill -0 $! 2> /dev/null; then break; fi
  sleep 0.1
done
if [ ! -s "$ready" ]; then
  cat "$log"
  echo "::error title=Sandbox::rollback-guard sandbox --provider $provider did not start (its log is above)"
  exit 1
fi

echo "::add-mask::$(jq -r .token "$ready")"
jq -r 'to_entries[] | "\(.key)=\(.value)"' "$ready" >> "$GITHUB_OUTPUT"
cat "$log"
