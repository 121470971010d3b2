// Both stacks priced as `npm run cost` prices them: every resource priced or in a free class,
// totals within the targets, budgets on the stacks' own projects, and the README tables current.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CostEstimate } from "../policy-pack/cost";
import { README_FILES, STACKS, Stack, budgetConfig, estimateOf, withCostTables, withPriceTable } from "../scripts/cost";
import { stackRun } from "./helpers/runs";
import { ROOT, stackConfig } from "./helpers/stack-config";

/** Baseline targets: production under the seeds' $75 alert, staging under its $25 cap, both under $100. */
const TARGETS: Readonly<Record<Stack, number>> = { staging: 25, production: 75 };

describe("cost of our stacks", () => {
    const estimates = {} as Record<Stack, CostEstimate>;

    before(async () => {
        for (const stack of STACKS) estimates[stack] = estimateOf(stack, await stackRun(stack));
    });

    for (const stack of STACKS) {
        it(`${stack}: every resource is priced or free for a stated reason, within its target`, () => {
            const estimate = estimates[stack];
            assert.deepStrictEqual(estimate.lines.filter((line) => line.status !== "priced").map((line) => `${line.name} ${line.status}`), []);
            assert.ok(estimate.free.every((group) => group.reason.length > 10 && group.count > 0));
            assert.ok(estimate.total <= TARGETS[stack], `${stack} baseline ${estimate.total} above ${TARGETS[stack]}`);
            // The policy enforces the same line: cap × maxEstimateRatio.
            const config = budgetConfig(stack);
            assert.strictEqual((config.monthlyCapUsd ?? 0) * (config.maxEstimateRatio ?? 1), TARGETS[stack]);
        });
    }

    it("keeps both stacks together under the $100 alpha ceiling, with alerting a fraction of it", () => {
        assert.ok(estimates.staging.total + estimates.production.total < 100);
        const alerting = (stack: Stack) => estimates[stack].lines.filter((line) => line.type === "gcp:monitoring/alertPolicy:AlertPolicy");
        assert.deepStrictEqual(alerting("production").length, 10);
        // Staging's uptime signal has no check behind its login (IAP): three policies are billed.
        assert.deepStrictEqual(alerting("staging").length, 3);
    });

    it("gives each budget policy config the stack's own project id and number", () => {
        for (const stack of STACKS) {
            const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack", "config", `${stack}.json`), "utf8"))["gcp-budget-caps"];
            const yaml = stackConfig(stack);
            assert.deepStrictEqual([...config.stackProjects].sort(), [yaml["gcp:project"], yaml["mindmirror:projectNumber"]].sort());
        }
    });

    describe("README tables (run `npm run cost -- --readme` after a change)", () => {
        it("README.md carries the current cost table", () => {
            const readme = fs.readFileSync(README_FILES.root, "utf8");
            assert.strictEqual(withCostTables(readme, estimates), readme);
        });

        it("policy-pack/README.md carries the current prices and cost table", () => {
            const readme = fs.readFileSync(README_FILES.pack, "utf8");
            assert.strictEqual(withPriceTable(withCostTables(readme, estimates, "policy-pack/README.md")), readme);
        });

        it("the decision table quotes the stacks' current totals", () => {
            const readme = fs.readFileSync(README_FILES.root, "utf8");
            assert.ok(readme.includes(`holding all six databases: 19.53 (${estimates.production.total.toFixed(2)})**`), "production total in the database row");
            assert.ok(readme.includes(`four: ${estimates.staging.total.toFixed(2)}`), "staging total in the signals row");
        });
    });
});
