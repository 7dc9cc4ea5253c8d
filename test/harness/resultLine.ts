// The one line each test layer ends with, `<LABEL>-RESULT passed=N failed=M`, and how runners read it back.

export function resultLine(label: string, passed: number, failed: number): string {
  return `${label}-RESULT passed=${passed} failed=${failed}`;
}

/** Reads the last result line for `label` from a runner's output; undefined when the suite never got to print it. */
export function parseResultLine(label: string, output: string): { passed: number; failed: number } | undefined {
  const matches = [...output.matchAll(new RegExp(`${label}-RESULT passed=(\\d+) failed=(\\d+)`, 'g'))];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}
