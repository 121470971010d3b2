// Per-stack plain env: catalog < services.env < services.overrides.<service>.env, plain values only.

import * as assert from "assert";
import { catalog } from "../catalog/catalog";
import { buildPlan } from "../stack/plan";
import { parseSettings } from "../stack/settings";
import { withMap } from "./config-cases";
import { StackRun, runStack } from "./helpers/mocks";
import { EnvInput, at } from "./helpers/runs";
import { stackConfig } from "./helpers/stack-config";

const envsOf = (run: StackRun, key: string) => at(run.named(`service-${key}-service`).inputs, "template.containers.0.envs") as EnvInput[];
const envValue = (run: StackRun, key: string, name: string) => envsOf(run, key).find((e) => e.name === name)?.value;

function issuesOf(stack: "staging" | "production", config: Record<string, string>): string[] {
    const parsed = parseSettings(stack, { ...stackConfig(stack), ...config });
    if (!parsed.settings) return parsed.issues.items.map((i) => `${i.path}: ${i.message}`);
    return buildPlan(catalog, parsed.settings).issues.map((i) => `${i.path}: ${i.message}`);
}

describe("per-stack env", function () {
    this.timeout(180_000);

    it("sets stack-wide env on every service and lets one service override it", async () => {
        const run = await runStack("production", {
            config: withMap("production", "services", {
                env: { LOG_LEVEL: "INFO", SUPABASE_URL: "https://prod-ref.supabase.co" },
                overrides: { agent: { env: { LOG_LEVEL: "WARNING" } } },
            }),
        });
        assert.strictEqual(envValue(run, "journal", "LOG_LEVEL"), "INFO");
        assert.strictEqual(envValue(run, "journal", "SUPABASE_URL"), "https://prod-ref.supabase.co");
        assert.strictEqual(envValue(run, "agent", "LOG_LEVEL"), "WARNING");
        assert.strictEqual(envsOf(run, "agent").filter((e) => e.name === "LOG_LEVEL").length, 1);
    });

    it("refuses a secret-looking name or value, naming the key and the fix", () => {
        const issues = issuesOf("staging", withMap("staging", "services", {
            env: { SUPABASE_SERVICE_ROLE_KEY: "abc" },
            overrides: { users: { env: { DATABASE_URL: "postgres://app:hunter2@10.0.0.3/users" } } },
        }));
        assert.ok(issues.some((i) => i.startsWith("config mindmirror:services.env.SUPABASE_SERVICE_ROLE_KEY: SUPABASE_SERVICE_ROLE_KEY names a secret; store it as a secret")), issues.join("\n"));
        assert.ok(issues.some((i) => i.startsWith("config mindmirror:services.overrides.users.env.DATABASE_URL: the value is a URL with a password in it")), issues.join("\n"));
    });

    it("refuses a bad variable name and a misspelt env key", () => {
        const issues = issuesOf("staging", withMap("staging", "services", { env: { "1BAD": "x" }, overrides: { agent: { envs: { A: "b" } } } }));
        assert.deepStrictEqual(issues, [
            `config mindmirror:services.env.1BAD: "1BAD" is not an environment variable name (letters, digits, '_', not starting with a digit).`,
            `config mindmirror:services.overrides.agent.envs: is not a setting of mindmirror:services.overrides.agent; did you mean "env"? known: min, max, cpu, memory, env.`,
        ]);
    });
});
