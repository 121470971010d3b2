// PromQL for the Cloud Run signals: one query per signal covering every service, grouped by
// service_name, with one branch per distinct threshold (not per service). Pure strings, so tests
// read them without mocks.

/** Services that share a threshold. */
export interface ThresholdGroup {
    readonly threshold: number;
    readonly services: readonly string[];
}

/** Groups (service, threshold) pairs by threshold, lowest first; services sorted, so order never matters. */
export function groupByThreshold(entries: ReadonlyArray<readonly [string, number]>): ThresholdGroup[] {
    const byThreshold = new Map<number, string[]>();
    for (const [service, threshold] of entries) byThreshold.set(threshold, [...(byThreshold.get(threshold) ?? []), service]);
    return [...byThreshold.entries()]
        .sort(([a], [b]) => a - b)
        .map(([threshold, services]) => ({ threshold, services: [...services].sort() }));
}

const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, "\\\\$&");

/** The label matchers of one branch: Cloud Run revisions of exactly these services. */
function selector(services: readonly string[], extra = ""): string {
    return `monitored_resource="cloud_run_revision",${extra}service_name=~"${services.map(escape).join("|")}"`;
}

const branches = (groups: readonly ThresholdGroup[], branch: (group: ThresholdGroup) => string): string =>
    groups.map((group) => `(${branch(group)})`).join("\nor\n");

/** Share of 5xx responses per service over the window, above each branch's ratio. */
export function errorRatioQuery(groups: readonly ThresholdGroup[], window: string): string {
    return branches(groups, ({ threshold, services }) =>
        `sum by (service_name) (rate(run_googleapis_com:request_count{${selector(services, 'response_code_class="5xx",')}}[${window}]))` +
        ` / sum by (service_name) (rate(run_googleapis_com:request_count{${selector(services)}}[${window}])) > ${threshold}`,
    );
}

/** p95 request latency per service in milliseconds, above each branch's limit. */
export function latencyP95Query(groups: readonly ThresholdGroup[], window: string): string {
    return branches(groups, ({ threshold, services }) =>
        `histogram_quantile(0.95, sum by (service_name, le) (rate(run_googleapis_com:request_latencies_bucket{${selector(services)}}[${window}]))) > ${threshold}`,
    );
}

/** Instances per service (all states), at or above each branch's count. */
export function instancesQuery(groups: readonly ThresholdGroup[]): string {
    return branches(groups, ({ threshold, services }) =>
        `sum by (service_name) (run_googleapis_com:container_instance_count{${selector(services)}}) >= ${threshold}`,
    );
}

/** "Near max": the given share of a service's own maximum, rounded up, at least 1. */
export function nearMax(maxInstances: number, share: number): number {
    return Math.max(1, Math.ceil(maxInstances * share));
}
