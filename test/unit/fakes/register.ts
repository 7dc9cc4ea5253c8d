// Loaded by mocha before the unit tests (.mocharc.json `require`): `require('vscode')` resolves to the fake in
// vscode.ts, so feature modules can be loaded on plain Node. Core code never imports vscode at all.
import Module from 'node:module';
import * as path from 'node:path';

const fake = path.join(__dirname, 'vscode.js');
const moduleWithResolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fake : resolve.call(this, request, ...rest);
};
