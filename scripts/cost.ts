// `npm run cost -- <stack>`: runs the program for a stack under mocks (no cloud account) and
// prints the policy pack's monthly cost estimate per resource and in total, against the stack's cap.

import * as fs from "fs";
import * as path from "path";
import { estimateMonthlyCost, formatCostTable } from "../policy-pack/cost";
import { runStack } from "../tests/helpers/mocks";

export async function stackEstimate(stack: "staging" | "production") {
    const run = await runStack(stack);
    const resources = run.resources
        .filter((r) => !r.type.startsWith("mindmirror:"))
        .map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
    return estimateMonthlyCost(resources);
}

export function capOf(stack: string): number {
    const config = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "policy-pack", "config", `${stack}.json`), "utf8")) as Record<string, { monthlyCapUsd?: number }>;
    return config["gcp-budget-caps"]?.monthlyCapUsd ?? NaN;
}

if (require.main === module) {
    const stack = process.argv[2];
    if (stack !== "staging" && stack !== "production") {
        console.error("usage: npm run cost -- <staging|production>");
        process.exit(2);
    }
    stackEstimate(stack).then((estimate) => {
        console.log(formatCostTable(estimate, { capUsd: capOf(stack), maxDetailWidth: 90 }));
    }).catch((e: Error) => {
        console.error(e.message);
        process.exit(1);
    });
}
