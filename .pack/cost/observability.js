"use strict";
// Cloud Monitoring and Logging: alerting billed per condition and per time series returned,
// uptime checks beyond the free executions, log-based metrics, log retention, and the APIs whose
// enabling starts a charge (container scanning, Cloud Trace).
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceProjectService = exports.priceLogBucket = exports.priceLogMetric = exports.priceUptimeCheck = exports.priceAlertPolicy = exports.MONITORED_KINDS = void 0;
exports.seriesPerRun = seriesPerRun;
exports.uptimeExecutions = uptimeExecutions;
exports.loggingCharges = loggingCharges;
const props_1 = require("../lib/props");
const prices_1 = require("./prices");
const common_1 = require("./common");
/** Monitored-resource types an alert condition can name, and how the stack counts them. */
exports.MONITORED_KINDS = ["cloud_run_revision", "cloud_run_job", "cloudsql_database", "uptime_url", "gce_instance", "redis_instance"];
const CONDITION_KINDS = ["conditionThreshold", "conditionAbsent", "conditionPrometheusQueryLanguage", "conditionMonitoringQueryLanguage", "conditionMatchedLog", "conditionSql"];
/**
 * Time series one run of a condition returns: one per monitored resource of the kind it reads
 * (a condition grouped by service returns one per service), or one when it reduces everything
 * to a single series. Log-match conditions return none.
 */
function seriesPerRun(condition, facts) {
    if ((0, props_1.get)(condition, "conditionMatchedLog") !== undefined)
        return 0;
    const text = JSON.stringify(condition ?? null);
    const kind = exports.MONITORED_KINDS.find((candidate) => text.includes(candidate));
    const resources = kind ? facts.monitored[kind] ?? 1 : 1;
    const threshold = (0, props_1.get)(condition, "conditionThreshold") ?? (0, props_1.get)(condition, "conditionAbsent");
    if (threshold !== undefined) {
        const aggregations = (0, props_1.items)((0, props_1.get)(threshold, "aggregations"));
        const reducedToOne = aggregations.some((a) => (0, props_1.str)((0, props_1.get)(a, "crossSeriesReducer")) !== undefined && (0, props_1.str)((0, props_1.get)(a, "crossSeriesReducer")) !== "REDUCE_NONE" && (0, props_1.items)((0, props_1.get)(a, "groupByFields")).length === 0);
        if (reducedToOne)
            return 1;
    }
    return Math.max(1, resources);
}
const priceAlertPolicy = (props, context) => {
    const conditions = (0, props_1.list)((0, props_1.get)(props, "conditions"));
    const all = conditions === props_1.UNKNOWN ? [] : (0, props_1.items)(conditions);
    const count = Math.max(all.length, conditions === props_1.UNKNOWN ? 1 : 0);
    const runs = (context.hours * 3600) / context.options.alertEvaluationSeconds;
    const series = all.reduce((sum, condition) => sum + seriesPerRun(condition, context.facts), 0);
    const kinds = all.map((condition) => CONDITION_KINDS.find((kind) => (0, props_1.get)(condition, kind) !== undefined) ?? "condition");
    return {
        note: `${count} condition(s) (${[...new Set(kinds)].join(", ") || "unknown"})`,
        charges: [
            (0, common_1.charge)(prices_1.MONITORING.condition, count, `${count} condition(s)`),
            (0, common_1.charge)(prices_1.MONITORING.seriesMillion, (series * runs) / 1e6, `${series} series × ${(0, common_1.qty)(runs)} runs (every ${context.options.alertEvaluationSeconds} s, assumed)`),
        ],
    };
};
exports.priceAlertPolicy = priceAlertPolicy;
const CHECKERS_PER_REGION = { USA: 3, EUROPE: 1, SOUTH_AMERICA: 1, ASIA_PACIFIC: 1, USA_OREGON: 1, USA_IOWA: 1, USA_VIRGINIA: 1 };
/** Executions of one uptime check per month: its checkers × runs per month. */
function uptimeExecutions(props, hours) {
    const regions = (0, props_1.list)((0, props_1.get)(props, "selectedRegions"));
    const checkers = Array.isArray(regions) && regions.length > 0
        ? regions.reduce((sum, region) => sum + (CHECKERS_PER_REGION[String((0, props_1.str)(region))] ?? 1), 0)
        : 6; // unset: every checker (USA's three, Europe, South America, Asia Pacific)
    const period = /^(\d+)s$/.exec(String((0, props_1.str)((0, props_1.get)(props, "period")) ?? "60s"));
    const seconds = period ? Number(period[1]) : 60;
    return checkers * ((hours * 3600) / seconds);
}
/** Executions beyond the stack's share of the free allowance, split across checks by their executions. */
const priceUptimeCheck = (props, context) => {
    const own = uptimeExecutions(props, context.hours);
    const total = context.facts.uptimeExecutions;
    const paid = Math.max(0, total - context.options.uptimeFreeExecutions);
    const usdShare = total > 0 ? ((paid * own) / total / 1000) * prices_1.MONITORING.uptime1k.usd : 0;
    return {
        note: `${(0, common_1.qty)(own)} executions/month; ${(0, common_1.qty)(total)} for the stack against ${(0, common_1.qty)(context.options.uptimeFreeExecutions)} free (assumed share of the billing account's 1,000,000)`,
        charges: [(0, common_1.share)(prices_1.MONITORING.uptime1k, usdShare, `share of ${(0, common_1.qty)(paid)} paid executions`)],
    };
};
exports.priceUptimeCheck = priceUptimeCheck;
const priceLogMetric = (_props, context) => {
    const mib = context.options.logMetricMib;
    const paid = Math.max(0, mib - 150);
    return {
        note: `${mib} MiB/month ingested (assumed); the first 150 MiB of chargeable metrics per billing account are free`,
        charges: [(0, common_1.charge)(prices_1.LOGGING.metricIngestion, paid, `${(0, common_1.qty)(paid)} MiB beyond the free allotment`)],
    };
};
exports.priceLogMetric = priceLogMetric;
const priceLogBucket = (props, context) => {
    const days = (0, props_1.num)((0, props_1.get)(props, "retentionDays"));
    const retained = typeof days === "number" && days > 30 ? (context.options.logGibPerMonth * (days - 30)) / 30 : 0;
    if (retained === 0)
        return (0, common_1.noCharge)("default 30-day retention: no retention charge");
    return { charges: [(0, common_1.charge)(prices_1.LOGGING.retention, retained, `${(0, common_1.qty)(retained)} GiB kept beyond 30 days (assumed volume)`)] };
};
exports.priceLogBucket = priceLogBucket;
/** Enabling an API has no charge of its own, except the ones that start billing usage at once. */
const priceProjectService = (props, context) => {
    const service = (0, props_1.str)((0, props_1.get)(props, "service"));
    const { imagesScannedPerMonth: images, traceSpansPerMonth: spans } = context.options;
    if (service === "containerscanning.googleapis.com") {
        return { note: "every image pushed is scanned once", charges: [(0, common_1.charge)(prices_1.ARTIFACT_ANALYSIS.image, images, `${images} images scanned (assumed)`)] };
    }
    if (service === "cloudtrace.googleapis.com") {
        const paid = Math.max(0, spans - prices_1.MONITORING.traceFreeSpans);
        return {
            note: `${(0, common_1.qty)(spans / 1e6)} M spans/month (assumed); the first 2.5 M per billing account are free`,
            charges: [(0, common_1.charge)(prices_1.MONITORING.traceMillion, paid / 1e6, `${(0, common_1.qty)(paid / 1e6)} M spans beyond the free allotment`)],
        };
    }
    return (0, common_1.free)("enabling an API has no charge of its own (usage is billed on the resources that use it)");
};
exports.priceProjectService = priceProjectService;
/** The project's own logs: every stack writes some (requests, audit, Cloud SQL, builds). */
function loggingCharges(options) {
    const paid = Math.max(0, options.logGibPerMonth - prices_1.LOGGING.freeGibPerProject);
    return [(0, common_1.charge)(prices_1.LOGGING.storage, paid, `${options.logGibPerMonth} GiB/month (assumed), ${(0, common_1.qty)(paid)} GiB beyond the free 50 GiB per project`)];
}
