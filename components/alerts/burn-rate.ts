// PromQL for SLO burn rates: one query per burn-rate window covering every SLO of the stack, so
// the stack pays one condition per window however many services declare objectives. Services
// whose objectives give the same limit share a branch; each branch is labelled with its SLO kind.
// Pure strings, so tests read them without mocks.
//
// Burn rate = bad share of requests / (1 - goal). It is above `factor` exactly when
//   availability: the 5xx share is above factor × (1 - goal);
//   latency:      the share slower than the threshold is above factor × (1 - goal), that is the
//                 (1 - factor × (1 - goal)) quantile of latency is above the threshold
// (the same histogram the Cloud Monitoring SLO counts, read through histogram_quantile).

import { BurnRateWindow, ServiceObjectives } from "../../catalog/types";

/** A service's physical name and its objectives in this stack. */
export interface ObjectiveOf {
    readonly service: string;
    readonly objectives: ServiceObjectives;
}

export const SLO_KINDS = ["availability", "latency"] as const;
export type SloKind = (typeof SLO_KINDS)[number];

/** The bad share of requests that burns the budget `factor` times too fast. */
export function badShareLimit(goal: number, factor: number): number {
    return round(factor * (1 - goal));
}

/** Problems with objectives under a window (a limit of 1 or more can never fire). */
export function burnRateProblems(objectives: readonly ObjectiveOf[], windows: Readonly<Record<string, BurnRateWindow>>): string[] {
    const problems: string[] = [];
    for (const { service, objectives: o } of objectives) {
        for (const [kind, goal] of [["availability", o.availability], ["latency", o.latency.goal]] as const) {
            if (!(goal > 0 && goal < 1)) {
                problems.push(`${service}: the ${kind} goal ${goal} must be above 0 and below 1.`);
                continue;
            }
            for (const [window, w] of Object.entries(windows)) {
                const limit = badShareLimit(goal, w.factor);
                if (limit >= 1) problems.push(`${service}: a ${kind} goal of ${goal} cannot burn ${w.factor}× too fast (${window} window needs ${limit} of requests bad); raise the goal or lower the factor.`);
            }
        }
        if (!(Number.isInteger(o.latency.thresholdMs) && o.latency.thresholdMs > 0)) problems.push(`${service}: the latency threshold ${o.latency.thresholdMs} must be whole milliseconds above 0.`);
    }
    return problems;
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;
const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, "\\\\$&");
const selector = (services: readonly string[], extra = ""): string =>
    `monitored_resource="cloud_run_revision",${extra}service_name=~"${[...services].sort().map(escape).join("|")}"`;
const seconds = (s: number): string => `${s}s`;

/** Groups services by a branch key, keys and services sorted, so catalog order never matters. */
function grouped<K>(entries: ReadonlyArray<readonly [string, K]>, key: (k: K) => string): Array<{ value: K; services: string[] }> {
    const byKey = new Map<string, { value: K; services: string[] }>();
    for (const [service, value] of entries) {
        const k = key(value);
        byKey.set(k, { value, services: [...(byKey.get(k)?.services ?? []), service] });
    }
    return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => ({ value: g.value, services: g.services.sort() }));
}

function errorShare(services: readonly string[], window: number): string {
    return `sum by (service_name) (rate(run_googleapis_com:request_count{${selector(services, 'response_code_class="5xx",')}}[${seconds(window)}]))` +
        ` / sum by (service_name) (rate(run_googleapis_com:request_count{${selector(services)}}[${seconds(window)}]))`;
}

function latencyQuantile(services: readonly string[], quantile: number, window: number): string {
    return `histogram_quantile(${quantile}, sum by (service_name, le) (rate(run_googleapis_com:request_latencies_bucket{${selector(services)}}[${seconds(window)}])))`;
}

const labelled = (kind: SloKind, expr: string): string => `label_replace(${expr}, "slo", "${kind}", "", "")`;

/** One burn-rate window over every SLO: availability and latency branches, long and short window both. */
export function burnRateQuery(objectives: readonly ObjectiveOf[], w: BurnRateWindow): string {
    const branches: string[] = [];
    for (const g of grouped(objectives.map((o) => [o.service, badShareLimit(o.objectives.availability, w.factor)] as const), String)) {
        const both = [w.longWindowSeconds, w.shortWindowSeconds].map((window) => `(${errorShare(g.services, window)} > ${g.value})`).join(" and ");
        branches.push(labelled("availability", both));
    }
    const latency = objectives.map((o) => [o.service, { quantile: round(1 - badShareLimit(o.objectives.latency.goal, w.factor)), ms: o.objectives.latency.thresholdMs }] as const);
    for (const g of grouped(latency, (v) => `${v.quantile}/${v.ms}`)) {
        const both = [w.longWindowSeconds, w.shortWindowSeconds].map((window) => `(${latencyQuantile(g.services, g.value.quantile, window)} > ${g.value.ms})`).join(" and ");
        branches.push(labelled("latency", both));
    }
    return branches.map((b) => `(${b})`).join("\nor\n");
}
