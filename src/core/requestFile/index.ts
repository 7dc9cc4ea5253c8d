// Request files (*.bedrock.json): parse with source ranges, expand variables, turn requests into Bedrock calls.
export * from './types';
export { parseRequestFile, lineColumn, type RequestFile } from './parse';
export { REQUEST_FIELDS } from './fields';
export {
  scanString,
  checkVariables,
  expandRequest,
  oncePerRun,
  type VariableKind,
  type VariableRef,
  type VariableResolver,
  type Expansion,
} from './variables';
export { modelIdOf, prepareRequest, type PreparedRequest, type PrepareOptions } from './invocation';
export { RAW_FAMILY } from './rawFamily';
export {
  embeddingDocument,
  formatEmbeddingDocument,
  imagesOf,
  writeImages,
  fileStem,
  timestamp,
  type EmbeddingDocument,
  type GeneratedImage,
} from './outputs';
export { requestFileTemplate } from './template';
export {
  readExpect,
  regexProblem,
  DEFAULT_MIN_SIMILARITY,
  EXPECT_FIELDS,
  type ExpectSpec,
  type JudgeSpec,
} from './expect';
export {
  CONVERSE_MEMBERS,
  CONTENT_BLOCK_KINDS,
  isPromptArn,
  type ConverseFields,
  type ConverseMember,
} from './converseFields';
export { prepareConverse, type PreparedConverse, type PrepareConverseOptions } from './converseInput';
export {
  addToolResultTurns,
  moveSystemIntoUserTurn,
  systemText,
  toolResultPlaceholder,
  type AnsweredToolUse,
} from './converseEdits';
export {
  outlineOf,
  outlineOfFile,
  outlineRequestAt,
  OutlineWorker,
  LIVE_KINDS,
  type OutlineRequest,
  type RequestFileOutline,
} from './outline';
export { LIMITS } from './parse';
