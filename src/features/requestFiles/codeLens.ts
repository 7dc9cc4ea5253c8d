// `Invoke` and `Invoke without streaming` above each request of a request file. Lenses follow the editor's text,
// saved or not; each runs its own request.
import * as vscode from 'vscode';
import { resolveModel } from '../../core/models';
import { parseRequestFile, type RequestSpec } from '../../core/requestFile';
import { COMMANDS } from '../commands';
import { config } from '../config';


/** What a lens passes to bedrock.runRequestFile after the file's URI. */
export interface LensArgs {
  requestIndex: number;
  stream?: boolean;
}

/** False when the request's model is known not to stream (embeddings, images): a second lens would do the same. */
function canStream(spec: RequestSpec): boolean {
  const modelId = spec.modelId ?? config.modelId();
  const family = modelId ? resolveModel(modelId).family : undefined;
  return family ? family.streams && family.kind === 'text' : true;
}

export class RequestCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const file = parseRequestFile(document.getText());
    return file.requests.flatMap((spec) => {
      const at = document.positionAt(spec.range.offset);
      const range = new vscode.Range(at, at);
      const label = spec.name ? ` ${spec.name}` : file.isArray ? ` request ${spec.index + 1}` : '';
      const lenses = [
        new vscode.CodeLens(range, {
          title: 'Invoke',
          tooltip: `Send${label} to Bedrock`,
          command: COMMANDS.runRequestFile,
          arguments: [document.uri, { requestIndex: spec.index } satisfies LensArgs],
        }),
      ];
      if (canStream(spec)) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: 'Invoke without streaming',
            tooltip: `Send${label} with InvokeModel and show the answer when it is complete`,
            command: COMMANDS.runRequestFile,
            arguments: [document.uri, { requestIndex: spec.index, stream: false } satisfies LensArgs],
          }),
        );
      }
      return lenses;
    });
  }
}
