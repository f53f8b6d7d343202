import "server-only";
import { type Env, parseEnv } from "./env-schema";

export { type Env, parseEnv } from "./env-schema";

let cached: Env | undefined;

/** The server's environment, validated once (instrumentation.ts calls it at start, so a bad value stops start-up). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
