// gcp-budget-caps (stack policy): the stack cannot grow past what the stack's config says it may
// cost. It needs a capped billing budget that alerts at 100%, an estimated baseline under the cap,
// instance ceilings on everything that autoscales, and Cloud SQL tiers from the stack's list.

import { StackCheck, stackPolicy, ResourceView } from "../lib/policy";
import { schema } from "../lib/config";
import { GCP } from "../lib/types";
import { Maybe, UNKNOWN, bool, get, list, num, str } from "../lib/props";
import { matchesAny, quoteList } from "../lib/names";
import { CostOptions, estimateMonthlyCost } from "../cost/model";
import { sortLines } from "../cost/format";

export interface BudgetCapsArgs {
    /** The most the stack may cost per month, in `currency`. */
    monthlyCapUsd: number;
    /** The currency budgets must be set in. */
    currency: string;
    /** The estimate must stay at or under this share of the cap (1 = the cap itself). */
    maxEstimateRatio: number;
    /** Highest instance count anything may scale to. */
    maxInstanceCeiling: number;
    /** Most tasks one Cloud Run job execution may run. */
    maxJobTaskCount: number;
    /** Cloud SQL tiers allowed in the stack; globs such as db-custom-* are allowed. */
    allowedSqlTiers: string[];
    /** Whether the stack must contain a billing budget at all. */
    requireBudget: boolean;
    /** Usage assumptions for the cost estimate (see cost/model.ts CostOptions). */
    costAssumptions: Partial<CostOptions>;
}

export const BUDGET_CAPS_DEFAULTS: BudgetCapsArgs = {
    monthlyCapUsd: 100,
    currency: "USD",
    maxEstimateRatio: 1,
    maxInstanceCeiling: 10,
    maxJobTaskCount: 50,
    allowedSqlTiers: ["db-f1-micro", "db-g1-small"],
    requireBudget: true,
    costAssumptions: {},
};

/** Cloud Run's and Cloud Functions' documented ceilings when none is set. */
const DEFAULT_MAX_INSTANCES = { cloudRun: 100, functionV1: 3000 } as const;

type Stack = StackCheck<BudgetCapsArgs>;

function checkBudgets(stack: Stack): void {
    const { config } = stack;
    const budgets = stack.resources.filter((resource) => resource.type === GCP.budget);
    if (budgets.length === 0 && config.requireBudget) {
        stack.report(
            `The stack has no billing budget. Add a gcp.billing.Budget with amount.specifiedAmount.units of at most ${config.monthlyCapUsd} ${config.currency} and a threshold rule at 100% of current spend.`,
        );
    }
    for (const budget of budgets) {
        checkBudgetAmount(stack, budget);
        checkBudgetThreshold(stack, budget);
    }
}

function checkBudgetAmount(stack: Stack, budget: ResourceView): void {
    const { config } = stack;
    const amount = get(budget.props, "amount");
    const lastPeriod = bool(get(amount, "lastPeriodAmount"));
    if (lastPeriod === true) {
        stack.report(
            `Budget '${budget.name}' follows last period's spend (lastPeriodAmount), so it has no cap. Set amount.specifiedAmount.units to at most ${config.monthlyCapUsd} ${config.currency}.`,
            budget.urn,
        );
        return;
    }
    const specified = get(amount, "specifiedAmount");
    const units = num(get(specified, "units"));
    const nanos = num(get(specified, "nanos"));
    const currency = str(get(specified, "currencyCode"));
    if (units === UNKNOWN || nanos === UNKNOWN || currency === UNKNOWN || lastPeriod === UNKNOWN) {
        stack.skips.add(`The amount of budget '${budget.name}' is unknown at preview.`);
        return;
    }
    if (units === undefined) {
        stack.report(
            `Budget '${budget.name}' has no specified amount, so it caps nothing. Set amount.specifiedAmount.units to at most ${config.monthlyCapUsd} ${config.currency}.`,
            budget.urn,
        );
        return;
    }
    if (currency !== undefined && currency !== config.currency) {
        stack.report(
            `Budget '${budget.name}' is set in ${currency}, but the cap is in ${config.currency}. Set amount.specifiedAmount.currencyCode to ${config.currency}.`,
            budget.urn,
        );
    }
    const total = units + (nanos ?? 0) / 1e9;
    if (total > config.monthlyCapUsd) {
        stack.report(
            `Budget '${budget.name}' allows ${total} ${config.currency} a month, more than this stack's cap of ${config.monthlyCapUsd} ${config.currency}. Lower amount.specifiedAmount.units, or raise monthlyCapUsd in the stack's policy config.`,
            budget.urn,
        );
    }
}

function checkBudgetThreshold(stack: Stack, budget: ResourceView): void {
    const rules = list(get(budget.props, "thresholdRules"));
    if (rules === UNKNOWN) {
        stack.skips.add(`The threshold rules of budget '${budget.name}' are unknown at preview.`);
        return;
    }
    const alertsAtCap = (rules ?? []).some((rule) => {
        const percent = num(get(rule, "thresholdPercent"));
        const basis = str(get(rule, "spendBasis"));
        return typeof percent === "number" && Math.abs(percent - 1) < 1e-9 && (basis === undefined || basis === "CURRENT_SPEND");
    });
    if (!alertsAtCap) {
        stack.report(
            `Budget '${budget.name}' has no threshold rule at 100% of current spend, so nobody is told when the cap is reached. Add thresholdRules: [{ thresholdPercent: 1.0 }] (spendBasis CURRENT_SPEND or unset).`,
            budget.urn,
        );
    }
}

function checkEstimate(stack: Stack): void {
    const { config } = stack;
    const estimate = estimateMonthlyCost(stack.resources, config.costAssumptions);
    const limit = config.monthlyCapUsd * config.maxEstimateRatio;
    if (estimate.total <= limit) return;
    const top = sortLines(estimate.lines)
        .slice(0, 3)
        .map((line) => `'${line.name}' ${line.monthlyUsd.toFixed(2)}`)
        .join(", ");
    const limitText = config.maxEstimateRatio === 1 ? `the cap of ${config.monthlyCapUsd}` : `${limit.toFixed(2)} (${config.maxEstimateRatio} × the cap of ${config.monthlyCapUsd})`;
    stack.report(
        `The stack's estimated baseline cost is ${estimate.total.toFixed(2)} ${config.currency} a month, over ${limitText} ${config.currency}. The largest lines are ${top}. Shrink those resources, or raise monthlyCapUsd together with the budget.`,
    );
}

/** One scaling ceiling: where it is read, its default when unset, and how to name it. */
interface Ceiling {
    readonly value: Maybe<number>;
    readonly unsetMeans?: number;
    readonly property: string;
}

function ceilingsOf(resource: ResourceView): Ceiling[] {
    const props = resource.props;
    switch (resource.type) {
        case GCP.runService: {
            const ceilings: Ceiling[] = [
                { value: num(get(props, "template", "scaling", "maxInstanceCount")), unsetMeans: DEFAULT_MAX_INSTANCES.cloudRun, property: "template.scaling.maxInstanceCount" },
            ];
            if (get(props, "scaling", "maxInstanceCount") !== undefined) {
                ceilings.push({ value: num(get(props, "scaling", "maxInstanceCount")), property: "scaling.maxInstanceCount" });
            }
            if (get(props, "scaling", "manualInstanceCount") !== undefined) {
                ceilings.push({ value: num(get(props, "scaling", "manualInstanceCount")), property: "scaling.manualInstanceCount" });
            }
            return ceilings;
        }
        case GCP.runWorkerPool: {
            const ceilings: Ceiling[] = [
                { value: num(get(props, "scaling", "manualInstanceCount")), unsetMeans: 1, property: "scaling.manualInstanceCount" },
            ];
            if (get(props, "scaling", "maxInstanceCount") !== undefined) {
                ceilings.push({ value: num(get(props, "scaling", "maxInstanceCount")), property: "scaling.maxInstanceCount" });
            }
            return ceilings;
        }
        case GCP.runJob: {
            // Unset or 0 parallelism runs as many tasks at once as the execution has.
            const tasks = num(get(props, "template", "taskCount"));
            const parallelism = num(get(props, "template", "parallelism"));
            const effective: Maybe<number> =
                parallelism === UNKNOWN ? UNKNOWN : parallelism !== undefined && parallelism > 0 ? parallelism : tasks === UNKNOWN ? UNKNOWN : tasks ?? 1;
            return [{ value: effective, property: "template.parallelism (or taskCount when parallelism is unset)" }];
        }
        case GCP.runV1Service:
            return [
                {
                    value: num(get(props, "template", "metadata", "annotations", "autoscaling.knative.dev/maxScale")),
                    unsetMeans: DEFAULT_MAX_INSTANCES.cloudRun,
                    property: "the autoscaling.knative.dev/maxScale annotation",
                },
            ];
        case GCP.functionV2:
            return [{ value: num(get(props, "serviceConfig", "maxInstanceCount")), unsetMeans: DEFAULT_MAX_INSTANCES.cloudRun, property: "serviceConfig.maxInstanceCount" }];
        case GCP.functionV1:
            return [{ value: num(get(props, "maxInstances")), unsetMeans: DEFAULT_MAX_INSTANCES.functionV1, property: "maxInstances" }];
        default:
            return [];
    }
}

function checkCeilings(stack: Stack): void {
    const { config } = stack;
    for (const resource of stack.resources) {
        for (const ceiling of ceilingsOf(resource)) {
            if (ceiling.value === UNKNOWN) {
                stack.skips.add(`The ${ceiling.property} of '${resource.name}' is unknown at preview.`);
                continue;
            }
            const effective = ceiling.value ?? ceiling.unsetMeans;
            if (effective === undefined || effective <= config.maxInstanceCeiling) continue;
            const shown = ceiling.value === undefined ? `unset, which means ${effective}` : String(effective);
            stack.report(
                `'${resource.name}' may scale to ${effective} instances: its ${ceiling.property} is ${shown}, above this stack's ceiling of ${config.maxInstanceCeiling}. Set it to at most ${config.maxInstanceCeiling}.`,
                resource.urn,
            );
        }
        if (resource.type === GCP.runJob) {
            const tasks = num(get(resource.props, "template", "taskCount"));
            if (typeof tasks === "number" && tasks > config.maxJobTaskCount) {
                stack.report(
                    `Cloud Run job '${resource.name}' runs ${tasks} tasks per execution, above this stack's limit of ${config.maxJobTaskCount}. Lower template.taskCount, or raise maxJobTaskCount in the stack's policy config.`,
                    resource.urn,
                );
            }
        }
    }
}

function checkSqlTiers(stack: Stack): void {
    const { config } = stack;
    for (const instance of stack.resources.filter((resource) => resource.type === GCP.sqlInstance)) {
        const tier = str(get(instance.props, "settings", "tier"));
        if (tier === UNKNOWN) {
            stack.skips.add(`The tier of Cloud SQL instance '${instance.name}' is unknown at preview.`);
        } else if (tier === undefined || !matchesAny(tier, config.allowedSqlTiers)) {
            stack.report(
                `Cloud SQL instance '${instance.name}' uses tier ${tier ?? "(unset)"}, which this stack does not allow. Use one of ${quoteList(config.allowedSqlTiers)}, or add the tier to allowedSqlTiers in the stack's policy config.`,
                instance.urn,
            );
        }
    }
}

export const budgetCapsPolicy = stackPolicy<BudgetCapsArgs>({
    name: "gcp-budget-caps",
    description:
        "The stack has a capped billing budget alerting at 100%, an estimated baseline cost under the cap, instance ceilings on everything that scales, and only the Cloud SQL tiers its config allows.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Add or fix the gcp.billing.Budget (specified amount at most monthlyCapUsd, a thresholdRule at 1.0), set maxInstanceCount on every service, and pick an allowed Cloud SQL tier; run `npm run cost -- <stack>` to see which resources drive the estimate.",
    defaults: BUDGET_CAPS_DEFAULTS,
    schema: {
        monthlyCapUsd: schema.number("The most the stack may cost per month.", BUDGET_CAPS_DEFAULTS.monthlyCapUsd),
        currency: { type: "string", description: "Currency of the cap and of budgets.", default: BUDGET_CAPS_DEFAULTS.currency },
        maxEstimateRatio: schema.number(
            "The estimated baseline must stay at or under this share of the cap (1 = the cap).",
            BUDGET_CAPS_DEFAULTS.maxEstimateRatio,
        ),
        maxInstanceCeiling: schema.integer("Highest instance count any service, job, pool or function may scale to.", BUDGET_CAPS_DEFAULTS.maxInstanceCeiling, 1),
        maxJobTaskCount: schema.integer("Most tasks one Cloud Run job execution may run.", BUDGET_CAPS_DEFAULTS.maxJobTaskCount, 1),
        allowedSqlTiers: schema.strings("Cloud SQL tiers allowed in the stack; globs like db-custom-* are allowed.", BUDGET_CAPS_DEFAULTS.allowedSqlTiers),
        requireBudget: schema.boolean("Whether the stack must contain a billing budget.", BUDGET_CAPS_DEFAULTS.requireBudget),
        costAssumptions: schema.object(
            "Usage assumptions for the cost estimate: jobExecutionsPerMonth, jobTaskSeconds, sqlBackupStorageRatio, sqlPitrLogRatio, secretVersionsPerSecret, secretAccessesPerMonth, natVmCount, natIpCount, natDataGib, artifactRegistryGbPerRepository, storageGbPerBucket, pubsubGibPerTopic, hoursPerMonth.",
            BUDGET_CAPS_DEFAULTS.costAssumptions,
        ),
    },
    check: (stack) => {
        checkBudgets(stack);
        checkEstimate(stack);
        checkCeilings(stack);
        checkSqlTiers(stack);
    },
});
