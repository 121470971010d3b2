// gcp-budget-caps (stack policy): the stack cannot grow past what the stack's config says it may
// cost. It needs a capped billing budget on its own project, in the cap's currency, alerting at
// 100%; an estimated baseline under the cap with every billable resource priced; instance ceilings
// on everything that autoscales; and Cloud SQL tiers from the stack's list.

import { StackCheck, stackPolicy, ResourceView } from "../lib/policy";
import { shownName } from "../lib/exposure";
import { schema } from "../lib/config";
import { GCP } from "../lib/types";
import { Maybe, UNKNOWN, bool, get, list, num, str } from "../lib/props";
import { lastSegment, matchesAny, quoteList } from "../lib/names";
import { CostOptions, estimateMonthlyCost } from "../cost/model";
import { COST_OPTION_KEYS } from "../cost/common";
import { sortLines, unverifiedShare } from "../cost/format";

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
    /** Usage assumptions for the cost estimate (see cost/common.ts CostOptions). */
    costAssumptions: Partial<CostOptions>;
    /**
     * The stack's own project, by id and/or number. Every project a budget filters on must be one
     * of these. Unset: the projects the stack's resources name (ids only).
     */
    stackProjects: string[];
    /** Types (globs) the stack's owners accept at $0 although the cost model has no price for them. */
    acceptUnpricedTypes: string[];
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
    stackProjects: [],
    acceptUnpricedTypes: [],
};

/** Cloud Run's and Cloud Functions' documented ceilings when none is set. */
const DEFAULT_MAX_INSTANCES = { cloudRun: 100 } as const;

type Stack = StackCheck<BudgetCapsArgs>;

function checkBudgets(stack: Stack): void {
    const { config } = stack;
    const budgets = stack.resources.filter((resource) => resource.type === GCP.budget);
    if (budgets.length === 0 && config.requireBudget) {
        stack.report(
            `The stack has no billing budget. Add a gcp.billing.Budget with amount.specifiedAmount.units of at most ${config.monthlyCapUsd} ${config.currency} and a threshold rule at 100% of current spend.`,
        );
    }
    const own = stackProjects(stack);
    for (const budget of budgets) {
        checkBudgetAmount(stack, budget);
        checkBudgetThreshold(stack, budget);
        checkBudgetScope(stack, budget, own);
    }
}

/** The stack's own project identifiers: configured, else the ids its resources name. */
function stackProjects(stack: Stack): { ids: Set<string>; configured: boolean } {
    if (stack.config.stackProjects.length > 0) return { ids: new Set(stack.config.stackProjects), configured: true };
    const ids = new Set<string>();
    for (const resource of stack.resources) {
        for (const project of [str(get(resource.props, "project")), str(get(resource.providerProps, "project"))]) {
            if (typeof project === "string" && project !== "") ids.add(lastSegment(project));
        }
    }
    return { ids, configured: false };
}

/**
 * A budget watches this stack only when every project it filters on is the stack's own. No
 * project filter watches the whole billing account, which includes this stack (a stricter cap).
 */
function checkBudgetScope(stack: Stack, budget: ResourceView, own: { ids: Set<string>; configured: boolean }): void {
    // Nothing to compare with: no stackProjects and no resource that names its project.
    if (own.ids.size === 0) return;
    const projects = list(get(budget.props, "budgetFilter", "projects"));
    if (projects === UNKNOWN) {
        stack.skips.add(`The projects of budget '${budget.name}' are unknown at preview.`);
        return;
    }
    const ownText = [...own.ids].sort().join(" / ");
    for (const entry of projects ?? []) {
        const value = str(entry);
        if (value === UNKNOWN) {
            stack.skips.add(`A project of budget '${budget.name}' is unknown at preview.`);
            continue;
        }
        if (value === undefined) continue;
        const project = lastSegment(value);
        if (own.ids.has(project)) continue;
        if (!own.configured && /^\d+$/.test(project)) {
            // A project number cannot be matched to the ids the resources name; say how to check it.
            stack.skips.add(`Budget '${budget.name}' filters on project number ${project}; set stackProjects in the gcp-budget-caps config to check it is this stack's.`);
            continue;
        }
        stack.report(
            `Budget '${budget.name}' watches project ${project}, which is not this stack's project (${ownText}), so this stack's spend can pass its cap unseen. Set budgetFilter.projects to ["projects/<this stack's project number>"].`,
            budget.urn,
        );
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
    if (currency === undefined) {
        stack.report(
            `Budget '${budget.name}' sets no currency, so it takes the billing account's, which may not be ${config.currency}. Set amount.specifiedAmount.currencyCode to ${config.currency}.`,
            budget.urn,
        );
    } else if (currency !== config.currency) {
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
    for (const line of estimate.lines) {
        if (line.status === "unknown") {
            stack.skips.add(`The cost of '${line.name}' is unknown at preview (${line.detail}).`);
        } else if (line.status === "unpriced" && !matchesAny(line.type, config.acceptUnpricedTypes)) {
            stack.report(
                `'${line.name}' (${line.type}) costs money but the cost model has no price for it (${line.detail}), so the stack cannot be shown under its cap of ${config.monthlyCapUsd} ${config.currency}. Add its price to policy-pack/cost/prices.ts, remove it, or list its type in acceptUnpricedTypes if its cost is accounted for elsewhere.`,
                line.urn,
            );
        }
    }
    const limit = config.monthlyCapUsd * config.maxEstimateRatio;
    if (estimate.total <= limit) return;
    const top = sortLines(estimate.lines)
        .filter((line) => line.monthlyUsd > 0)
        .slice(0, 3)
        .map((line) => `'${line.name}' ${line.monthlyUsd.toFixed(2)}`)
        .join(", ");
    const limitText = config.maxEstimateRatio === 1 ? `the cap of ${config.monthlyCapUsd}` : `${limit.toFixed(2)} (${config.maxEstimateRatio} × the cap of ${config.monthlyCapUsd})`;
    stack.report(
        `The stack's estimated baseline cost is ${estimate.total.toFixed(2)} ${config.currency} a month, over ${limitText} ${config.currency} (resting on unverified prices: ${unverifiedShare(estimate)}). The largest lines are ${top}. Shrink those resources, or raise monthlyCapUsd together with the budget.`,
    );
}

/** One scaling ceiling: where it is read, its default when unset, and how to name it. */
interface Ceiling {
    readonly value: Maybe<number>;
    readonly unsetMeans?: number;
    /** Values that mean "no limit at all" (1st gen functions read 0 and unset that way). */
    readonly unlimitedWhen?: (value: number | undefined) => boolean;
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
                    property: "annotation autoscaling.knative.dev/maxScale",
                },
            ];
        case GCP.functionV2:
            return [{ value: num(get(props, "serviceConfig", "maxInstanceCount")), unsetMeans: DEFAULT_MAX_INSTANCES.cloudRun, property: "serviceConfig.maxInstanceCount" }];
        case GCP.functionV1:
            // The Cloud Functions v1 API reads maxInstances 0 (and unset) as "no limit".
            return [{ value: num(get(props, "maxInstances")), unlimitedWhen: (value) => value === undefined || value === 0, property: "maxInstances" }];
        default:
            return [];
    }
}

function checkCeilings(stack: Stack): void {
    const { config } = stack;
    for (const resource of stack.resources) {
        for (const ceiling of ceilingsOf(resource)) {
            if (ceiling.value === UNKNOWN) {
                stack.skips.add(`The ${ceiling.property} of ${shownName(resource)} is unknown at preview.`);
                continue;
            }
            if (ceiling.unlimitedWhen?.(ceiling.value)) {
                stack.report(
                    `${shownName(resource)} has no instance ceiling: its ${ceiling.property} is ${ceiling.value === undefined ? "unset" : String(ceiling.value)}, which the API reads as no limit. Set it to at most ${config.maxInstanceCeiling}.`,
                    resource.urn,
                );
                continue;
            }
            const effective = ceiling.value ?? ceiling.unsetMeans;
            if (effective === undefined || effective <= config.maxInstanceCeiling) continue;
            const shown = ceiling.value === undefined ? `unset, which means ${effective}` : String(effective);
            stack.report(
                `${shownName(resource)} may scale to ${effective} instances: its ${ceiling.property} is ${shown}, above this stack's ceiling of ${config.maxInstanceCeiling}. Set it to at most ${config.maxInstanceCeiling}.`,
                resource.urn,
            );
        }
        if (resource.type === GCP.runJob) {
            const tasks = num(get(resource.props, "template", "taskCount"));
            if (typeof tasks === "number" && tasks > config.maxJobTaskCount) {
                stack.report(
                    `Cloud Run job ${shownName(resource)} runs ${tasks} tasks per execution, above this stack's limit of ${config.maxJobTaskCount}. Lower template.taskCount, or raise maxJobTaskCount in the stack's policy config.`,
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
        "The stack has a capped billing budget on its own project, in the cap's currency, alerting at 100%; an estimated baseline cost under the cap with every billable resource priced; instance ceilings on everything that scales; and only the Cloud SQL tiers its config allows.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Add or fix the gcp.billing.Budget (specified amount at most monthlyCapUsd in the cap's currency, filtered on this stack's project, a thresholdRule at 1.0), set maxInstanceCount on every service, pick an allowed Cloud SQL tier, and give every billable type a price; run `npm run cost -- <stack>` to see which resources drive the estimate.",
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
            `Usage assumptions for the cost estimate (see policy-pack/README.md): ${COST_OPTION_KEYS.join(", ")}.`,
            BUDGET_CAPS_DEFAULTS.costAssumptions,
        ),
        stackProjects: schema.strings(
            "The stack's own project id and/or number; every project a budget filters on must be one of them (unset: the project ids the resources name).",
            BUDGET_CAPS_DEFAULTS.stackProjects,
        ),
        acceptUnpricedTypes: schema.strings(
            "Type tokens (globs) accepted at $0 although the cost model has no price for them; their cost must be accounted for elsewhere.",
            BUDGET_CAPS_DEFAULTS.acceptUnpricedTypes,
        ),
    },
    check: (stack) => {
        checkBudgets(stack);
        checkEstimate(stack);
        checkCeilings(stack);
        checkSqlTiers(stack);
    },
});
