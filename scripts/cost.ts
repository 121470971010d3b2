// `npm run cost -- <stack>`: runs the program for a stack under mocks (no cloud account) and prints
// the policy pack's monthly cost estimate per resource and in total, against the stack's cap.
// `npm run cost -- --readme` rewrites the cost tables in README.md and policy-pack/README.md from
// the same estimates (a test fails when they are stale).

import * as fs from "fs";
import * as path from "path";
import { CostEstimate, CostOptions, estimateMonthlyCost, formatCostTable, prices } from "../policy-pack/cost";
import { StackRun, runStack } from "../tests/helpers/mocks";
import { replaceBetween } from "./markers";

export const STACKS = ["staging", "production"] as const;
export type Stack = (typeof STACKS)[number];

const ROOT = path.resolve(__dirname, "..");

export type BudgetConfig = { monthlyCapUsd?: number; maxEstimateRatio?: number; costAssumptions?: Partial<CostOptions> };

/** The stack's budget policy config: its cap and the usage assumptions the estimate uses. */
export function budgetConfig(stack: string): BudgetConfig {
    const file = path.join(ROOT, "policy-pack", "config", `${stack}.json`);
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, BudgetConfig>;
    return config["gcp-budget-caps"] ?? {};
}

/** Prices what a run of the program declares, as the budget policy does (components are not resources). */
export function estimateOf(stack: Stack, run: StackRun): CostEstimate {
    const resources = run.resources.map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
    return estimateMonthlyCost(resources, budgetConfig(stack).costAssumptions ?? {});
}

export async function stackEstimate(stack: Stack): Promise<CostEstimate> {
    return estimateOf(stack, await runStack(stack));
}

/** How lines are summed in the READMEs: by what they are. */
const CATEGORIES: ReadonlyArray<readonly [RegExp, string]> = [
    [/^gcp:sql\//, "Cloud SQL instances"],
    [/^gcp:cloudrunv2\/service:/, "Cloud Run services (instances kept warm)"],
    [/^gcp:compute\/routerNat:/, "Cloud NAT (instances using it, IP, data, logs)"],
    [/^gcp:monitoring\/alertPolicy:/, "Alerting (conditions, time series returned)"],
    [/^gcp:monitoring\/uptimeCheckConfig:/, "Uptime checks (beyond the free executions)"],
    [/^gcp:secretmanager\//, "Secret Manager (active versions)"],
    [/^gcp:artifactregistry\//, "Artifact Registry (storage)"],
    [/^gcp:cloudrunv2\/job:/, "Cloud Run jobs (migrations)"],
    [/^gcp:pubsub\//, "Pub/Sub (throughput, retention)"],
    [/^gcp:projects\/service:/, "APIs that bill on use (container scanning, Cloud Trace spans)"],
    [/^gcp:logging\/metric:/, "Log-based metrics (beyond the free 150 MiB)"],
    [/^gcp:storage\/bucket:/, "Cloud Storage (documents, assumed GiB)"],
    [/^gcp:cloudscheduler\//, "Cloud Scheduler (beyond the free jobs)"],
    [/^gcp:compute\/(instance|disk):/, "Compute Engine (operator access VM)"],
    [/^gcp:compute\/(globalForwardingRule|forwardingRule|globalAddress):/, "Load balancing (forwarding rules)"],
    [/^gcp:compute\/securityPolicy:/, "Cloud Armor (policy, rules, requests)"],
];

function category(type: string, name: string): string {
    if (type === "assumption") return name === "cloud-logging" ? "Cloud Logging (beyond 50 GiB per project)" : name;
    return CATEGORIES.find(([pattern]) => pattern.test(type))?.[1] ?? type;
}

const money = (value: number): string => value.toFixed(2);
const limitOf = (config: BudgetConfig): number => (config.monthlyCapUsd ?? 100) * (config.maxEstimateRatio ?? 1);

/** The per-stack summary both READMEs carry. */
export function summaryTable(estimates: Readonly<Record<Stack, CostEstimate>>): string {
    const sums = new Map<string, Record<Stack, { usd: number; count: number }>>();
    for (const stack of STACKS) {
        for (const line of estimates[stack].lines) {
            const key = category(line.type, line.name);
            const row = sums.get(key) ?? { staging: { usd: 0, count: 0 }, production: { usd: 0, count: 0 } };
            row[stack].usd += line.monthlyUsd;
            row[stack].count += 1;
            sums.set(key, row);
        }
    }
    const cell = (value: { usd: number; count: number }) => (value.count === 0 ? "—" : `${money(value.usd)} (${value.count})`);
    const rows = [...sums.entries()]
        .sort(([a, x], [b, y]) => y.production.usd - x.production.usd || y.staging.usd - x.staging.usd || a.localeCompare(b))
        .map(([key, row]) => `| ${key} | ${cell(row.staging)} | ${cell(row.production)} |`);
    const config = { staging: budgetConfig("staging"), production: budgetConfig("production") };
    const per = (f: (stack: Stack) => string) => `| ${f("staging")} | ${f("production")} |`;
    const share = (stack: Stack) => {
        const e = estimates[stack];
        return `${money(e.unverifiedUsd)} (${e.total > 0 ? ((e.unverifiedUsd / e.total) * 100).toFixed(1) : "0.0"}%)`;
    };
    const unpriced = (stack: Stack) => {
        const names = estimates[stack].lines.filter((line) => line.status !== "priced").map((line) => line.name);
        return names.length === 0 ? "none" : names.join(", ");
    };
    return [
        "| line (USD/month, resources) | staging | production |",
        "|---|---:|---:|",
        ...rows,
        `| **total** ${per((s) => `**${money(estimates[s].total)}**`)}`,
        `| budget cap · baseline limit (gcp-budget-caps) ${per((s) => `${money(config[s].monthlyCapUsd ?? 100)} · ${money(limitOf(config[s]))}`)}`,
        `| resting on unverified prices ${per(share)}`,
        `| unpriced or unknown ${per(unpriced)}`,
    ].join("\n");
}

/** Every price of the table with its source, region and status. */
export function priceTable(): string {
    const rows = prices.allPrices().map(({ key, price }) => {
        const note = price.note ? ` (${price.note})` : "";
        return `| \`${key}\` | $${+price.usd.toFixed(7)} / ${price.unit} | ${price.region} | [${price.source.title}](${price.source.url}), read ${price.source.read}${note} | ${price.verification} |`;
    });
    return ["| price | USD | region | source | status |", "|---|---|---|---|---|", ...rows].join("\n");
}

export const COST_BEGIN = "<!-- cost:begin (generated by `npm run cost -- --readme` from both stacks and policy-pack/cost) -->";
export const COST_END = "<!-- cost:end -->";
export const PRICES_BEGIN = "<!-- prices:begin (generated by `npm run cost -- --readme` from policy-pack/cost/prices.ts) -->";
export const PRICES_END = "<!-- prices:end -->";

export function withCostTables(readme: string, estimates: Readonly<Record<Stack, CostEstimate>>, file = "README.md"): string {
    return replaceBetween(readme, COST_BEGIN, COST_END, summaryTable(estimates), file);
}

export function withPriceTable(readme: string): string {
    return replaceBetween(readme, PRICES_BEGIN, PRICES_END, priceTable(), "policy-pack/README.md");
}

export const README_FILES = { root: path.join(ROOT, "README.md"), pack: path.join(ROOT, "policy-pack", "README.md") } as const;

async function main(argument: string | undefined): Promise<void> {
    if (argument === "--readme") {
        const estimates = { staging: await stackEstimate("staging"), production: await stackEstimate("production") };
        const { SWITCHES_BEGIN, SWITCHES_END, switchFigures, switchTable } = await import("./switches");
        const switches = switchTable(await switchFigures({ staging: estimates.staging.total, production: estimates.production.total }));
        fs.writeFileSync(README_FILES.root, replaceBetween(withCostTables(fs.readFileSync(README_FILES.root, "utf8"), estimates), SWITCHES_BEGIN, SWITCHES_END, switches, "README.md"));
        fs.writeFileSync(README_FILES.pack, withPriceTable(withCostTables(fs.readFileSync(README_FILES.pack, "utf8"), estimates, "policy-pack/README.md")));
        console.log(`Cost tables regenerated: staging ${money(estimates.staging.total)}, production ${money(estimates.production.total)} USD/month.`);
        return;
    }
    if (argument !== "staging" && argument !== "production") {
        console.error("usage: npm run cost -- <staging|production>   (or --readme to regenerate the README tables)");
        process.exit(2);
    }
    const estimate = await stackEstimate(argument);
    const config = budgetConfig(argument);
    console.log(formatCostTable(estimate, { capUsd: config.monthlyCapUsd, limitUsd: limitOf(config), maxDetailWidth: 110 }));
}

if (require.main === module) {
    main(process.argv[2]).catch((e: Error) => {
        console.error(e.message);
        process.exit(1);
    });
}
