// Workspace trust and secret safety: editor-independent checks the features apply.
export { checkEndpoint, type EndpointVerdict } from './endpoint';
export {
  checkEnvironmentValue,
  checkEnvironmentVariable,
  secretNameReason,
  type EnvironmentVerdict,
} from './environment';
export { redact, StreamRedactor } from './redact';
export {
  checkOutputFolder,
  checkTextSize,
  readFileInside,
  readBytesInside,
  resolveReadable,
  PathRefusal,
  DEFAULT_MAX_FILE_VARIABLE_BYTES,
  MAX_BLOB_BYTES,
  MAX_REQUEST_FILE_BYTES,
  type OutputFolderOptions,
  type ReadInsideOptions,
} from './files';
