import type OpenAI from 'openai';

let loading: Promise<typeof OpenAI> | undefined;

/**
 * The openai SDK, imported on the first model request: importing it costs ~0.3 s, which offline mode
 * (no OPENAI_API_KEY) and commands that never call a model should not pay.
 */
export function loadOpenAI(): Promise<typeof OpenAI> {
  loading ??= import('openai').then((module) => module.default);
  return loading;
}
