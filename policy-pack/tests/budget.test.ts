import { strict as assert } from "assert";
import { budgetCapsPolicy } from "../policies/budget";
import { GCP } from "../lib/types";
import { Fixture, runStackPolicy, urnOf, withProp, withProps } from "./helpers/harness";
import { PROJECT, UNKNOWN_ARRAY, UNKNOWN_NUMBER, UNKNOWN_STRING, budget, functionV1, functionV2, runJob, runService, runWorkerPool, sqlInstance } from "./helpers/fixtures";

const PROJECT_NUMBER = "100000000002";
const production = {
    monthlyCapUsd: 100, maxInstanceCeiling: 10, maxJobTaskCount: 10, allowedSqlTiers: ["db-f1-micro", "db-g1-small", "db-custom-*"], stackProjects: [PROJECT, PROJECT_NUMBER],
};
const staging = { ...production, monthlyCapUsd: 25, maxInstanceCeiling: 5, allowedSqlTiers: ["db-f1-micro", "db-g1-small"] };

/** A stack that satisfies every rule: capped budget, one HA database, services with ceilings. */
function compliantStack(): Fixture[] {
    return [budget("100"), sqlInstance("main"), runService("journal"), runService("gateway"), runJob()];
}

const run = (resources: Fixture[], config: object = production) => runStackPolicy(budgetCapsPolicy, resources, config);

function replace(stack: Fixture[], name: string, change: (fixture: Fixture) => Fixture): Fixture[] {
    return stack.map((fixture) => (fixture.name === name ? change(fixture) : fixture));
}

describe("gcp-budget-caps", () => {
    it("passes a compliant production stack", async () => {
        const outcome = await run(compliantStack());
        assert.deepEqual(outcome.messages, []);
        assert.deepEqual(outcome.advisories, []);
    });

    it("passes a budget set with nanos just under the cap and an unset spend basis", async () => {
        const stack = replace(compliantStack(), "monthly-budget", (b) => withProps(b, { "amount.specifiedAmount.units": "99", "amount.specifiedAmount.nanos": 990000000 }));
        assert.deepEqual((await run(stack)).messages, []);
    });

    describe("the budget", () => {
        it("flags a stack without any budget", async () => {
            const outcome = await run(compliantStack().filter((fixture) => fixture.type !== GCP.budget));
            assert.deepEqual(outcome.violations, [
                {
                    message:
                        "The stack has no billing budget. Add a gcp.billing.Budget with amount.specifiedAmount.units of at most 100 USD and a threshold rule at 100% of current spend.",
                    urn: undefined,
                },
            ]);
        });

        it("flags a budget above the cap, against the budget's URN", async () => {
            const outcome = await run(compliantStack(), staging);
            const over = outcome.violations.find((violation) => violation.message.startsWith("Budget 'monthly-budget' allows 100 USD a month"));
            assert.ok(over, outcome.messages.join("\n"));
            assert.equal(over.urn, urnOf(GCP.budget, "monthly-budget"));
        });

        it("flags an uncapped budget that follows last period's spend", async () => {
            const stack = replace(compliantStack(), "monthly-budget", (b) => withProp(b, "amount", { lastPeriodAmount: true }));
            assert.match((await run(stack)).messages[0], /^Budget 'monthly-budget' follows last period's spend \(lastPeriodAmount\), so it has no cap\./);
        });

        it("flags a budget without a 100% current-spend threshold", async () => {
            const forecastOnly = replace(compliantStack(), "monthly-budget", (b) => withProp(b, "thresholdRules", [{ thresholdPercent: 1.0, spendBasis: "FORECASTED_SPEND" }]));
            assert.match((await run(forecastOnly)).messages[0], /has no threshold rule at 100% of current spend/);
            const ninety = replace(compliantStack(), "monthly-budget", (b) => withProp(b, "thresholdRules", [{ thresholdPercent: 0.9 }]));
            assert.equal((await run(ninety)).messages.length, 1);
        });

        it("flags a budget in another currency", async () => {
            const stack = replace(compliantStack(), "monthly-budget", (b) => withProp(b, "amount.specifiedAmount.currencyCode", "EUR"));
            assert.match((await run(stack)).messages[0], /is set in EUR, but the cap is in USD/);
        });

        it("flags a budget with no currency, which takes the billing account's", async () => {
            const stack = replace(compliantStack(), "monthly-budget", (b) => withProp(b, "amount.specifiedAmount.currencyCode", undefined));
            assert.deepEqual((await run(stack)).violations, [{
                message: "Budget 'monthly-budget' sets no currency, so it takes the billing account's, which may not be USD. Set amount.specifiedAmount.currencyCode to USD.",
                urn: urnOf(GCP.budget, "monthly-budget"),
            }]);
        });
    });

    describe("the budget's scope", () => {
        const filtering = (...projects: string[]) => replace(compliantStack(), "monthly-budget", (b) => withProp(b, "budgetFilter.projects", projects));

        it("passes a budget on the stack's own project, by number or id, or on the whole billing account", async () => {
            assert.deepEqual((await run(filtering(`projects/${PROJECT_NUMBER}`))).messages, []);
            assert.deepEqual((await run(filtering(`projects/${PROJECT}`))).messages, []);
            assert.deepEqual((await run(replace(compliantStack(), "monthly-budget", (b) => withProp(b, "budgetFilter", undefined)))).messages, []);
        });

        it("flags a budget that watches another project", async () => {
            assert.deepEqual((await run(filtering("projects/999999999999"))).violations, [{
                message:
                    "Budget 'monthly-budget' watches project 999999999999, which is not this stack's project (100000000002 / mindmirror-prod), so this stack's spend can pass its cap unseen. Set budgetFilter.projects to [\"projects/<this stack's project number>\"].",
                urn: urnOf(GCP.budget, "monthly-budget"),
            }]);
            assert.equal((await run(filtering(`projects/${PROJECT_NUMBER}`, "projects/mindmirror-staging"))).messages.length, 1);
        });

        it("defers projects unknown at preview", async () => {
            const unknownList = replace(compliantStack(), "monthly-budget", (b) => withProp(b, "budgetFilter.projects", UNKNOWN_ARRAY));
            assert.match((await run(unknownList)).advisories[0], /The projects of budget 'monthly-budget' are unknown at preview\./);
            const unknownEntry = filtering(UNKNOWN_STRING);
            const outcome = await run(unknownEntry);
            assert.deepEqual(outcome.messages, []);
            assert.match(outcome.advisories[0], /A project of budget 'monthly-budget' is unknown at preview\./);
        });

        it("without stackProjects, checks ids against the resources' projects and defers numbers", async () => {
            const config = { ...production, stackProjects: [] };
            const withProject = (stack: Fixture[]) => stack.map((f) => (f.type === GCP.runService ? withProp(f, "project", PROJECT) : f));
            assert.deepEqual((await run(withProject(filtering(`projects/${PROJECT}`)), config)).messages, []);
            assert.match((await run(withProject(filtering("projects/other-project")), config)).messages[0], /watches project other-project, which is not this stack's project \(mindmirror-prod\)/);
            const numbered = await run(withProject(filtering(`projects/${PROJECT_NUMBER}`)), config);
            assert.deepEqual(numbered.messages, []);
            assert.match(numbered.advisories[0], /filters on project number 100000000002; set stackProjects/);
        });

        it("defers an unknown amount to an advisory", async () => {
            const stack = replace(compliantStack(), "monthly-budget", (b) => withProp(b, "amount.specifiedAmount.units", UNKNOWN_STRING));
            const outcome = await run(stack);
            assert.deepEqual(outcome.messages, []);
            assert.match(outcome.advisories[0], /The amount of budget 'monthly-budget' is unknown at preview\./);
        });
    });

    describe("the estimate", () => {
        it("flags a stack whose baseline exceeds the cap and names the largest lines", async () => {
            const warm = withProps(runService("agent"), { "template.scaling.minInstanceCount": 2, "template.containers.0.resources.cpuIdle": false });
            const outcome = await run([budget("25"), sqlInstance("main"), warm], staging);
            // 2 instances × (1 vCPU × 0.000018 + 0.5 GiB × 0.000002) × 2,628,000 s = 99.86 (memory, 5.26, unverified), + 19.53 = 119.39
            assert.deepEqual(outcome.violations.filter((violation) => violation.message.startsWith("The stack's estimated")), [
                {
                    message:
                        "The stack's estimated baseline cost is 119.39 USD a month, over the cap of 25 USD (resting on unverified prices: 5.26 USD of 119.39 (4.4%)). The largest lines are 'agent' 99.86, 'main' 19.53. Shrink those resources, or raise monthlyCapUsd together with the budget.",
                    urn: undefined,
                },
            ]);
        });

        it("honours maxEstimateRatio for headroom", async () => {
            const outcome = await run(compliantStack(), { ...production, monthlyCapUsd: 25, maxEstimateRatio: 0.5 });
            assert.ok(outcome.messages.some((message) => /over 12\.50 \(0\.5 × the cap of 25\) USD/.test(message)), outcome.messages.join("\n"));
        });

        it("uses the configured cost assumptions", async () => {
            const nat: Fixture = { type: GCP.routerNat, name: "nat", props: {} };
            const outcome = await run([budget("25"), nat], { ...staging, costAssumptions: { natDataGib: 1000 } });
            assert.match(outcome.messages[0], /estimated baseline cost is 48\.65 USD/); // no instance uses it; 3.65 IP + 1000 × 0.045
        });

        it("flags 80 single-condition alert policies under a $100 cap; the same signals in 8 policies fit", async () => {
            const condition = { displayName: "5xx", conditionThreshold: { filter: 'resource.type = "cloud_run_revision"', aggregations: [{ crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.service_name"] }] } };
            const policies = (n: number) => Array.from({ length: n }, (_, i): Fixture => ({ type: "gcp:monitoring/alertPolicy:AlertPolicy", name: `policy-${i}`, props: { conditions: [condition] } }));
            const over = await run([...compliantStack(), ...policies(80)]);
            assert.equal(over.messages.length, 1, over.messages.join("\n"));
            // 80 × (1.50 + 2 series (one per service) × 87,600 runs × 0.35 / 1e6) + 19.53 SQL + 0.07 job
            assert.match(over.messages[0], /^The stack's estimated baseline cost is 144\.50 USD a month, over the cap of 100 USD/);
            assert.deepEqual((await run([...compliantStack(), ...policies(8)])).messages, []);
        });

        it("names a billable type it cannot price; the stack cannot be shown under its cap", async () => {
            const gpuCluster: Fixture = { type: "gcp:container/cluster:Cluster", name: "gke", props: { location: "us-central1", nodeConfig: { machineType: "a2-highgpu-1g" } } };
            const reservation: Fixture = { type: "gcp:bigquery/reservation:Reservation", name: "slots", props: { slotCapacity: 100 } };
            const outcome = await run([...compliantStack(), gpuCluster, reservation]);
            assert.deepEqual(outcome.violations, [
                {
                    message: "'gke' (gcp:container/cluster:Cluster) costs money but the cost model has no price for it (machine type a2-highgpu-1g is not in the price table), so the stack cannot be shown under its cap of 100 USD. Add its price to policy-pack/cost/prices.ts, remove it, or list its type in acceptUnpricedTypes if its cost is accounted for elsewhere.",
                    urn: urnOf("gcp:container/cluster:Cluster", "gke"),
                },
                {
                    message: "'slots' (gcp:bigquery/reservation:Reservation) costs money but the cost model has no price for it (the cost model has no price for this type), so the stack cannot be shown under its cap of 100 USD. Add its price to policy-pack/cost/prices.ts, remove it, or list its type in acceptUnpricedTypes if its cost is accounted for elsewhere.",
                    urn: urnOf("gcp:bigquery/reservation:Reservation", "slots"),
                },
            ]);
        });

        it("passes a priced GKE cluster that fits, and an unpriced type its owners accept", async () => {
            const autopilot: Fixture = { type: "gcp:container/cluster:Cluster", name: "gke", props: { location: "us-central1", enableAutopilot: true } };
            assert.deepEqual((await run([...compliantStack(), autopilot])).messages, []); // 73 + 19.53 + 0.07
            const reservation: Fixture = { type: "gcp:bigquery/reservation:Reservation", name: "slots", props: {} };
            assert.deepEqual((await run([...compliantStack(), reservation], { ...production, acceptUnpricedTypes: ["gcp:bigquery/*"] })).messages, []);
        });

        it("defers a cost it cannot know at preview to an advisory", async () => {
            const stack = replace(compliantStack(), "main", (s) => withProp(s, "settings.tier", UNKNOWN_STRING));
            const outcome = await run(stack);
            assert.ok(!outcome.messages.some((m) => /estimated|price/.test(m)), outcome.messages.join("\n"));
            assert.ok(outcome.advisories.some((a) => /The cost of 'main' is unknown at preview \(tier unknown at preview\)\./.test(a)), outcome.advisories.join("\n"));
        });
    });

    describe("instance ceilings", () => {
        it("flags a service without maxInstanceCount, which means 100", async () => {
            const stack = replace(compliantStack(), "journal", (s) => withProp(s, "template.scaling.maxInstanceCount", undefined));
            const outcome = await run(stack);
            assert.deepEqual(outcome.violations, [
                {
                    message: "'journal' may scale to 100 instances: its template.scaling.maxInstanceCount is unset, which means 100, above this stack's ceiling of 10. Set it to at most 10.",
                    urn: urnOf(GCP.runService, "journal"),
                },
            ]);
        });

        it("flags a ceiling above the stack's limit", async () => {
            const stack = replace(compliantStack(), "gateway", (s) => withProp(s, "template.scaling.maxInstanceCount", 8));
            assert.match((await run(stack, { ...staging, monthlyCapUsd: 100 })).messages[0], /'gateway' may scale to 8 instances: its template\.scaling\.maxInstanceCount is 8, above this stack's ceiling of 5/);
        });

        it("flags job parallelism (taskCount when parallelism is unset) and task counts", async () => {
            const job = withProps(runJob(), { "template.parallelism": undefined, "template.taskCount": 20 });
            const messages = (await run([...compliantStack().filter((f) => f.type !== GCP.runJob), job])).messages;
            assert.equal(messages.length, 2, messages.join("\n"));
            assert.match(messages[0], /'journal-migrate' may scale to 20 instances: its template\.parallelism \(or taskCount when parallelism is unset\) is 20/);
            assert.match(messages[1], /runs 20 tasks per execution, above this stack's limit of 10/);
        });

        it("flags worker pools and functions", async () => {
            const pool = withProp(runWorkerPool(), "scaling.manualInstanceCount", 12);
            const fn = withProp(functionV2(), "serviceConfig.maxInstanceCount", undefined);
            const messages = (await run([budget("100000"), pool, fn], { ...production, monthlyCapUsd: 100000 })).messages;
            assert.ok(messages.some((m) => /'celery-pool' may scale to 12 instances/.test(m)), messages.join("\n"));
            assert.ok(messages.some((m) => /'summarizer' may scale to 100 instances: its serviceConfig\.maxInstanceCount is unset/.test(m)), messages.join("\n"));
        });

        it("reads a 1st gen function's maxInstances of 0 or unset as no ceiling", async () => {
            const withMax = (value: unknown) => [...compliantStack(), withProp(functionV1(), "maxInstances", value)];
            for (const [value, shown] of [[0, "0"], [undefined, "unset"]] as const) {
                assert.deepEqual((await run(withMax(value))).violations, [{
                    message: `'thumbnailer' has no instance ceiling: its maxInstances is ${shown}, which the API reads as no limit. Set it to at most 10.`,
                    urn: urnOf(GCP.functionV1, "thumbnailer"),
                }]);
            }
            assert.deepEqual((await run(withMax(3))).messages, []);
            assert.match((await run(withMax(20))).messages[0], /'thumbnailer' may scale to 20 instances: its maxInstances is 20/);
        });

        it("defers an unknown ceiling to an advisory", async () => {
            const stack = replace(compliantStack(), "journal", (s) => withProp(s, "template.scaling.maxInstanceCount", UNKNOWN_NUMBER));
            const outcome = await run(stack);
            assert.deepEqual(outcome.messages, []);
            assert.match(outcome.advisories[0], /The template\.scaling\.maxInstanceCount of 'journal' is unknown at preview\./);
        });
    });

    describe("Cloud SQL tiers", () => {
        it("accepts a glob from the list", async () => {
            const stack = replace(compliantStack(), "main", (s) => withProps(s, { "settings.tier": "db-custom-1-3840", "settings.availabilityType": "ZONAL" }));
            assert.deepEqual((await run(stack)).messages, []);
        });

        it("flags a tier the stack does not allow", async () => {
            const stack = replace(compliantStack(), "main", (s) => withProps(s, { "settings.tier": "db-custom-1-3840", "settings.availabilityType": "ZONAL" }));
            const outcome = await run(stack, { ...staging, monthlyCapUsd: 100 });
            assert.deepEqual(outcome.messages, [
                "Cloud SQL instance 'main' uses tier db-custom-1-3840, which this stack does not allow. Use one of 'db-f1-micro' and 'db-g1-small', or add the tier to allowedSqlTiers in the stack's policy config.",
            ]);
        });
    });
});
