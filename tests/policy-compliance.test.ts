// Our own stacks against the policy pack, resource by resource as the engine would hand them over
// (secrets in plain text, as policies see them), with each stack's pack config.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { catalog } from "../catalog/catalog";
import { AnyCatalog } from "../catalog/types";
import { allPolicies } from "../policy-pack/policies";
import { Fixture, runResourcePolicy, runStackPolicy } from "../policy-pack/tests/helpers/harness";
import { StackRun, runStack } from "./helpers/mocks";
import { stackRun } from "./helpers/runs";
import { ROOT } from "./helpers/stack-config";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Engine view of an input: secrets unwrapped to their plain values. */
function plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        if (SECRET_SIG in o) return plain(o["value"]);
        return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}

type PackConfig = Record<string, { enforcementLevel?: string } & Record<string, unknown>>;

function packConfig(stack: string): PackConfig {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack", "config", `${stack}.json`), "utf8")) as PackConfig;
}

interface Finding { policy: string; level: string; message: string }

async function evaluate(run: StackRun, stack: string): Promise<Finding[]> {
    const config = packConfig(stack);
    const fixtures: Fixture[] = run.resources
        .filter((r) => !r.type.startsWith("mindmirror:"))
        .map((r) => ({ type: r.type, name: r.name, props: plain(r.inputs) as Record<string, unknown> }));
    const findings: Finding[] = [];
    for (const policy of allPolicies as Policy[]) {
        const { enforcementLevel, ...args } = config[policy.name] ?? {};
        const level = enforcementLevel ?? policy.enforcementLevel ?? "advisory";
        if (level === "disabled") continue;
        if ("validateStack" in policy) {
            const out = await runStackPolicy(policy as StackValidationPolicy, fixtures, args);
            findings.push(...out.messages.map((message) => ({ policy: policy.name, level, message })));
        } else {
            for (const fixture of fixtures) {
                const out = await runResourcePolicy(policy as ResourceValidationPolicy, fixture, args);
                findings.push(...out.messages.map((message) => ({ policy: policy.name, level, message: `${fixture.name}: ${message}` })));
            }
        }
    }
    return findings;
}

describe("policy pack on our stacks", () => {
    for (const stack of ["staging", "production"] as const) {
        it(`${stack} passes every policy with its pack config`, async () => {
            const findings = await evaluate(await stackRun(stack), stack);
            assert.deepStrictEqual(findings, []);
        });
    }

    it("stops a deliberately bad variant, naming each core policy", async () => {
        const bad = JSON.parse(JSON.stringify(catalog)) as AnyCatalog & { services: Record<string, { ingress: string; env?: Record<string, string> }> };
        bad.services["agent"].ingress = "public";
        bad.services["journal"].env = { DATABASE_PASSWORD: "hunter2-correct-horse-battery" };
        const run = await runStack("staging", {
            catalog: bad as unknown as AnyCatalog,
            config: { "mindmirror:budget": JSON.stringify({ billingAccount: "000000-000000-000000", amountUsd: 500 }) },
        });
        const findings = await evaluate(run, "staging");
        const mandatory = new Set(findings.filter((f) => f.level === "mandatory").map((f) => f.policy));
        for (const core of ["gcp-cloudrun-internal-ingress", "gcp-no-plaintext-secrets", "gcp-budget-caps"]) {
            assert.ok(mandatory.has(core), `${core} should stop the bad variant; findings: ${JSON.stringify(findings, null, 1)}`);
        }
        assert.ok(!findings.some((f) => f.message.includes("hunter2")), "a violation message must never show the secret value");
    });
});
