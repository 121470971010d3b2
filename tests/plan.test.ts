// The plan (catalog + stack settings, merged and checked) is pure data: no mocks needed.

import * as assert from "assert";
import { catalog } from "../catalog/catalog";
import { Plan, buildPlan, topologicalOrder } from "../stack/plan";
import { parseSettings } from "../stack/settings";
import { stackConfig } from "./helpers/stack-config";

export function planFor(stack: "staging" | "production", config: Record<string, string> = {}): Plan {
    const parsed = parseSettings(stack, { ...stackConfig(stack), ...config });
    assert.deepStrictEqual(parsed.issues.items, []);
    const { plan, issues } = buildPlan(catalog, parsed.settings!);
    assert.deepStrictEqual(issues, []);
    return plan!;
}

describe("plan", () => {
    const staging = planFor("staging");
    const production = planFor("production");

    it("declares callees before their callers, whatever the catalog order", () => {
        const order = production.services.map((s) => s.key);
        assert.ok(order.indexOf("gateway") > Math.max(...["agent", "journal", "habits", "meals", "movements", "practices", "users"].map((k) => order.indexOf(k))));
        assert.ok(order.indexOf("web") > order.indexOf("gateway"));
        assert.ok(order.indexOf("celery-worker") > order.indexOf("agent"));
    });

    it("reports a call cycle with its path", () => {
        assert.deepStrictEqual(topologicalOrder([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]).cycle, ["a", "b", "c", "a"]);
        assert.deepStrictEqual(topologicalOrder([["b", []], ["a", ["b"]]]).keys, ["b", "a"]);
    });

    it("puts every database on one instance in both stacks (layout shared), and on the catalog's four with layout dedicated", () => {
        const all = ["agent", "habits", "journal", "movements", "practices", "users"];
        assert.deepStrictEqual(staging.instances.map((i) => [i.name, i.databases]), [["shared-pg", all]]);
        assert.deepStrictEqual(production.instances.map((i) => [i.name, i.databases]), [["shared-pg", all]]);
        const dedicated = planFor("production", { "mindmirror:database": JSON.stringify({ ...JSON.parse(stackConfig("production")["mindmirror:database"]), layout: "dedicated" }) });
        assert.deepStrictEqual(dedicated.instances.map((i) => [i.name, i.databases]), [
            ["main-pg", ["agent", "habits", "journal"]],
            ["movements-pg", ["movements"]],
            ["practices-pg", ["practices"]],
            ["users-pg", ["users"]],
        ]);
        // Each database knows where it lives under the other layout, so its URL secret keeps its URN.
        assert.deepStrictEqual(production.services.find((w) => w.key === "agent")?.database?.otherLayoutInstance, "main");
        assert.deepStrictEqual(dedicated.services.find((w) => w.key === "users")?.database?.otherLayoutInstance, "shared");
    });

    it("rejects alert thresholds that cannot be one, naming the service", () => {
        const parsed = parseSettings("staging", stackConfig("staging"));
        const bad = { ...catalog, services: { ...catalog.services, agent: { ...catalog.services.agent, alerts: { errorRatio: 5, latencyP95Ms: 0.5 } } } };
        assert.deepStrictEqual(buildPlan(bad, parsed.settings!).issues.map((i) => i.path), ["services.agent.alerts.errorRatio", "services.agent.alerts.latencyP95Ms"]);
    });

    it("derives egress from edges: callers of internal services send all traffic, database owners private ranges", () => {
        const egress = Object.fromEntries(production.services.map((s) => [s.key, s.egress]));
        assert.deepStrictEqual(egress, {
            agent: "private-ranges", journal: "private-ranges", habits: "private-ranges", meals: "none",
            movements: "private-ranges", practices: "private-ranges", users: "private-ranges",
            gateway: "all-traffic", web: "none", "celery-worker": "all-traffic",
        });
        // celery-worker sends all traffic to the VPC and calls OpenAI: it needs a NAT.
        assert.strictEqual(production.needsNat, true);
    });

    it("lists exactly the readers of each secret", () => {
        const readers = Object.fromEntries(staging.secrets.map((s) => [s.key, [...s.readers].sort()]));
        assert.deepStrictEqual(readers["openai-api-key"], ["agent", "celery-worker"]);
        assert.deepStrictEqual(readers["supabase-service-role-key"], ["meals", "users"]);
        assert.deepStrictEqual(readers["agent-database-url"], ["agent"]);
        assert.strictEqual(readers["jwt-secret"].length, 8);
        assert.strictEqual(staging.secrets.length, 10);
    });

    it("takes scaling from the catalog per stack and lets the stack override it", () => {
        const gateway = (p: Plan) => p.services.find((s) => s.key === "gateway")!;
        assert.deepStrictEqual([gateway(staging).min, gateway(staging).max], [0, 3]);
        assert.deepStrictEqual([gateway(production).min, gateway(production).max], [1, 10]);
        const overridden = planFor("staging", { "mindmirror:services": JSON.stringify({ deletionProtection: false, overrides: { gateway: { min: 1, max: 4, memory: "1Gi" } } }) });
        assert.deepStrictEqual([gateway(overridden).min, gateway(overridden).max, gateway(overridden).memory], [1, 4, "1Gi"]);
    });

    it("builds image references from region, project, repository and the stack's tag", () => {
        assert.strictEqual(production.services.find((s) => s.key === "agent")!.image, "us-central1-docker.pkg.dev/mindmirror-prod/services/agent-service:v0.1.0");
    });

    it("adds the Redis AUTH secret to Redis readers only when the stack turns Redis on", () => {
        assert.ok(!staging.secrets.some((s) => s.key === "redis-auth"));
        const withRedis = planFor("staging", { "mindmirror:redis": JSON.stringify({ enabled: true }) });
        assert.deepStrictEqual([...withRedis.secrets.find((s) => s.key === "redis-auth")!.readers].sort(), ["agent", "celery-worker"]);
    });
});
