// secretlint's recommended rules (vendor tokens and keys: GitHub, GitLab, Slack tokens and webhooks, Stripe, npm,
// OpenAI, Anthropic, Hugging Face, GCP, database connection strings, ...), loaded on first use like the AWS SDK:
// only secretScan.ts imports this module, and the release build makes it its own file (dist/secretlint.js).
export { lintSource } from '@secretlint/core';
export { creator as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
