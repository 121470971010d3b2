// Reads a stack's Pulumi.<stack>.yaml into the flat config map the engine hands a program
// (full keys; objects as JSON strings), so tests run the real stack files.

import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");

export function stackConfig(stack: string): Record<string, string> {
    const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc.config ?? {})) {
        out[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return out;
}
