// Cloud Monitoring and Logging: alerting billed per condition and per time series returned,
// uptime checks beyond the free executions, log-based metrics, log retention, and the APIs whose
// enabling starts a charge (container scanning, Cloud Trace).

import { Plain, PlainObject, UNKNOWN, get, items, list, num, str } from "../lib/props";
import { ARTIFACT_ANALYSIS, LOGGING, MONITORING } from "./prices";
import { Charge, CostOptions, Pricer, StackFacts, charge, free, noCharge, qty, share } from "./common";

/** Monitored-resource types an alert condition can name, and how the stack counts them. */
export const MONITORED_KINDS = ["cloud_run_revision", "cloud_run_job", "cloudsql_database", "uptime_url", "gce_instance", "redis_instance"] as const;

const CONDITION_KINDS = ["conditionThreshold", "conditionAbsent", "conditionPrometheusQueryLanguage", "conditionMonitoringQueryLanguage", "conditionMatchedLog", "conditionSql"];

/**
 * Time series one run of a condition returns: one per monitored resource of the kind it reads
 * (a condition grouped by service returns one per service), or one when it reduces everything
 * to a single series. Log-match conditions return none.
 */
export function seriesPerRun(condition: Plain | undefined, facts: StackFacts): number {
    if (get(condition, "conditionMatchedLog") !== undefined) return 0;
    const text = JSON.stringify(condition ?? null);
    const kind = MONITORED_KINDS.find((candidate) => text.includes(candidate));
    const resources = kind ? facts.monitored[kind] ?? 1 : 1;
    const threshold = get(condition, "conditionThreshold") ?? get(condition, "conditionAbsent");
    if (threshold !== undefined) {
        const aggregations = items(get(threshold, "aggregations"));
        const reducedToOne = aggregations.some((a) => str(get(a, "crossSeriesReducer")) !== undefined && str(get(a, "crossSeriesReducer")) !== "REDUCE_NONE" && items(get(a, "groupByFields")).length === 0);
        if (reducedToOne) return 1;
    }
    return Math.max(1, resources);
}

export const priceAlertPolicy: Pricer = (props, context) => {
    const conditions = list(get(props, "conditions"));
    const all = conditions === UNKNOWN ? [] : items(conditions);
    const count = Math.max(all.length, conditions === UNKNOWN ? 1 : 0);
    const runs = (context.hours * 3600) / context.options.alertEvaluationSeconds;
    const series = all.reduce<number>((sum, condition) => sum + seriesPerRun(condition, context.facts), 0);
    const kinds = all.map((condition) => CONDITION_KINDS.find((kind) => get(condition, kind) !== undefined) ?? "condition");
    return {
        note: `${count} condition(s) (${[...new Set(kinds)].join(", ") || "unknown"})`,
        charges: [
            charge(MONITORING.condition, count, `${count} condition(s)`),
            charge(MONITORING.seriesMillion, (series * runs) / 1e6, `${series} series × ${qty(runs)} runs (every ${context.options.alertEvaluationSeconds} s, assumed)`),
        ],
    };
};

const CHECKERS_PER_REGION: Readonly<Record<string, number>> = { USA: 3, EUROPE: 1, SOUTH_AMERICA: 1, ASIA_PACIFIC: 1, USA_OREGON: 1, USA_IOWA: 1, USA_VIRGINIA: 1 };

/** Executions of one uptime check per month: its checkers × runs per month. */
export function uptimeExecutions(props: PlainObject, hours: number): number {
    const regions = list(get(props, "selectedRegions"));
    const checkers = Array.isArray(regions) && regions.length > 0
        ? regions.reduce<number>((sum, region) => sum + (CHECKERS_PER_REGION[String(str(region))] ?? 1), 0)
        : 6; // unset: every checker (USA's three, Europe, South America, Asia Pacific)
    const period = /^(\d+)s$/.exec(String(str(get(props, "period")) ?? "60s"));
    const seconds = period ? Number(period[1]) : 60;
    return checkers * ((hours * 3600) / seconds);
}

/** Executions beyond the stack's share of the free allowance, split across checks by their executions. */
export const priceUptimeCheck: Pricer = (props, context) => {
    const own = uptimeExecutions(props, context.hours);
    const total = context.facts.uptimeExecutions;
    const paid = Math.max(0, total - context.options.uptimeFreeExecutions);
    const usdShare = total > 0 ? ((paid * own) / total / 1000) * MONITORING.uptime1k.usd : 0;
    return {
        note: `${qty(own)} executions/month; ${qty(total)} for the stack against ${qty(context.options.uptimeFreeExecutions)} free (assumed share of the billing account's 1,000,000)`,
        charges: [share(MONITORING.uptime1k, usdShare, `share of ${qty(paid)} paid executions`)],
    };
};

export const priceLogMetric: Pricer = (_props, context) => {
    const mib = context.options.logMetricMib;
    const paid = Math.max(0, mib - 150);
    return {
        note: `${mib} MiB/month ingested (assumed); the first 150 MiB of chargeable metrics per billing account are free`,
        charges: [charge(LOGGING.metricIngestion, paid, `${qty(paid)} MiB beyond the free allotment`)],
    };
};

export const priceLogBucket: Pricer = (props, context) => {
    const days = num(get(props, "retentionDays"));
    const retained = typeof days === "number" && days > 30 ? (context.options.logGibPerMonth * (days - 30)) / 30 : 0;
    if (retained === 0) return noCharge("default 30-day retention: no retention charge");
    return { charges: [charge(LOGGING.retention, retained, `${qty(retained)} GiB kept beyond 30 days (assumed volume)`)] };
};

/** Enabling an API has no charge of its own, except the ones that start billing usage at once. */
export const priceProjectService: Pricer = (props, context) => {
    const service = str(get(props, "service"));
    const { imagesScannedPerMonth: images, traceSpansPerMonth: spans } = context.options;
    if (service === "containerscanning.googleapis.com") {
        return { note: "every image pushed is scanned once", charges: [charge(ARTIFACT_ANALYSIS.image, images, `${images} images scanned (assumed)`)] };
    }
    if (service === "cloudtrace.googleapis.com") {
        const paid = Math.max(0, spans - MONITORING.traceFreeSpans);
        return {
            note: `${qty(spans / 1e6)} M spans/month (assumed); the first 2.5 M per billing account are free`,
            charges: [charge(MONITORING.traceMillion, paid / 1e6, `${qty(paid / 1e6)} M spans beyond the free allotment`)],
        };
    }
    return free("enabling an API has no charge of its own (usage is billed on the resources that use it)");
};

/** The project's own logs: every stack writes some (requests, audit, Cloud SQL, builds). */
export function loggingCharges(options: CostOptions): Charge[] {
    const paid = Math.max(0, options.logGibPerMonth - LOGGING.freeGibPerProject);
    return [charge(LOGGING.storage, paid, `${options.logGibPerMonth} GiB/month (assumed), ${qty(paid)} GiB beyond the free 50 GiB per project`)];
}
