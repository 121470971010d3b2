// Bad input is reported before any resource is declared: every problem at once, each naming the
// item and field and what is allowed, and no stack trace reaches the user.

import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { catalog } from "../catalog/catalog";
import { AnyCatalog, AnyServiceSpec } from "../catalog/types";
import { buildPlan } from "../stack/plan";
import { parseSettings } from "../stack/settings";
import { runStack } from "./helpers/mocks";
import { stackConfig } from "./helpers/stack-config";
import { CONFIG_CASES, TOP_KEYS, withMap } from "./config-cases";
import { GCP_REGIONS } from "../stack/gcp-rules";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The catalog with one service changed (a deep copy: the real catalog is never touched). */
function withService(key: string, change: (s: Mutable<AnyServiceSpec>) => void, extra?: (c: Mutable<AnyCatalog>) => void): AnyCatalog {
    const copy = JSON.parse(JSON.stringify(catalog)) as Mutable<AnyCatalog>;
    const services = copy.services as Record<string, Mutable<AnyServiceSpec>>;
    services[key] = services[key] ?? (JSON.parse(JSON.stringify(catalog.services.meals)) as Mutable<AnyServiceSpec>);
    change(services[key]);
    extra?.(copy);
    return copy;
}

function planIssues(source: AnyCatalog, stack: "staging" | "production" = "staging", config: Record<string, string> = {}): string[] {
    const parsed = parseSettings(stack, { ...stackConfig(stack), ...config });
    assert.deepStrictEqual(parsed.issues.items, [], "the stack config itself should be valid here");
    return buildPlan(source, parsed.settings!).issues.map((i) => `${i.path}: ${i.message}`);
}

function settingsIssues(stack: string, config: Record<string, string | undefined>): string[] {
    const base: Record<string, string> = stackConfig(stack === "bogus" ? "staging" : stack);
    for (const [k, v] of Object.entries(config)) {
        if (v === undefined) delete base[k];
        else base[k] = v;
    }
    return parseSettings(stack, base).issues.items.map((i) => `${i.path}: ${i.message}`);
}

describe("validation: catalog", () => {
    it("accepts the real catalog in both stacks", () => {
        assert.deepStrictEqual(planIssues(catalog, "staging"), []);
        assert.deepStrictEqual(planIssues(catalog, "production"), []);
    });

    it("names an unknown service in calls", () => {
        assert.deepStrictEqual(planIssues(withService("web", (s) => { s.calls = ["gateway", "gatway"]; })), [
            `services.web.calls: "gatway" is not a service in the catalog; known: agent, journal, habits, meals, movements, practices, users, gateway, web, celery-worker.`,
        ]);
    });

    it("names an unknown secret and an unknown database", () => {
        const issues = planIssues(withService("meals", (s) => { s.secrets = { "jwt-secrett": { as: "file" } }; s.database = "mealz"; }));
        assert.strictEqual(issues.length, 2);
        assert.match(issues[0], /^services\.meals\.database: "mealz" is not a database in the catalog; known: agent, journal/);
        assert.match(issues[1], /^services\.meals\.secrets\.jwt-secrett: "jwt-secrett" is not a secret in the catalog/);
    });

    it("refuses a database owned by two services", () => {
        assert.deepStrictEqual(planIssues(withService("meals", (s) => { s.database = "agent"; })), [
            `services.meals.database: "agent" is already owned by agent; each database has exactly one service.`,
        ]);
    });

    it("refuses min above max", () => {
        assert.deepStrictEqual(planIssues(withService("web", (s) => { s.scaling = { staging: { min: 4, max: 2 }, production: { min: 0, max: 1 } }; })), [
            "services.web.scaling.staging: min (4) is above max (2).",
        ]);
    });

    it("refuses CPU and memory pairs Cloud Run refuses", () => {
        const issues = planIssues(withService("agent", (s) => { s.resources = { ...s.resources, cpu: "1", memory: "8Gi" }; }));
        assert.deepStrictEqual(issues, [`services.agent.resources: memory 8Gi needs at least 2 CPUs on Cloud Run, but cpu is "1".`]);
        const four = planIssues(withService("agent", (s) => { s.resources = { ...s.resources, cpu: "4", memory: "1Gi" }; }));
        assert.deepStrictEqual(four, [`services.agent.resources: cpu "4" needs at least 2Gi of memory on Cloud Run, but memory is 1Gi.`]);
    });

    it("refuses a memory size in the wrong unit, with the allowed form", () => {
        const issues = planIssues(withService("agent", (s) => { (s.resources as { memory: string }) = { ...s.resources, memory: "512MB" }; }));
        assert.deepStrictEqual(issues, [`services.agent.resources.memory: "512MB" is not a Cloud Run memory size; use a value like 512Mi or 2Gi.`]);
    });

    it("refuses names GCP refuses: length and characters", () => {
        const long = "a-very-long-service-name-that-gcp-refuses";
        const issues = planIssues(withService(long, () => undefined, (c) => { (c.services as Record<string, AnyServiceSpec>)["Bad_Name"] = c.services["meals"]; }), "staging", {
            "mindmirror:imageTags": JSON.stringify({ ...JSON.parse(stackConfig("staging")["mindmirror:imageTags"]), [long]: "t", Bad_Name: "t" }),
        });
        assert.ok(issues.includes(`services.${long}: "${long}-run" is not a valid service account id; use 6-30 lowercase letters, digits or hyphens, starting with a letter.`), issues.join("\n"));
        assert.ok(issues.includes(`services.Bad_Name: "Bad_Name" is not a valid Cloud Run service name; use 1-49 lowercase letters, digits or hyphens, starting with a letter.`), issues.join("\n"));
    });

    it("refuses env vars that clash with each other or with Cloud Run's own", () => {
        const issues = planIssues(withService("agent", (s) => { s.env = { PORT: "9000", OPENAI_API_KEY: "x" }; }));
        assert.deepStrictEqual(issues, [
            "services.agent.env.PORT: PORT is set by Cloud Run itself and cannot be defined.",
            "services.agent.secrets.openai-api-key: OPENAI_API_KEY is already defined by services.agent.env.OPENAI_API_KEY.",
        ]);
    });

    it("refuses a catalog secret that clashes with a generated connection secret", () => {
        const issues = planIssues(withService("meals", () => undefined, (c) => {
            (c.secrets as Record<string, unknown>)["agent-database-url"] = { source: "external", description: "x", configKey: "x" };
        }));
        assert.deepStrictEqual(issues, [`secrets.agent-database-url: clashes with the connection secret generated for database "agent"; rename it.`]);
    });

    it("refuses a call cycle", () => {
        const issues = planIssues(withService("agent", (s) => { s.calls = ["celery-worker"]; }));
        assert.deepStrictEqual(issues, [`services.agent.calls: calls form a cycle (agent -> celery-worker -> agent); a caller needs its callee's URL, so calls must not loop.`]);
    });

    it("refuses migrations without a database, and a port out of range", () => {
        const issues = planIssues(withService("meals", (s) => { s.migrations = { command: ["alembic", "upgrade", "head"] }; s.port = 70000; }));
        assert.deepStrictEqual(issues, [
            "services.meals.port: 70000 is not a TCP port (1-65535).",
            "services.meals.migrations: migrations need the service's database; declare `database`.",
        ]);
    });

    it("refuses a subnet too small for Direct VPC egress at max scale", () => {
        const issues = planIssues(catalog, "staging", { "mindmirror:network": JSON.stringify({ subnetCidr: "10.10.0.0/28" }) });
        assert.deepStrictEqual(issues, ["config mindmirror:network.subnetCidr: 10.10.0.0/28 has 12 usable addresses but Direct VPC egress may need 34 (two per instance at max scale); use a larger range."]);
    });

    it("reports every problem at once", () => {
        const issues = planIssues(withService("web", (s) => { s.calls = ["nope"]; s.healthPath = "health"; s.concurrency = 0; }));
        assert.strictEqual(issues.length, 3);
    });
});

describe("validation: stack config", () => {
    it("names a missing project, region and budget", () => {
        const issues = settingsIssues("staging", { "gcp:project": undefined, "gcp:region": undefined, "mindmirror:budget": undefined });
        assert.deepStrictEqual(issues.slice(0, 2), [
            "config gcp:project: is missing; set it to a GCP project id (6-30 lowercase letters, digits, hyphens) (pulumi config set gcp:project <value>).",
            "config gcp:region: is missing; set it to a GCP region such as us-central1 (pulumi config set gcp:region <value>).",
        ]);
        assert.ok(issues.includes("config mindmirror:budget: is missing; every stack needs a billing budget { billingAccount, amountUsd }."));
    });

    it("names a bad memory override with the allowed form", () => {
        const issues = settingsIssues("staging", { "mindmirror:services": JSON.stringify({ deletionProtection: false, overrides: { agent: { memory: "512MB" } } }) });
        assert.deepStrictEqual(issues, [
            `config mindmirror:services.overrides.agent.memory: "512MB" is not a Cloud Run memory size; use a value like 512Mi or 2Gi (one of 512Mi, 1Gi, 2Gi, 4Gi, 8Gi, 16Gi, 24Gi, 32Gi).`,
        ]);
    });

    it("refuses a typo in a setting name and an unknown stack", () => {
        assert.deepStrictEqual(settingsIssues("staging", { "mindmirror:budjet": "{}" }), [
            `config mindmirror:budjet: is not a setting of this program; did you mean "budget"? known: ${TOP_KEYS}.`,
        ]);
        assert.match(settingsIssues("bogus", {})[0], /^stack: "bogus" is not a stack of this platform; use one of staging, production\.$/);
    });

    it("checks values: tier, availability, emails, billing account, budget channels", () => {
        const issues = settingsIssues("production", {
            "mindmirror:database": JSON.stringify({ ...JSON.parse(stackConfig("production")["mindmirror:database"]), tier: "db-n1-huge", availability: "MULTI" }),
            "mindmirror:alerts": JSON.stringify({ emails: ["oncall", "a@b.c", "c@d.e", "e@f.g", "g@h.i", "i@j.k"], slackChannel: "#x" }),
            "mindmirror:budget": JSON.stringify({ billingAccount: "nope", amountUsd: 100 }),
        });
        assert.deepStrictEqual(issues, [
            `config mindmirror:database.tier: "db-n1-huge" is not a Cloud SQL tier such as db-f1-micro, db-g1-small or db-custom-2-7680.`,
            `config mindmirror:database.availability: "MULTI" is not allowed; use one of ZONAL, REGIONAL.`,
            `config mindmirror:budget.billingAccount: "nope" is not a billing account id like 012345-6789AB-CDEF01.`,
            `config mindmirror:alerts.emails[0]: "oncall" is not an email address.`,
            "config mindmirror:alerts: 7 notification channels (emails plus Slack); a billing budget takes at most 5.",
        ]);
    });

    it("refuses an image tag for a service the catalog does not have, and a missing one", () => {
        const tags = JSON.parse(stackConfig("staging")["mindmirror:imageTags"]) as Record<string, string>;
        delete tags["web"];
        tags["webb"] = "main-1";
        const parsed = parseSettings("staging", { ...stackConfig("staging"), "mindmirror:imageTags": JSON.stringify(tags) });
        const issues = buildPlan(catalog, parsed.settings!).issues.map((i) => `${i.path}: ${i.message}`);
        assert.deepStrictEqual(issues, [
            "config mindmirror:imageTags.web: is missing; every service needs an image tag (pulumi config set --path 'mindmirror:imageTags.web' <tag>).",
            `config mindmirror:imageTags.webb: "webb" is not a service in the catalog; known: agent, journal, habits, meals, movements, practices, users, gateway, web, celery-worker.`,
        ]);
    });
});

/** The external secrets the real catalog declares, as the program passes them. */
const EXTERNAL = Object.values(catalog.secrets).flatMap((s) => (s.source === "external" ? [s.configKey] : []));

function caseIssues(stack: string, config: Record<string, string | undefined>, secretKeys: readonly string[] = []): string[] {
    const base: Record<string, string> = stackConfig(stack);
    for (const [k, v] of Object.entries(config)) {
        if (v === undefined) delete base[k];
        else base[k] = v;
    }
    return parseSettings(stack, base, { secretKeys, externalSecretKeys: EXTERNAL }).issues.items.map((i) => `${i.path}: ${i.message}`);
}

describe("validation: strict stack config (every level, GCP's rules)", () => {
    for (const c of CONFIG_CASES) {
        it(`${c.kind}: ${JSON.stringify(c.config).slice(0, 90)}`, () => {
            assert.deepStrictEqual(caseIssues(c.stack, c.config, c.secretKeys), c.expect);
        });
    }

    it("accepts both real stack files as they are", () => {
        assert.deepStrictEqual(caseIssues("staging", {}), []);
        assert.deepStrictEqual(caseIssues("production", {}), []);
    });

    it("accepts every current GCP region, europe-west10 among them", () => {
        assert.ok(GCP_REGIONS.includes("europe-west10"));
        for (const region of GCP_REGIONS) assert.deepStrictEqual(caseIssues("staging", { "gcp:region": region }), [], region);
    });

    it("accepts a secret key the engine holds encrypted", () => {
        assert.deepStrictEqual(caseIssues("staging", { "mindmirror:openaiApiKey": "sk-1", "mindmirror:slackAuthToken": "xoxb" }, ["mindmirror:openaiApiKey", "mindmirror:slackAuthToken"]), []);
        assert.deepStrictEqual(caseIssues("staging", { ...withMap("staging", "alerts", { slackChannel: "#alerts" }), "mindmirror:slackAuthToken": "x" }, ["mindmirror:slackAuthToken"]), []);
    });

    it("takes a new external secret from the catalog, not from a hard-coded list", () => {
        const base = stackConfig("staging");
        const parsed = (external: string[]) => parseSettings("staging", { ...base, "mindmirror:stripeKey": "sk" }, { secretKeys: ["mindmirror:stripeKey"], externalSecretKeys: external });
        assert.deepStrictEqual(parsed(["stripeKey"]).issues.items, []);
        assert.match(parsed([]).issues.items.map((i) => `${i.path}: ${i.message}`)[0], /^config mindmirror:stripeKey: is not a setting of this program;/);
    });

    it("deploys production by digest: the image reference uses @sha256", () => {
        const digest = `sha256:${"ab".repeat(32)}`;
        const parsed = parseSettings("production", { ...stackConfig("production"), ...withMap("production", "imageTags", { web: digest }) });
        assert.deepStrictEqual(parsed.issues.items, []);
        const web = buildPlan(catalog, parsed.settings!).plan!.services.find((s) => s.key === "web")!;
        assert.strictEqual(web.image, `us-central1-docker.pkg.dev/mindmirror-prod/services/${catalog.services.web.image}@${digest}`);
    });

    it("reports every problem of a config at once, at every level", () => {
        const issues = caseIssues("staging", {
            ...withMap("staging", "redis", { enable: true }),
            ...withMap("staging", "database", { maxConection: 80 }),
            "gcp:region": "moon-base1",
            "mindmirror:openaiApiKey": "sk",
        });
        assert.strictEqual(issues.length, 4, issues.join("\n"));
    });
});

describe("validation: through the program", () => {
    it("throws a RunError (printed without a stack trace) before declaring any resource", async () => {
        let error: unknown;
        try {
            await runStack("staging", { config: { "gcp:project": "X", "mindmirror:budget": undefined } });
        } catch (e) {
            error = e;
        }
        assert.ok(pulumi.RunError.isInstance(error), "expected a RunError");
        assert.strictEqual((error as Error).message, [
            "Stack staging: the config in Pulumi.staging.yaml is not valid (2 problems):",
            `  1. config gcp:project: "X" is not a GCP project id (6-30 lowercase letters, digits, hyphens).`,
            "  2. config mindmirror:budget: is missing; every stack needs a billing budget { billingAccount, amountUsd }.",
        ].join("\n"));
    });

    it("reports catalog problems the same way", async () => {
        await assert.rejects(
            runStack("staging", { catalog: withService("web", (s) => { s.calls = ["gatway"]; }) }),
            (e: Error) => pulumi.RunError.isInstance(e) && e.message.startsWith("Stack staging: the catalog does not fit this stack (1 problem):\n  1. services.web.calls:"),
        );
    });
});
