"use strict";
// gcp-budget-caps (stack policy): the stack cannot grow past what the stack's config says it may
// cost. It needs a capped billing budget on its own project, in the cap's currency, alerting at
// 100%; an estimated baseline under the cap with every billable resource priced; instance ceilings
// on everything that autoscales; and Cloud SQL tiers from the stack's list.
Object.defineProperty(exports, "__esModule", { value: true });
exports.budgetCapsPolicy = exports.BUDGET_CAPS_DEFAULTS = void 0;
const policy_1 = require("../lib/policy");
const config_1 = require("../lib/config");
const types_1 = require("../lib/types");
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const model_1 = require("../cost/model");
const common_1 = require("../cost/common");
const format_1 = require("../cost/format");
exports.BUDGET_CAPS_DEFAULTS = {
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
const DEFAULT_MAX_INSTANCES = { cloudRun: 100 };
function checkBudgets(stack) {
    const { config } = stack;
    const budgets = stack.resources.filter((resource) => resource.type === types_1.GCP.budget);
    if (budgets.length === 0 && config.requireBudget) {
        stack.report(`The stack has no billing budget. Add a gcp.billing.Budget with amount.specifiedAmount.units of at most ${config.monthlyCapUsd} ${config.currency} and a threshold rule at 100% of current spend.`);
    }
    const own = stackProjects(stack);
    for (const budget of budgets) {
        checkBudgetAmount(stack, budget);
        checkBudgetThreshold(stack, budget);
        checkBudgetScope(stack, budget, own);
    }
}
/** The stack's own project identifiers: configured, else the ids its resources name. */
function stackProjects(stack) {
    if (stack.config.stackProjects.length > 0)
        return { ids: new Set(stack.config.stackProjects), configured: true };
    const ids = new Set();
    for (const resource of stack.resources) {
        for (const project of [(0, props_1.str)((0, props_1.get)(resource.props, "project")), (0, props_1.str)((0, props_1.get)(resource.providerProps, "project"))]) {
            if (typeof project === "string" && project !== "")
                ids.add((0, names_1.lastSegment)(project));
        }
    }
    return { ids, configured: false };
}
/**
 * A budget watches this stack only when every project it filters on is the stack's own. No
 * project filter watches the whole billing account, which includes this stack (a stricter cap).
 */
function checkBudgetScope(stack, budget, own) {
    // Nothing to compare with: no stackProjects and no resource that names its project.
    if (own.ids.size === 0)
        return;
    const projects = (0, props_1.list)((0, props_1.get)(budget.props, "budgetFilter", "projects"));
    if (projects === props_1.UNKNOWN) {
        stack.skips.add(`The projects of budget '${budget.name}' are unknown at preview.`);
        return;
    }
    const ownText = [...own.ids].sort().join(" / ");
    for (const entry of projects ?? []) {
        const value = (0, props_1.str)(entry);
        if (value === props_1.UNKNOWN) {
            stack.skips.add(`A project of budget '${budget.name}' is unknown at preview.`);
            continue;
        }
        if (value === undefined)
            continue;
        const project = (0, names_1.lastSegment)(value);
        if (own.ids.has(project))
            continue;
        if (!own.configured && /^\d+$/.test(project)) {
            // A project number cannot be matched to the ids the resources name; say how to check it.
            stack.skips.add(`Budget '${budget.name}' filters on project number ${project}; set stackProjects in the gcp-budget-caps config to check it is this stack's.`);
            continue;
        }
        stack.report(`Budget '${budget.name}' watches project ${project}, which is not this stack's project (${ownText}), so this stack's spend can pass its cap unseen. Set budgetFilter.projects to ["projects/<this stack's project number>"].`, budget.urn);
    }
}
function checkBudgetAmount(stack, budget) {
    const { config } = stack;
    const amount = (0, props_1.get)(budget.props, "amount");
    const lastPeriod = (0, props_1.bool)((0, props_1.get)(amount, "lastPeriodAmount"));
    if (lastPeriod === true) {
        stack.report(`Budget '${budget.name}' follows last period's spend (lastPeriodAmount), so it has no cap. Set amount.specifiedAmount.units to at most ${config.monthlyCapUsd} ${config.currency}.`, budget.urn);
        return;
    }
    const specified = (0, props_1.get)(amount, "specifiedAmount");
    const units = (0, props_1.num)((0, props_1.get)(specified, "units"));
    const nanos = (0, props_1.num)((0, props_1.get)(specified, "nanos"));
    const currency = (0, props_1.str)((0, props_1.get)(specified, "currencyCode"));
    if (units === props_1.UNKNOWN || nanos === props_1.UNKNOWN || currency === props_1.UNKNOWN || lastPeriod === props_1.UNKNOWN) {
        stack.skips.add(`The amount of budget '${budget.name}' is unknown at preview.`);
        return;
    }
    if (units === undefined) {
        stack.report(`Budget '${budget.name}' has no specified amount, so it caps nothing. Set amount.specifiedAmount.units to at most ${config.monthlyCapUsd} ${config.currency}.`, budget.urn);
        return;
    }
    if (currency === undefined) {
        stack.report(`Budget '${budget.name}' sets no currency, so it takes the billing account's, which may not be ${config.currency}. Set amount.specifiedAmount.currencyCode to ${config.currency}.`, budget.urn);
    }
    else if (currency !== config.currency) {
        stack.report(`Budget '${budget.name}' is set in ${currency}, but the cap is in ${config.currency}. Set amount.specifiedAmount.currencyCode to ${config.currency}.`, budget.urn);
    }
    const total = units + (nanos ?? 0) / 1e9;
    if (total > config.monthlyCapUsd) {
        stack.report(`Budget '${budget.name}' allows ${total} ${config.currency} a month, more than this stack's cap of ${config.monthlyCapUsd} ${config.currency}. Lower amount.specifiedAmount.units, or raise monthlyCapUsd in the stack's policy config.`, budget.urn);
    }
}
function checkBudgetThreshold(stack, budget) {
    const rules = (0, props_1.list)((0, props_1.get)(budget.props, "thresholdRules"));
    if (rules === props_1.UNKNOWN) {
        stack.skips.add(`The threshold rules of budget '${budget.name}' are unknown at preview.`);
        return;
    }
    const alertsAtCap = (rules ?? []).some((rule) => {
        const percent = (0, props_1.num)((0, props_1.get)(rule, "thresholdPercent"));
        const basis = (0, props_1.str)((0, props_1.get)(rule, "spendBasis"));
        return typeof percent === "number" && Math.abs(percent - 1) < 1e-9 && (basis === undefined || basis === "CURRENT_SPEND");
    });
    if (!alertsAtCap) {
        stack.report(`Budget '${budget.name}' has no threshold rule at 100% of current spend, so nobody is told when the cap is reached. Add thresholdRules: [{ thresholdPercent: 1.0 }] (spendBasis CURRENT_SPEND or unset).`, budget.urn);
    }
}
function checkEstimate(stack) {
    const { config } = stack;
    const estimate = (0, model_1.estimateMonthlyCost)(stack.resources, config.costAssumptions);
    for (const line of estimate.lines) {
        if (line.status === "unknown") {
            stack.skips.add(`The cost of '${line.name}' is unknown at preview (${line.detail}).`);
        }
        else if (line.status === "unpriced" && !(0, names_1.matchesAny)(line.type, config.acceptUnpricedTypes)) {
            stack.report(`'${line.name}' (${line.type}) costs money but the cost model has no price for it (${line.detail}), so the stack cannot be shown under its cap of ${config.monthlyCapUsd} ${config.currency}. Add its price to policy-pack/cost/prices.ts, remove it, or list its type in acceptUnpricedTypes if its cost is accounted for elsewhere.`, line.urn);
        }
    }
    const limit = config.monthlyCapUsd * config.maxEstimateRatio;
    if (estimate.total <= limit)
        return;
    const top = (0, format_1.sortLines)(estimate.lines)
        .filter((line) => line.monthlyUsd > 0)
        .slice(0, 3)
        .map((line) => `'${line.name}' ${line.monthlyUsd.toFixed(2)}`)
        .join(", ");
    const limitText = config.maxEstimateRatio === 1 ? `the cap of ${config.monthlyCapUsd}` : `${limit.toFixed(2)} (${config.maxEstimateRatio} × the cap of ${config.monthlyCapUsd})`;
    stack.report(`The stack's estimated baseline cost is ${estimate.total.toFixed(2)} ${config.currency} a month, over ${limitText} ${config.currency} (resting on unverified prices: ${(0, format_1.unverifiedShare)(estimate)}). The largest lines are ${top}. Shrink those resources, or raise monthlyCapUsd together with the budget.`);
}
function ceilingsOf(resource) {
    const props = resource.props;
    switch (resource.type) {
        case types_1.GCP.runService: {
            const ceilings = [
                { value: (0, props_1.num)((0, props_1.get)(props, "template", "scaling", "maxInstanceCount")), unsetMeans: DEFAULT_MAX_INSTANCES.cloudRun, property: "template.scaling.maxInstanceCount" },
            ];
            if ((0, props_1.get)(props, "scaling", "maxInstanceCount") !== undefined) {
                ceilings.push({ value: (0, props_1.num)((0, props_1.get)(props, "scaling", "maxInstanceCount")), property: "scaling.maxInstanceCount" });
            }
            if ((0, props_1.get)(props, "scaling", "manualInstanceCount") !== undefined) {
                ceilings.push({ value: (0, props_1.num)((0, props_1.get)(props, "scaling", "manualInstanceCount")), property: "scaling.manualInstanceCount" });
            }
            return ceilings;
        }
        case types_1.GCP.runWorkerPool: {
            const ceilings = [
                { value: (0, props_1.num)((0, props_1.get)(props, "scaling", "manualInstanceCount")), unsetMeans: 1, property: "scaling.manualInstanceCount" },
            ];
            if ((0, props_1.get)(props, "scaling", "maxInstanceCount") !== undefined) {
                ceilings.push({ value: (0, props_1.num)((0, props_1.get)(props, "scaling", "maxInstanceCount")), property: "scaling.maxInstanceCount" });
            }
            return ceilings;
        }
        case types_1.GCP.runJob: {
            // Unset or 0 parallelism runs as many tasks at once as the execution has.
            const tasks = (0, props_1.num)((0, props_1.get)(props, "template", "taskCount"));
            const parallelism = (0, props_1.num)((0, props_1.get)(props, "template", "parallelism"));
            const effective = parallelism === props_1.UNKNOWN ? props_1.UNKNOWN : parallelism !== undefined && parallelism > 0 ? parallelism : tasks === props_1.UNKNOWN ? props_1.UNKNOWN : tasks ?? 1;
            return [{ value: effective, property: "template.parallelism (or taskCount when parallelism is unset)" }];
        }
        case types_1.GCP.runV1Service:
            return [
                {
                    value: (0, props_1.num)((0, props_1.get)(props, "template", "metadata", "annotations", "autoscaling.knative.dev/maxScale")),
                    unsetMeans: DEFAULT_MAX_INSTANCES.cloudRun,
                    property: "annotation autoscaling.knative.dev/maxScale",
                },
            ];
        case types_1.GCP.functionV2:
            return [{ value: (0, props_1.num)((0, props_1.get)(props, "serviceConfig", "maxInstanceCount")), unsetMeans: DEFAULT_MAX_INSTANCES.cloudRun, property: "serviceConfig.maxInstanceCount" }];
        case types_1.GCP.functionV1:
            // The Cloud Functions v1 API reads maxInstances 0 (and unset) as "no limit".
            return [{ value: (0, props_1.num)((0, props_1.get)(props, "maxInstances")), unlimitedWhen: (value) => value === undefined || value === 0, property: "maxInstances" }];
        default:
            return [];
    }
}
function checkCeilings(stack) {
    const { config } = stack;
    for (const resource of stack.resources) {
        for (const ceiling of ceilingsOf(resource)) {
            if (ceiling.value === props_1.UNKNOWN) {
                stack.skips.add(`The ${ceiling.property} of '${resource.name}' is unknown at preview.`);
                continue;
            }
            if (ceiling.unlimitedWhen?.(ceiling.value)) {
                stack.report(`'${resource.name}' has no instance ceiling: its ${ceiling.property} is ${ceiling.value === undefined ? "unset" : String(ceiling.value)}, which the API reads as no limit. Set it to at most ${config.maxInstanceCeiling}.`, resource.urn);
                continue;
            }
            const effective = ceiling.value ?? ceiling.unsetMeans;
            if (effective === undefined || effective <= config.maxInstanceCeiling)
                continue;
            const shown = ceiling.value === undefined ? `unset, which means ${effective}` : String(effective);
            stack.report(`'${resource.name}' may scale to ${effective} instances: its ${ceiling.property} is ${shown}, above this stack's ceiling of ${config.maxInstanceCeiling}. Set it to at most ${config.maxInstanceCeiling}.`, resource.urn);
        }
        if (resource.type === types_1.GCP.runJob) {
            const tasks = (0, props_1.num)((0, props_1.get)(resource.props, "template", "taskCount"));
            if (typeof tasks === "number" && tasks > config.maxJobTaskCount) {
                stack.report(`Cloud Run job '${resource.name}' runs ${tasks} tasks per execution, above this stack's limit of ${config.maxJobTaskCount}. Lower template.taskCount, or raise maxJobTaskCount in the stack's policy config.`, resource.urn);
            }
        }
    }
}
function checkSqlTiers(stack) {
    const { config } = stack;
    for (const instance of stack.resources.filter((resource) => resource.type === types_1.GCP.sqlInstance)) {
        const tier = (0, props_1.str)((0, props_1.get)(instance.props, "settings", "tier"));
        if (tier === props_1.UNKNOWN) {
            stack.skips.add(`The tier of Cloud SQL instance '${instance.name}' is unknown at preview.`);
        }
        else if (tier === undefined || !(0, names_1.matchesAny)(tier, config.allowedSqlTiers)) {
            stack.report(`Cloud SQL instance '${instance.name}' uses tier ${tier ?? "(unset)"}, which this stack does not allow. Use one of ${(0, names_1.quoteList)(config.allowedSqlTiers)}, or add the tier to allowedSqlTiers in the stack's policy config.`, instance.urn);
        }
    }
}
exports.budgetCapsPolicy = (0, policy_1.stackPolicy)({
    name: "gcp-budget-caps",
    description: "The stack has a capped billing budget on its own project, in the cap's currency, alerting at 100%; an estimated baseline cost under the cap with every billable resource priced; instance ceilings on everything that scales; and only the Cloud SQL tiers its config allows.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Add or fix the gcp.billing.Budget (specified amount at most monthlyCapUsd in the cap's currency, filtered on this stack's project, a thresholdRule at 1.0), set maxInstanceCount on every service, pick an allowed Cloud SQL tier, and give every billable type a price; run `npm run cost -- <stack>` to see which resources drive the estimate.",
    defaults: exports.BUDGET_CAPS_DEFAULTS,
    schema: {
        monthlyCapUsd: config_1.schema.number("The most the stack may cost per month.", exports.BUDGET_CAPS_DEFAULTS.monthlyCapUsd),
        currency: { type: "string", description: "Currency of the cap and of budgets.", default: exports.BUDGET_CAPS_DEFAULTS.currency },
        maxEstimateRatio: config_1.schema.number("The estimated baseline must stay at or under this share of the cap (1 = the cap).", exports.BUDGET_CAPS_DEFAULTS.maxEstimateRatio),
        maxInstanceCeiling: config_1.schema.integer("Highest instance count any service, job, pool or function may scale to.", exports.BUDGET_CAPS_DEFAULTS.maxInstanceCeiling, 1),
        maxJobTaskCount: config_1.schema.integer("Most tasks one Cloud Run job execution may run.", exports.BUDGET_CAPS_DEFAULTS.maxJobTaskCount, 1),
        allowedSqlTiers: config_1.schema.strings("Cloud SQL tiers allowed in the stack; globs like db-custom-* are allowed.", exports.BUDGET_CAPS_DEFAULTS.allowedSqlTiers),
        requireBudget: config_1.schema.boolean("Whether the stack must contain a billing budget.", exports.BUDGET_CAPS_DEFAULTS.requireBudget),
        costAssumptions: config_1.schema.object(`Usage assumptions for the cost estimate (see policy-pack/README.md): ${common_1.COST_OPTION_KEYS.join(", ")}.`, exports.BUDGET_CAPS_DEFAULTS.costAssumptions),
        stackProjects: config_1.schema.strings("The stack's own project id and/or number; every project a budget filters on must be one of them (unset: the project ids the resources name).", exports.BUDGET_CAPS_DEFAULTS.stackProjects),
        acceptUnpricedTypes: config_1.schema.strings("Type tokens (globs) accepted at $0 although the cost model has no price for them; their cost must be accounted for elsewhere.", exports.BUDGET_CAPS_DEFAULTS.acceptUnpricedTypes),
    },
    check: (stack) => {
        checkBudgets(stack);
        checkEstimate(stack);
        checkCeilings(stack);
        checkSqlTiers(stack);
    },
});
