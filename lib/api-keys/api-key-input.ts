import { z } from "zod";

export const API_KEY_SCOPES = ["read_only", "read_write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_LABELS: Record<ApiKeyScope, string> = {
  read_only: "Read-only",
  read_write: "Read and write",
};

export const createApiKeyInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the key, e.g. the system that will use it.")
    .max(80, "Use at most 80 characters."),
  scope: z.enum(API_KEY_SCOPES, "Choose read-only or read and write."),
});

export type CreateApiKeyInput = z.output<typeof createApiKeyInputSchema>;
