// Runs a request again, after a visible countdown when Bedrock asked us to slow down (throttling): the wait is
// shown in a notification that can cancel it.
import * as vscode from 'vscode';

/** Seconds to wait before retrying a throttled request; the SDK has already retried with backoff by then. */
export const THROTTLE_WAIT_SECONDS = 5;

export async function retryAfter(seconds: number, what: string, run: () => Promise<unknown>): Promise<unknown> {
  if (seconds > 0) {
    const go = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Bedrock: ${what}`, cancellable: true },
      async (progress, token) => {
        for (let left = seconds; left > 0; left--) {
          progress.report({ message: `retrying in ${left} s…`, increment: left === seconds ? 0 : 100 / seconds });
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 1000);
            token.onCancellationRequested(() => {
              clearTimeout(timer);
              resolve();
            });
          });
          if (token.isCancellationRequested) return false;
        }
        return true;
      },
    );
    if (!go) return undefined;
  }
  return run();
}
