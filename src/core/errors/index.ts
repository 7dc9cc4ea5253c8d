// Every error -> one classified problem {kind, message, hint, fixes, jsonPath, violations}; and what fixes write.
export * from './classify';
export { parseViolations, type Violation, type ViolationKind, type BodyPath } from './violations';
export { defaultValueFor, renameFor, MAX_TOKEN_KEYS } from './bodyFixes';
export { closestIds } from './closest';
export { invokePolicy, deniedResource } from './policy';
export { guardrailActionOf, guardrailIntervention } from './guardrail';
export { messageOf } from './message';
