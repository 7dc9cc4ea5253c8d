#!/usr/bin/env node
// Copies botocore's Bedrock service models (without their documentation strings) into test/emulator/model/: the
// runtime (bedrock-runtime), against which the emulator validates Converse, CountTokens and the runtime headers, and
// the control plane (bedrock), against which it validates ListFoundationModels, GetFoundationModel,
// ListInferenceProfiles and GetInferenceProfile requests and checks its own catalog. Run after upgrading botocore:
//   node scripts/vendor-service-model.mjs
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

const botocore = execFileSync(
  'python3',
  ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)'],
  { encoding: 'utf8' },
)
  .trim()
  .split('\n');
const [dir, version] = botocore;
const strip = (v) =>
  Array.isArray(v)
    ? v.map(strip)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k !== 'documentation')
            .map(([k, x]) => [k, strip(x)]),
        )
      : v;
const modelDir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'test', 'emulator', 'model');

// The control plane has a hundred operations; the emulator serves these, so only they and the shapes they reach are kept.
const SERVED = {
  bedrock: ['ListFoundationModels', 'GetFoundationModel', 'ListInferenceProfiles', 'GetInferenceProfile'],
};

function only(model, operations) {
  const keep = new Set();
  const visit = (name) => {
    if (!name || keep.has(name)) return;
    keep.add(name);
    const s = model.shapes[name];
    for (const m of [...Object.values(s.members ?? {}), s.member, s.key, s.value]) if (m) visit(m.shape);
  };
  for (const op of operations) {
    const o = model.operations[op];
    visit(o.input?.shape);
    visit(o.output?.shape);
    for (const e of o.errors ?? []) visit(e.shape);
  }
  return {
    ...model,
    operations: Object.fromEntries(operations.map((op) => [op, model.operations[op]])),
    shapes: Object.fromEntries(Object.entries(model.shapes).filter(([k]) => keep.has(k))),
  };
}

for (const service of ['bedrock-runtime', 'bedrock']) {
  // The one API version botocore ships for the service (bedrock-runtime 2023-09-30, bedrock 2023-04-20).
  const versions = readdirSync(path.join(dir, 'data', service))
    .filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))
    .sort();
  const apiVersion = versions.at(-1);
  const file = path.join(dir, 'data', service, apiVersion, 'service-2.json.gz');
  const full = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  const model = SERVED[service] ? only(full, SERVED[service]) : full;
  const out = {
    botocoreVersion: version,
    ...(SERVED[service] ? { servedOperations: SERVED[service] } : {}),
    ...strip(model),
  };
  const target = path.join(modelDir, `${service}-${apiVersion}.json`);
  writeFileSync(target, JSON.stringify(out) + '\n');
  console.log(`wrote ${target} from botocore ${version}`);
}
