// The stack dashboard as data, built from the catalog's services and instances and the declared
// SLOs: pure, so tests compare its tiles with the catalog without mocks. Layout: a mosaic of
// equal tiles, four to a row, each section starting on a new row: the overview (budget, SLO
// compliance and error budget), then each service, then each database instance.

import { DeclaredSlo } from "./slos";

/** Tiles each service gets, in order (the title is "<service>: <tile>"). */
export const SERVICE_TILES = ["request rate", "5xx ratio", "latency p50 / p95", "instances", "CPU utilization", "memory utilization", "application errors (logs)"] as const;
/** Tiles each Cloud SQL instance gets. */
export const INSTANCE_TILES = ["CPU utilization", "memory utilization", "disk utilization", "connections"] as const;
/** Tiles each SLO gets. */
export const SLO_TILES = ["compliance", "error budget left"] as const;

export interface DashboardSpec {
    readonly displayName: string;
    readonly project: string;
    /** Physical Cloud Run service names. */
    readonly services: readonly string[];
    /** Physical Cloud SQL instance names. */
    readonly instances: readonly string[];
    readonly slos: readonly DeclaredSlo[];
    /** The log-based error metric's type. */
    readonly errorMetricType: string;
    readonly budget: { readonly amountUsd: number; readonly displayName: string };
    /** Labels shown on the dashboard (its own labels are keys only). */
    readonly labels: Readonly<Record<string, string>>;
}

type Widget = Record<string, unknown> & { title: string };
interface Tile { xPos: number; yPos: number; width: number; height: number; widget: Widget }

const COLUMNS = 48;
const PER_ROW = 4;
const WIDTH = COLUMNS / PER_ROW;
const HEIGHT = 16;
const WINDOW = "5m";

const run = (service: string, extra = ""): string => `monitored_resource="cloud_run_revision",${extra}service_name="${service}"`;
const sql = (project: string, instance: string): string => `monitored_resource="cloudsql_database",database_id="${project}:${instance}"`;

function chart(title: string, queries: ReadonlyArray<{ query: string; legend?: string }>, yLabel: string): Widget {
    return {
        title,
        xyChart: {
            dataSets: queries.map(({ query, legend }) => ({ timeSeriesQuery: { prometheusQuery: query }, plotType: "LINE", ...(legend ? { legendTemplate: legend } : {}) })),
            yAxis: { label: yLabel, scale: "LINEAR" },
        },
    };
}

function filterChart(title: string, filter: string, groupBy: readonly string[], yLabel: string): Widget {
    return {
        title,
        xyChart: {
            dataSets: [{ timeSeriesQuery: { timeSeriesFilter: { filter, aggregation: { alignmentPeriod: "300s", perSeriesAligner: "ALIGN_SUM", crossSeriesReducer: "REDUCE_SUM", groupByFields: [...groupBy] } } }, plotType: "STACKED_BAR" }],
            yAxis: { label: yLabel, scale: "LINEAR" },
        },
    };
}

function sloScorecard(title: string, selector: string, goal?: number): Widget {
    return {
        title,
        scorecard: {
            timeSeriesQuery: { timeSeriesFilter: { filter: selector, aggregation: { alignmentPeriod: "3600s", perSeriesAligner: "ALIGN_NEXT_OLDER" } } },
            sparkChartView: { sparkChartType: "SPARK_LINE" },
            ...(goal !== undefined ? { thresholds: [{ value: goal, color: "RED", direction: "BELOW" }] } : { thresholds: [{ value: 0.25, color: "YELLOW", direction: "BELOW" }, { value: 0, color: "RED", direction: "BELOW" }] }),
        },
    };
}

function serviceWidgets(service: string, errorMetricType: string): Widget[] {
    const t = (i: number) => `${service}: ${SERVICE_TILES[i]}`;
    const quantile = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(run_googleapis_com:request_latencies_bucket{${run(service)}}[${WINDOW}])))`;
    const utilization = (metric: string) => `histogram_quantile(0.95, sum by (le) (rate(run_googleapis_com:${metric}_bucket{${run(service)}}[${WINDOW}])))`;
    return [
        chart(t(0), [{ query: `sum by (response_code_class) (rate(run_googleapis_com:request_count{${run(service)}}[${WINDOW}]))`, legend: "${response_code_class}" }], "requests/s"),
        chart(t(1), [{ query: `sum(rate(run_googleapis_com:request_count{${run(service, 'response_code_class="5xx",')}}[${WINDOW}])) / sum(rate(run_googleapis_com:request_count{${run(service)}}[${WINDOW}]))` }], "share of responses"),
        chart(t(2), [{ query: quantile(0.5), legend: "p50" }, { query: quantile(0.95), legend: "p95" }], "ms"),
        chart(t(3), [{ query: `sum by (state) (run_googleapis_com:container_instance_count{${run(service)}})`, legend: "${state}" }], "instances"),
        chart(t(4), [{ query: utilization("container_cpu_utilizations"), legend: "p95 of instances" }], "share of limit"),
        chart(t(5), [{ query: utilization("container_memory_utilizations"), legend: "p95 of instances" }], "share of limit"),
        filterChart(t(6), `metric.type="${errorMetricType}" resource.type="cloud_run_revision" resource.label.service_name="${service}"`, ["resource.label.service_name"], "entries per 5 min"),
    ];
}

function instanceWidgets(project: string, instance: string): Widget[] {
    const t = (i: number) => `${instance}: ${INSTANCE_TILES[i]}`;
    const gauge = (metric: string) => `max(cloudsql_googleapis_com:database_${metric}{${sql(project, instance)}})`;
    return [
        chart(t(0), [{ query: gauge("cpu_utilization") }], "share"),
        chart(t(1), [{ query: gauge("memory_utilization") }], "share"),
        chart(t(2), [{ query: gauge("disk_utilization") }], "share"),
        chart(t(3), [{ query: `sum(cloudsql_googleapis_com:database_postgresql_num_backends{${sql(project, instance)}})` }], "connections"),
    ];
}

function budgetWidget(spec: DashboardSpec): Widget {
    return {
        title: "budget",
        text: {
            format: "MARKDOWN",
            content: [
                `**${spec.budget.displayName}**: $${spec.budget.amountUsd} a month; alerts at 50, 75, 90 and 100 % of actual and 100 % of forecast spend go to the alert channels.`,
                "",
                `Spend so far: Billing > Budgets & alerts (billing data is not a Cloud Monitoring metric, so no chart here), or the cost table: \`npm run cost -- ${spec.labels["env"] ?? "<stack>"}\`.`,
                "",
                `Errors: https://console.cloud.google.com/errors?project=${spec.project} · Traces: https://console.cloud.google.com/traces/list?project=${spec.project}`,
            ].join("\n"),
        },
    };
}

/** Lays widgets out four to a row; each section starts on a new row. */
function layout(sections: readonly Widget[][]): Tile[] {
    const tiles: Tile[] = [];
    let row = 0;
    for (const section of sections) {
        section.forEach((widget, i) => tiles.push({ xPos: (i % PER_ROW) * WIDTH, yPos: (row + Math.floor(i / PER_ROW)) * HEIGHT, width: WIDTH, height: HEIGHT, widget }));
        row += Math.ceil(section.length / PER_ROW);
    }
    return tiles;
}

/** The dashboard JSON object (the Cloud Monitoring Dashboard resource's body). */
export function buildDashboard(spec: DashboardSpec): { displayName: string; mosaicLayout: { columns: number; tiles: Tile[] }; labels: Record<string, string> } {
    const overview: Widget[] = [budgetWidget(spec)];
    for (const slo of [...spec.slos].sort((a, b) => `${a.service}/${a.kind}`.localeCompare(`${b.service}/${b.kind}`))) {
        overview.push(sloScorecard(`${slo.service} ${slo.kind} SLO: ${SLO_TILES[0]}`, `select_slo_compliance("${slo.path}")`, slo.goal));
        overview.push(sloScorecard(`${slo.service} ${slo.kind} SLO: ${SLO_TILES[1]}`, `select_slo_budget_fraction("${slo.path}")`));
    }
    const services = [...spec.services].sort().map((s) => serviceWidgets(s, spec.errorMetricType));
    const instances = [...spec.instances].sort().map((i) => instanceWidgets(spec.project, i));
    return {
        displayName: spec.displayName,
        mosaicLayout: { columns: COLUMNS, tiles: layout([overview, ...services, ...instances]) },
        // Dashboard labels are keys only: the stack's label values become keys.
        labels: Object.fromEntries(Object.values(spec.labels).map((v) => [v, ""])),
    };
}
