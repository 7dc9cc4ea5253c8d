#!/usr/bin/env node
// Copies botocore's bedrock-runtime service model (without its documentation strings) into test/emulator/model/,
// where the emulator validates Converse and CountTokens requests against it. Run after upgrading botocore:
//   node scripts/vendor-service-model.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

const botocore = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)'], { encoding: 'utf8' })
  .trim()
  .split('\n');
const [dir, version] = botocore;
const file = path.join(dir, 'data', 'bedrock-runtime', '2023-09-30', 'service-2.json.gz');
const model = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
const strip = (v) =>
  Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'documentation').map(([k, x]) => [k, strip(x)])) : v;
const out = { botocoreVersion: version, ...strip(model) };
const target = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'test', 'emulator', 'model', 'bedrock-runtime-2023-09-30.json');
writeFileSync(target, JSON.stringify(out) + '\n');
console.log(`wrote ${target} from botocore ${version}`);
