// `npm run cost -- <stack>`: runs the program for a stack under mocks (no cloud account) and
// prints the policy pack's monthly cost estimate per resource and in total, against the stack's cap.

import * as fs from "fs";
import * as path from "path";
import { CostOptions, estimateMonthlyCost, formatCostTable } from "../policy-pack/cost";
import { runStack } from "../tests/helpers/mocks";

type BudgetConfig = { monthlyCapUsd?: number; costAssumptions?: Partial<CostOptions> };

/** The stack's budget policy config: its cap and the usage assumptions the estimate uses. */
export function budgetConfig(stack: string): BudgetConfig {
    const file = path.resolve(__dirname, "..", "policy-pack", "config", `${stack}.json`);
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, BudgetConfig>;
    return config["gcp-budget-caps"] ?? {};
}

/** Runs the program for a stack under mocks and prices what it declares, as the budget policy does. */
export async function stackEstimate(stack: "staging" | "production") {
    const run = await runStack(stack);
    const resources = run.resources
        .filter((r) => !r.type.startsWith("mindmirror:"))
        .map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
    return estimateMonthlyCost(resources, budgetConfig(stack).costAssumptions ?? {});
}

if (require.main === module) {
    const stack = process.argv[2];
    if (stack !== "staging" && stack !== "production") {
        console.error("usage: npm run cost -- <staging|production>");
        process.exit(2);
    }
    stackEstimate(stack).then((estimate) => {
        console.log(formatCostTable(estimate, { capUsd: budgetConfig(stack).monthlyCapUsd, maxDetailWidth: 90 }));
    }).catch((e: Error) => {
        console.error(e.message);
        process.exit(1);
    });
}
