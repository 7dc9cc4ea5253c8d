// Amazon Bedrock Converse and ConverseStream, editor-independent.
//
// For a streaming consumer (a chat UI, a language-model provider):
//   const { events } = await clients.converseStream(connection, { modelId, messages, system, toolConfig }, signal);
//   for await (const e of events) switch (e.type) {
//     case 'text': ...; case 'reasoning': ...;               // deltas, reasoning apart from the answer
//     case 'toolUseStart': ...; case 'toolInput': ...;       // a tool call as it arrives
//     case 'toolUse': e.toolUse.input ...;                   // the complete call, input parsed
//     case 'stop': e.stopReason; case 'metadata': e.usage, e.latencyMs, e.serviceTier;
//   }
// Errors are the SDK's (classify them with core/errors); an in-stream exception is thrown by the iteration after
// the events before it. Aborting `signal` (or leaving the loop) resets the HTTP/2 stream and frees the connection.
// `BedrockClients` (core/bedrock) implements ConverseCaller; runConverse drives a TextSink for the text outputs.
export * from './types';
export { ConverseStreamReader, responseEvents } from './events';
export { runConverse, toolUseHeader, type ConverseResult, type ConverseRunOptions } from './run';
export { locateConverseProblem, type WrittenConverse } from './locate';
export {
  converseInputOf,
  estimateTokens,
  UnsupportedChatPartError,
  type ChatMessage,
  type ChatPart,
  type ChatRequest,
  type ChatRole,
  type ChatTool,
} from './chat';
export {
  countRequestTokens,
  countTokensInput,
  tokenCountText,
  type TokenCount,
  type TokenCountRequest,
} from './countTokens';
