// Shows what embedding and image requests produce: the vector as a JSON document, images as files beside the
// request file opened in VS Code's image preview.
import * as path from 'path';
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import { checkOutputFolder } from '../../core/security';
import {
  embeddingDocument,
  fileStem,
  formatEmbeddingDocument,
  imagesOf,
  writeImages,
  type RequestSpec,
} from '../../core/requestFile';
import { WORKBENCH_COMMANDS } from '../commands';
import { config } from '../config';
import { readableRoots, requestFolder } from './variables';

/** Opens the embedding as a new JSON document; returns an error message when the answer holds no vector. */
export async function showEmbedding(
  modelId: string,
  body: unknown,
  inputTokenHeader?: number,
): Promise<string | undefined> {
  const doc = embeddingDocument(modelId, body, inputTokenHeader);
  if (!doc)
    return `${modelId} answered without an embedding vector. Run Bedrock: Show Last Raw Response to see its answer.`;
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: formatEmbeddingDocument(doc) });
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: false,
    preserveFocus: true,
  });
  return undefined;
}

/** Where images of a request file go: bedrock.imageOutputFolder, relative to the request file. */
function imageFolder(requestUri: vscode.Uri): string | undefined {
  const setting = config.imageOutputFolder();
  if (path.isAbsolute(setting)) return setting;
  const base = requestFolder(requestUri);
  return base ? path.join(base.fsPath, setting) : undefined;
}

/** Saves and opens the images; returns the files written, or an error message. */
export async function saveImages(
  requestUri: vscode.Uri,
  spec: RequestSpec,
  body: unknown,
): Promise<{ files: string[] } | { error: string }> {
  const { images, error } = imagesOf(body);
  if (images.length === 0) {
    return {
      error: `The model returned no image${error ? `: ${error}` : ''}. Change the prompt or the body and run again.`,
    };
  }
  const chosen = imageFolder(requestUri);
  if (!chosen)
    return { error: 'This untitled request file has no folder to save images in. Save it first, or open a folder.' };
  let folder: string;
  try {
    const roots = readableRoots(requestUri).map((u) => u.fsPath);
    folder = await checkOutputFolder(chosen, {
      roots,
      chosenByUser: config.imageOutputFolderChosenByUser(),
      setting: 'bedrock.imageOutputFolder',
    });
  } catch (refusal) {
    return { error: `${messageOf(refusal)} Nothing was saved; Bedrock: Show Last Raw Response has the answer.` };
  }
  const stem = fileStem(spec.name ?? path.basename(requestUri.path));
  let files: string[];
  try {
    files = writeImages(folder, stem, images);
  } catch (failure) {
    return {
      error: `Could not save the image in ${folder}: ${messageOf(failure)}. Check bedrock.imageOutputFolder; Bedrock: Show Last Raw Response has the answer.`,
    };
  }
  for (const file of files) {
    await vscode.commands.executeCommand(WORKBENCH_COMMANDS.open, vscode.Uri.file(file), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: false,
      preserveFocus: true,
    });
  }
  const where = vscode.workspace.asRelativePath(folder);
  void vscode.window.showInformationMessage(
    `Saved ${files.length === 1 ? path.basename(files[0]) : `${files.length} images`} in ${where}.${error ? ` The model also reported: ${error}` : ''}`,
  );
  return { files };
}
