// A guardrail that intervened is not an error (the call succeeds, with the guardrail's answer instead of the
// model's), but the user should see which guardrail did it, where it is configured.
import type { Problem, ProblemContext } from './classify';

const ACTION_KEY = 'amazon-bedrock-guardrailAction';

/** `INTERVENED` / `NONE` from a response body or the last stream event; undefined when no guardrail ran. */
export function guardrailActionOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const action = (body as Record<string, unknown>)[ACTION_KEY];
  return typeof action === 'string' ? action : undefined;
}

export function guardrailIntervention(
  guardrail: { identifier?: string; version?: string },
  context: ProblemContext = {},
): Problem {
  const name = guardrail.identifier
    ? `"${guardrail.identifier}"${guardrail.version ? ` (version ${guardrail.version})` : ''}`
    : 'A guardrail';
  return {
    kind: 'guardrailIntervened',
    errorName: 'GuardrailIntervened',
    message: `Guardrail ${name} intervened: the answer is the guardrail's message, not the model's.`,
    hint: "Change the prompt, or the guardrail's policies in the Bedrock console.",
    fixes: [],
    retryable: false,
    severity: 'information',
    jsonPath: ['guardrailIdentifier'],
    context,
  };
}
