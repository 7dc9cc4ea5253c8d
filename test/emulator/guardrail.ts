/** Guardrail behaviour: the trigger word makes a guarded request come back INTERVENED. */
import type { CallContext, Json } from './families/family';
import type { RuntimeHeaders } from './runtimeHeaders';
import type { EmulatorState } from './state';

/** Bedrock's default blocked-input message. */
export const GUARDRAIL_BLOCKED = 'Sorry, the model cannot answer this question.';

/** The guardrail config key belongs to Bedrock, not to the model's schema. */
export function withoutGuardrailConfig(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('amazon-bedrock-guardrailConfig' in body))
    return body;
  const copy = { ...(body as Json) };
  delete copy['amazon-bedrock-guardrailConfig'];
  return copy;
}

export function guardrailTriggered(state: EmulatorState, headers: RuntimeHeaders, promptText: string): boolean {
  return (
    !!headers.guardrailIdentifier &&
    !!state.config.guardrailTriggerWord &&
    promptText.includes(state.config.guardrailTriggerWord)
  );
}

export function guardrailFields(headers: RuntimeHeaders, ctx: CallContext): Json {
  if (!headers.guardrailIdentifier) return {};
  const out: Json = { 'amazon-bedrock-guardrailAction': ctx.intervened ? 'INTERVENED' : 'NONE' };
  if (headers.trace === 'ENABLED' || headers.trace === 'ENABLED_FULL') {
    out['amazon-bedrock-trace'] = {
      guardrail: {
        input: {
          [headers.guardrailIdentifier]: ctx.intervened
            ? { topicPolicy: { topics: [{ name: 'emulator-trigger', type: 'DENY', action: 'BLOCKED' }] } }
            : {},
        },
      },
    };
  }
  return out;
}
