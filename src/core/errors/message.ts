// The one way to turn anything thrown into text for a message or a log line.

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
