// SLOs, burn-rate alerts, the error log metric, trace grants and the dashboard: declared from the
// catalog in both stacks, with the dashboard's tiles checked against the catalog and a new
// service adding its tiles and no alert condition.

import * as assert from "assert";
import { catalog } from "../catalog/catalog";
import { AnyCatalog, AnyServiceSpec } from "../catalog/types";
import { badShareLimit, burnRateProblems, burnRateQuery } from "../components/alerts/burn-rate";
import { INSTANCE_TILES, SERVICE_TILES, SLO_TILES } from "../components/observability/dashboard-layout";
import { errorLogFilter } from "../components/observability/error-logs";
import { CONTAINER_SCANNING_API, OBSERVABILITY_APIS } from "../components/platform";
import { scaledCatalog, scaledConfig } from "../scripts/scale-catalog";
import { StackRun, runStack } from "./helpers/mocks";
import { at, stackRun } from "./helpers/runs";

const ALERT_POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
const SLO = "gcp:monitoring/slo:Slo";
const CUSTOM_SERVICE = "gcp:monitoring/customService:CustomService";
const DASHBOARD = "gcp:monitoring/dashboard:Dashboard";
const LOG_METRIC = "gcp:logging/metric:Metric";
const PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
const API = "gcp:projects/service:Service";

interface Tile { widget: { title: string } & Record<string, unknown> }
const tiles = (run: StackRun): Tile[] => (JSON.parse(String(run.ofType(DASHBOARD)[0].inputs["dashboardJson"])) as { mosaicLayout: { tiles: Tile[] } }).mosaicLayout.tiles;
const conditions = (run: StackRun): number => run.ofType(ALERT_POLICY).reduce((sum, p) => sum + (at(p.inputs, "conditions") as unknown[]).length, 0);
const burnQueries = (run: StackRun): string[] => (at(run.named("alerts-slo-burn-rate").inputs, "conditions") as Array<{ conditionPrometheusQueryLanguage: { query: string } }>).map((c) => c.conditionPrometheusQueryLanguage.query);
const publicServices = Object.entries(catalog.services as Record<string, AnyServiceSpec>).filter(([, s]) => s.slo).map(([k]) => k).sort();

describe("observability", () => {
    describe("burn-rate queries", () => {
        const fast = catalog.observability.burnRates.fast;

        it("turns a goal into the bad share that burns the budget factor times too fast", () => {
            assert.deepStrictEqual([badShareLimit(0.99, 14.4), badShareLimit(0.95, 14.4), badShareLimit(0.99, 6)], [0.144, 0.72, 0.06]);
        });

        it("reads availability from 5xx and latency from the quantile the goal leaves, over both windows", () => {
            const query = burnRateQuery([{ service: "gateway", objectives: { availability: 0.99, latency: { goal: 0.95, thresholdMs: 500 } } }], fast);
            assert.strictEqual(query, [
                '(label_replace((sum by (service_name) (rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",response_code_class="5xx",service_name=~"gateway"}[3600s]))' +
                    ' / sum by (service_name) (rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",service_name=~"gateway"}[3600s])) > 0.144)' +
                    ' and (sum by (service_name) (rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",response_code_class="5xx",service_name=~"gateway"}[300s]))' +
                    ' / sum by (service_name) (rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",service_name=~"gateway"}[300s])) > 0.144), "slo", "availability", "", ""))',
                '(label_replace((histogram_quantile(0.28, sum by (service_name, le) (rate(run_googleapis_com:request_latencies_bucket{monitored_resource="cloud_run_revision",service_name=~"gateway"}[3600s]))) > 500)' +
                    ' and (histogram_quantile(0.28, sum by (service_name, le) (rate(run_googleapis_com:request_latencies_bucket{monitored_resource="cloud_run_revision",service_name=~"gateway"}[300s]))) > 500), "slo", "latency", "", ""))',
            ].join("\nor\n"));
        });

        it("shares a branch between services with the same limit, whatever their order", () => {
            const o = { availability: 0.99, latency: { goal: 0.95, thresholdMs: 500 } };
            const query = burnRateQuery([{ service: "web", objectives: o }, { service: "gateway", objectives: o }], fast);
            assert.strictEqual(query.split("\nor\n").length, 2);
            assert.match(query, /service_name=~"gateway\|web"/);
        });

        it("names every objective that cannot burn at a window's factor, and bad goals", () => {
            assert.deepStrictEqual(burnRateProblems([{ service: "web", objectives: { availability: 0.9, latency: { goal: 1, thresholdMs: 0 } } }], { fast }), [
                "web: a availability goal of 0.9 cannot burn 14.4× too fast (fast window needs 1.44 of requests bad); raise the goal or lower the factor.",
                "web: the latency goal 1 must be above 0 and below 1.",
                "web: the latency threshold 0 must be whole milliseconds above 0.",
            ]);
            for (const stack of ["staging", "production"] as const) {
                const objectives = publicServices.map((k) => ({ service: k, objectives: (catalog.services as Record<string, AnyServiceSpec>)[k].slo![stack] }));
                assert.deepStrictEqual(burnRateProblems(objectives, catalog.observability.burnRates), [], stack);
            }
        });
    });

    it("counts errors from the catalog's services' logs at severity ERROR and above", () => {
        assert.strictEqual(errorLogFilter(["web", "gateway"]), 'resource.type="cloud_run_revision" AND severity>=ERROR AND resource.labels.service_name=~"^(gateway|web)$"');
    });

    for (const stack of ["staging", "production"] as const) {
        describe(`stack ${stack}`, () => {
            let run: StackRun;
            before(async () => { run = await stackRun(stack); });

            it("declares a custom service with an availability and a latency SLO for each public service", () => {
                assert.deepStrictEqual(publicServices, ["gateway", "web"]);
                assert.deepStrictEqual(run.ofType(CUSTOM_SERVICE).map((s) => s.inputs["serviceId"]).sort(), publicServices);
                assert.deepStrictEqual(run.ofType(SLO).map((s) => s.name).sort(), publicServices.flatMap((k) => [`slos-${k}-availability`, `slos-${k}-latency`]));
                const gateway = catalog.services.gateway.slo![stack];
                const availability = run.named("slos-gateway-availability");
                assert.strictEqual(availability.inputs["goal"], gateway.availability);
                assert.strictEqual(availability.inputs["rollingPeriodDays"], 28);
                assert.strictEqual(at(availability.inputs, "requestBasedSli.goodTotalRatio.badServiceFilter"),
                    'metric.type="run.googleapis.com/request_count" resource.type="cloud_run_revision" resource.label.service_name="gateway" metric.label.response_code_class="5xx"');
                const latency = run.named("slos-gateway-latency");
                assert.strictEqual(latency.inputs["goal"], gateway.latency.goal);
                assert.strictEqual(at(latency.inputs, "requestBasedSli.distributionCut.range.max"), gateway.latency.thresholdMs);
            });

            it("alerts on burn rate in one policy, one condition per window the stack pays for, covering every SLO", () => {
                const windows = catalog.alerts.signals[stack].filter((s) => s.startsWith("slo-burn-"));
                assert.deepStrictEqual(windows, stack === "production" ? ["slo-burn-fast", "slo-burn-slow"] : ["slo-burn-fast"]);
                const queries = burnQueries(run);
                assert.strictEqual(queries.length, windows.length);
                for (const query of queries) {
                    for (const service of publicServices) assert.match(query, new RegExp(`service_name=~"[^"]*\\b${service}\\b`));
                    assert.match(query, /"slo", "availability"/);
                    assert.match(query, /"slo", "latency"/);
                }
                if (stack === "production") {
                    // The epic's gateway target: p95 under 500 ms, so the fast window fires when the 0.28 quantile passes 500 ms.
                    assert.match(queries[0], /histogram_quantile\(0\.28, [^\n]*service_name=~"gateway"\}\[3600s\]\)\)\) > 500\)/);
                    assert.match(queries[1], /\[21600s\][^\n]*> 0\.06\)/);
                }
                const doc = String(at(run.named("alerts-slo-burn-rate").inputs, "documentation.content"));
                assert.match(doc, /console\.cloud\.google\.com\/errors\?project=/);
                assert.match(doc, /traces\/list/);
            });

            it("counts application errors per service from logs; production alerts on them", () => {
                const [metric] = run.ofType(LOG_METRIC);
                assert.strictEqual(metric.inputs["name"], "app-errors");
                assert.match(String(metric.inputs["filter"]), /severity>=ERROR/);
                assert.strictEqual(at(metric.inputs, "metricDescriptor.metricKind"), "DELTA");
                const alerts = run.ofType(ALERT_POLICY).filter((p) => p.name === "alerts-logs-errors");
                assert.strictEqual(alerts.length, stack === "production" ? 1 : 0);
                if (stack === "production") {
                    assert.strictEqual(at(alerts[0].inputs, "conditions.0.conditionThreshold.filter"), 'resource.type = "cloud_run_revision" AND metric.type = "logging.googleapis.com/user/app-errors"');
                    assert.deepStrictEqual(at(alerts[0].inputs, "conditions.0.conditionThreshold.aggregations.0.groupByFields"), ["resource.label.service_name"]);
                    assert.match(String(at(alerts[0].inputs, "documentation.content")), /Error Reporting/);
                }
            });

            it("enables Trace and Error Reporting; scanning only where the catalog pays for it", () => {
                const apis = run.ofType(API).map((a) => a.inputs["service"]);
                for (const api of OBSERVABILITY_APIS) assert.ok(apis.includes(api), api);
                assert.strictEqual(apis.includes(CONTAINER_SCANNING_API), catalog.observability.containerScanning[stack]);
            });

            it("lets each runtime account write traces, and grants it nothing else on the project", () => {
                const grants = run.ofType(PROJECT_IAM).filter((g) => String(g.inputs["member"]).includes("-run@"));
                assert.deepStrictEqual([...new Set(grants.map((g) => g.inputs["role"]))], ["roles/cloudtrace.agent"]);
                const runtime = run.ofType("gcp:serviceaccount/account:Account").filter((a) => String(a.inputs["accountId"]).endsWith("-run")).map((a) => `serviceAccount:${a.inputs["accountId"]}@${a.inputs["project"]}.iam.gserviceaccount.com`);
                assert.strictEqual(runtime.length, Object.keys(catalog.services).length);
                assert.deepStrictEqual(grants.map((g) => g.inputs["member"]).sort(), runtime.sort());
            });

            it("has one dashboard whose tiles are the catalog's services, instances and SLOs", () => {
                assert.strictEqual(run.ofType(DASHBOARD).length, 1);
                const titles = tiles(run).map((t) => t.widget.title);
                const instances = run.ofType("gcp:sql/databaseInstance:DatabaseInstance").map((i) => String(i.inputs["name"]));
                const expected = [
                    "budget",
                    ...publicServices.flatMap((k) => ["availability", "latency"].flatMap((kind) => SLO_TILES.map((t) => `${k} ${kind} SLO: ${t}`))),
                    ...Object.keys(catalog.services).sort().flatMap((k) => SERVICE_TILES.map((t) => `${k}: ${t}`)),
                    ...instances.sort().flatMap((i) => INSTANCE_TILES.map((t) => `${i}: ${t}`)),
                ];
                assert.deepStrictEqual(titles, expected);
                // Each service's charts select that service only.
                for (const tile of tiles(run).filter((t) => t.widget.title.startsWith("gateway: "))) assert.match(JSON.stringify(tile.widget), /service_name(\\")?=\\?"gateway\\?"/);
                // Tiles never overlap.
                const cells = new Set<string>();
                for (const t of tiles(run) as unknown as Array<{ xPos: number; yPos: number }>) {
                    const cell = `${t.xPos},${t.yPos}`;
                    assert.ok(!cells.has(cell), `two tiles at ${cell}`);
                    cells.add(cell);
                }
            });
        });
    }

    describe("adding a service to the catalog", function () {
        this.timeout(240_000);

        for (const stack of ["staging", "production"] as const) {
            it(`${stack}: adds its dashboard tiles and no alert condition`, async () => {
                const runs: StackRun[] = [];
                for (const size of [10, 11]) {
                    const source: AnyCatalog = scaledCatalog(size);
                    runs.push(await runStack(stack, { catalog: source, config: scaledConfig(source, stack) }));
                }
                const [before, after] = runs;
                const added = "s-00010";
                const newTitles = tiles(after).map((t) => t.widget.title).filter((t) => !tiles(before).some((b) => b.widget.title === t));
                // The eleventh service opens a new group: its own tiles, its group's instance's, and its SLOs' (it is a gateway).
                assert.deepStrictEqual(newTitles.filter((t) => t.startsWith(`${added}: `)), SERVICE_TILES.map((t) => `${added}: ${t}`));
                assert.strictEqual(conditions(after), conditions(before));
                // Staging's uptime signal has no check behind its login (IAP).
                assert.strictEqual(conditions(before), catalog.alerts.signals[stack].filter((x) => !(stack === "staging" && x === "uptime")).length);
            });
        }
    });
});
