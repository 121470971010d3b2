// What the engine tells the program about its config beyond the values: which keys it holds
// encrypted. The Node.js SDK keeps that list (PULUMI_CONFIG_SECRET_KEYS) without a public reader,
// so it is read here, in one place, from the same store the SDK's own config reads use.

import * as pulumi from "@pulumi/pulumi";

/** The SDK's internal check; exported by its runtime module though absent from its typings. */
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (key: string) => boolean };

/** Full config keys (`mindmirror:openaiApiKey`) whose values the stack holds encrypted. */
export function secretConfigKeys(): string[] {
    const all = Object.keys(pulumi.runtime.allConfig());
    if (typeof runtimeConfig.isConfigSecret === "function") return all.filter((k) => runtimeConfig.isConfigSecret!(k));
    const env = process.env["PULUMI_CONFIG_SECRET_KEYS"];
    const parsed: unknown = env ? JSON.parse(env) : [];
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === "string") : [];
}
