// Model IDs the user picked, most recent first, kept across sessions so the picker can offer them first.
import type * as vscode from 'vscode';

const KEY = 'bedrock.recentModelIds';
const LIMIT = 6;

export class RecentModels {
  constructor(private readonly state: vscode.Memento) {}

  list(): string[] {
    return this.state.get<string[]>(KEY, []);
  }

  async add(modelId: string): Promise<void> {
    await this.state.update(KEY, [modelId, ...this.list().filter((id) => id !== modelId)].slice(0, LIMIT));
  }
}
