// Request files as tests: expectations checked against answers, for the Test Explorer and the CLI alike.
export * from './types';
export {
  evaluate,
  excerpt,
  GradingError,
  type EvaluationContext,
  type EvaluationPlace,
  type Evaluation,
} from './evaluate';
export { graders, cosineSimilarity, GraderModelError, type Graders } from './graders';
export { checkJsonAnswer, jsonTextOf, type JsonVerdict } from './jsonAnswer';
export { judgePrompt, readVerdict, JUDGE_SYSTEM, type Verdict } from './judge';
export {
  runRequestTest,
  runPool,
  totalsOf,
  cancelledResult,
  testName,
  type TestRunContext,
  type TestTarget,
} from './runner';
export { isTextualFailure, usageText, durationText, resultFacts, errorText, answerText, totalsText } from './report';
