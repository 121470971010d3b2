import { strict as assert } from "assert";
import { budgetCapsPolicy } from "../policies/budget";
import { GCP } from "../lib/types";
import { Fixture, runStackPolicy, urnOf, withProp, withProps } from "./helpers/harness";
import { UNKNOWN_NUMBER, UNKNOWN_STRING, budget, functionV2, runJob, runService, runWorkerPool, sqlInstance } from "./helpers/fixtures";

const production = { monthlyCapUsd: 100, maxInstanceCeiling: 10, maxJobTaskCount: 10, allowedSqlTiers: ["db-f1-micro", "db-g1-small", "db-custom-*"] };
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
            // 2 instances × (1 vCPU × 0.000018 + 0.5 GiB × 0.000002) × 2,628,000 s = 99.86, + 19.93 = 119.79
            assert.deepEqual(outcome.violations.filter((violation) => violation.message.startsWith("The stack's estimated")), [
                {
                    message:
                        "The stack's estimated baseline cost is 119.79 USD a month, over the cap of 25 USD. The largest lines are 'agent' 99.86, 'main' 19.93. Shrink those resources, or raise monthlyCapUsd together with the budget.",
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
            assert.match(outcome.messages[0], /estimated baseline cost is 50\.69 USD/); // 2.04 + 3.65 + 1000 × 0.045
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
