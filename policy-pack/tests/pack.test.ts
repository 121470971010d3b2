// The pack as a whole: names, levels, schemas, the per-stack config files and the conventions file.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as policyRuntime from "@pulumi/policy";
import { allPolicies, corePolicies } from "../policies";
import { previewSkipError } from "../lib/preview";

const PACK_DIR = path.resolve(__dirname, "..");
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

function readJson(file: string): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(path.join(PACK_DIR, file), "utf8")) as Record<string, unknown>;
}

function jsonType(value: unknown): string {
    if (Array.isArray(value)) return "array";
    if (value === null) return "null";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

describe("the policy pack", () => {
    it("has unique kebab-case gcp-* policy names", () => {
        const names = allPolicies.map((policy) => policy.name);
        assert.equal(new Set(names).size, names.length);
        for (const name of names) assert.match(name, /^gcp(-[a-z0-9]+)+$/);
    });

    it("makes the three core policies mandatory by default", () => {
        assert.deepEqual(
            corePolicies.map((policy) => [policy.name, policy.enforcementLevel]),
            [
                ["gcp-cloudrun-internal-ingress", "mandatory"],
                ["gcp-no-plaintext-secrets", "mandatory"],
                ["gcp-budget-caps", "mandatory"],
            ],
        );
    });

    it("gives every policy a description, a level, remediation steps and a config schema with defaults", () => {
        for (const policy of allPolicies) {
            assert.match(policy.description, /\.$/, policy.name);
            assert.ok(policy.enforcementLevel && LEVELS.includes(policy.enforcementLevel), policy.name);
            assert.ok(policy.remediationSteps, policy.name);
            const properties = Object.entries(policy.configSchema?.properties ?? {});
            assert.ok(properties.length > 0, `${policy.name} has no config`);
            for (const [key, property] of properties) {
                assert.ok(typeof property === "object" && property.default !== undefined, `${policy.name}.${key} has no default`);
                assert.ok(typeof property === "object" && property.description, `${policy.name}.${key} has no description`);
            }
        }
    });

    for (const stack of ["staging", "production"]) {
        it(`config/${stack}.json names real policies and only their schema's keys, with the right types`, () => {
            const config = readJson(`config/${stack}.json`);
            const byName = new Map(allPolicies.map((policy) => [policy.name, policy]));
            for (const [policyName, settings] of Object.entries(config)) {
                if (policyName === "all") continue;
                const policy = byName.get(policyName);
                assert.ok(policy, `${stack}: unknown policy ${policyName}`);
                if (typeof settings === "string") {
                    assert.ok(LEVELS.includes(settings), `${stack}: ${policyName}`);
                    continue;
                }
                for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
                    if (key === "enforcementLevel") {
                        assert.ok(LEVELS.includes(String(value)), `${stack}: ${policyName}.${key}`);
                        continue;
                    }
                    const property = policy.configSchema?.properties[key];
                    assert.ok(property && typeof property === "object", `${stack}: ${policyName} has no setting ${key}`);
                    const expected = property.type === "number" ? ["number", "integer"] : [String(property.type)];
                    assert.ok(expected.includes(jsonType(value)), `${stack}: ${policyName}.${key} should be ${property.type}`);
                }
            }
        });
    }

    it("keeps the stacks' caps as agreed: $25 staging, $100 production", () => {
        const capOf = (stack: string) => (readJson(`config/${stack}.json`)["gcp-budget-caps"] as { monthlyCapUsd: number }).monthlyCapUsd;
        assert.deepEqual([capOf("staging"), capOf("production")], [25, 100]);
    });

    it("declares a nodejs PulumiPolicy.yaml with a description", () => {
        const yaml = fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8");
        assert.match(yaml, /^runtime: nodejs$/m);
        assert.match(yaml, /^description: /m);
    });

    it("keeps conventions.ts free of imports, so the program and the pack can both load it", () => {
        const source = fs.readFileSync(path.join(PACK_DIR, "conventions.ts"), "utf8");
        assert.doesNotMatch(source, /^\s*import\s|require\(/m);
    });

    it("raises preview skips as the UnknownValueError the policy server turns into an advisory", () => {
        const runtime = policyRuntime as unknown as { UnknownValueError: new (...args: never[]) => Error };
        const error = previewSkipError("Something is unknown at preview.");
        assert.ok(error instanceof runtime.UnknownValueError);
        assert.equal(error.message, "Something is unknown at preview.");
    });
});
