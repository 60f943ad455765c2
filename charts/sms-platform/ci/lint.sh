#!/usr/bin/env bash
# Self-check of the chart and the compose file:
#  1. the topic lists in values.yaml and docker/compose.yaml equal ALL_TOPICS of libs/contracts/src/topics.ts;
#  2. helm lint and helm template with ci/*-values.yaml, and defaults alone must fail on the required settings.
# Step 2 runs only where helm is installed; otherwise it says it skipped.
set -euo pipefail

chart="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$chart/../.." && pwd)"

node_bin="$repo/node_modules/.bin/node"
[ -x "$node_bin" ] || node_bin="$(command -v node || true)"
if [ -n "$node_bin" ] && [ -d "$repo/node_modules/typescript" ]; then
  "$node_bin" - "$repo" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const repo = process.argv[2];
const ts = require(path.join(repo, 'node_modules/typescript'));
// topics.ts has no imports: transpile and evaluate it rather than parse it by hand.
const source = fs.readFileSync(path.join(repo, 'libs/contracts/src/topics.ts'), 'utf8');
const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
const mod = { exports: {} };
new Function('module', 'exports', js)(mod, mod.exports);
const expected = [...mod.exports.ALL_TOPICS].sort();

const collect = (file, pattern) =>
  fs.readFileSync(path.join(repo, file), 'utf8').split('\n').flatMap((line) => {
    const match = pattern.exec(line);
    return match ? [match[1]] : [];
  }).sort();
const lists = {
  'charts/sms-platform/values.yaml kafka.topics.names': collect('charts/sms-platform/values.yaml', /^ {6}- (sms\.[\w.-]+)\s*$/),
  'docker/compose.yaml kafka-topics': collect('docker/compose.yaml', /^\s+(sms\.[\w.-]+)(?: \\)?\s*$/),
};
let failed = false;
for (const [where, actual] of Object.entries(lists)) {
  const missing = expected.filter((t) => !actual.includes(t));
  const extra = actual.filter((t) => !expected.includes(t));
  if (missing.length || extra.length || actual.length !== expected.length) {
    failed = true;
    console.error(`${where}: out of step with ALL_TOPICS; missing [${missing}] extra [${extra}]`);
  }
}
if (failed) process.exit(1);
console.log(`topics: values.yaml and compose.yaml list the ${expected.length} topics of ALL_TOPICS`);
JS
else
  echo "topics: skipped (node or typescript not installed)"
fi

if ! command -v helm >/dev/null 2>&1; then
  echo "helm: not installed, skipped helm lint and helm template"
  exit 0
fi

for values in "$chart"/ci/*-values.yaml; do
  echo "helm: lint and template with ${values#"$chart"/}"
  helm lint "$chart" --values "$values"
  helm template lint "$chart" --namespace sms --values "$values" > /dev/null
done

# Required settings (brokers, connection strings, SMPP password and host) have no defaults.
if helm template lint "$chart" > /dev/null 2>&1; then
  echo "helm: rendering with default values succeeded, but required settings should have stopped it" >&2
  exit 1
fi
echo "helm: defaults alone are rejected as expected"
