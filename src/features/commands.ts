// Every command ID the extension registers or runs, in one table: a typo is a compile error, and the unit test
// `test/unit/features/names.test.ts` checks the contributed ones against package.json.

/** Commands contributed in package.json (palette, menus, status bar, CodeLens). */
export const COMMANDS = {
  invokeSelection: 'bedrock.invokeSelection',
  cancelAll: 'bedrock.cancelAll',
  openSettings: 'bedrock.openSettings',
  selectModel: 'bedrock.selectModel',
  selectProfile: 'bedrock.selectProfile',
  selectRegion: 'bedrock.selectRegion',
  switchConnection: 'bedrock.switchConnection',
  runRequestFile: 'bedrock.runRequestFile',
  newRequestFile: 'bedrock.newRequestFile',
  showLastRawResponse: 'bedrock.showLastRawResponse',
  runTests: 'bedrock.runTests',
  cancelTests: 'bedrock.cancelTests',
  manageLanguageModels: 'bedrock.manageLanguageModels',
  setApiKey: 'bedrock.setApiKey',
  clearApiKey: 'bedrock.clearApiKey',
  generateApiKey: 'bedrock.generateApiKey',
  addToolResult: 'bedrock.addToolResult',
  countTokens: 'bedrock.countTokens',
} as const;

/** Commands registered but not contributed: a quick fix's prepared action, and the integration tests' picker probe. */
export const INTERNAL_COMMANDS = {
  runFix: 'bedrock.diagnostics.runFix',
  signIn: 'bedrock.diagnostics.signIn',
  activePicker: '_bedrock.activePicker',
  testExplorer: '_bedrock.testExplorer',
} as const;

/** VS Code's own commands that the extension runs. */
export const WORKBENCH_COMMANDS = {
  openSettings: 'workbench.action.openSettings',
  open: 'vscode.open',
  manageTrust: 'workbench.trust.manage',
  acceptQuickOpenItem: 'workbench.action.acceptSelectedQuickOpenItem',
} as const;

/** The extension's ID as the Settings editor's `@ext:` filter names it. */
export const EXTENSION_ID = 'bedrock-invoke.bedrock-invoke';
