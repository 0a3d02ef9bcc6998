import { redact, redactText } from './redact.js';
import type { Logger } from './types.js';

const silent: Logger = { debug() {}, warn() {}, error() {} };

/** Wraps the user's logger option so every message and payload is redacted. */
export function createLogger(option: Logger | boolean | undefined): Logger {
  const target = option === true ? globalThis.console : option || silent;
  const wrap =
    (level: keyof Logger) =>
    (message: string, data?: unknown): void => {
      const text = `[simplejwt-client] ${redactText(message)}`;
      if (data === undefined) target[level](text);
      else target[level](text, redact(data));
    };
  return { debug: wrap('debug'), warn: wrap('warn'), error: wrap('error') };
}
