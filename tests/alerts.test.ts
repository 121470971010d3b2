// Alerting scales by signal, not by service: one policy and one condition per signal per stack,
// whatever the size of the catalog, with per-service thresholds as branches of that condition.

import * as assert from "assert";
import { catalog } from "../catalog/catalog";
import { AnyCatalog } from "../catalog/types";
import { errorRatioQuery, groupByThreshold, instancesQuery, latencyP95Query, nearMax } from "../components/alerts/promql";
import { scaledCatalog, scaledConfig } from "../scripts/scale-catalog";
import { StackRun, runStack } from "./helpers/mocks";
import { stackRun } from "./helpers/runs";
import { at } from "./helpers/runs";

const ALERT_POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";

function conditions(run: StackRun): number {
    return run.ofType(ALERT_POLICY).reduce((sum, policy) => sum + (at(policy.inputs, "conditions") as unknown[]).length, 0);
}

const query = (run: StackRun, name: string): string => String(at(run.named(name).inputs, "conditions.0.conditionPrometheusQueryLanguage.query"));

describe("alerting", () => {
    describe("PromQL with one branch per threshold", () => {
        it("groups services by threshold, whatever their order", () => {
            assert.deepStrictEqual(groupByThreshold([["web", 8], ["agent", 4], ["gateway", 8], ["users", 4]]), [
                { threshold: 4, services: ["agent", "users"] },
                { threshold: 8, services: ["gateway", "web"] },
            ]);
        });

        it("compares each service with its own threshold, grouped by service_name", () => {
            const groups = groupByThreshold([["agent", 30000], ["journal", 2000]]);
            assert.strictEqual(latencyP95Query(groups, "300s"), [
                '(histogram_quantile(0.95, sum by (service_name, le) (rate(run_googleapis_com:request_latencies_bucket{monitored_resource="cloud_run_revision",service_name=~"journal"}[300s]))) > 2000)',
                '(histogram_quantile(0.95, sum by (service_name, le) (rate(run_googleapis_com:request_latencies_bucket{monitored_resource="cloud_run_revision",service_name=~"agent"}[300s]))) > 30000)',
            ].join("\nor\n"));
            assert.strictEqual(
                errorRatioQuery(groupByThreshold([["a", 0.05], ["b", 0.05]]), "300s"),
                '(sum by (service_name) (rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",response_code_class="5xx",service_name=~"a|b"}[300s]))' +
                    ' / sum by (service_name) (rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",service_name=~"a|b"}[300s])) > 0.05)',
            );
        });

        it("fires near each service's own maximum", () => {
            assert.deepStrictEqual([nearMax(5, 0.8), nearMax(10, 0.8), nearMax(2, 0.8), nearMax(1, 0.8)], [4, 8, 2, 1]);
            assert.match(instancesQuery(groupByThreshold([["agent", 4], ["gateway", 8]])), /service_name=~"agent"\}\) >= 4\)\nor\n\(.*service_name=~"gateway"\}\) >= 8\)$/);
        });
    });

    describe("our stacks", () => {
        it("production: one condition per signal, each service in the branch of its own threshold and maximum", async () => {
            const run = await stackRun("production");
            assert.deepStrictEqual(run.ofType(ALERT_POLICY).map((p) => p.name).sort(), [
                "alerts-databases-connections", "alerts-databases-cpu", "alerts-databases-disk", "alerts-databases-memory",
                "alerts-logs-errors",
                "alerts-services-5xx-ratio", "alerts-services-instances-near-max", "alerts-services-latency-p95",
                "alerts-slo-burn-rate", "alerts-uptime-failing",
            ]);
            // Eleven signals: the SLO burn rate's fast and slow windows are two conditions of one policy.
            assert.strictEqual(conditions(run), 11);
            const latency = query(run, "alerts-services-latency-p95");
            assert.match(latency, /service_name=~"gateway\|habits\|journal\|meals\|movements\|practices\|users\|web"\}\[300s\]\)\)\) > 2000\)/);
            assert.match(latency, /service_name=~"agent"\}\[300s\]\)\)\) > 30000\)/);
            assert.match(latency, /service_name=~"celery-worker"\}\[300s\]\)\)\) > 300000\)/);
            const instances = query(run, "alerts-services-instances-near-max");
            assert.match(instances, /service_name=~"agent\|celery-worker\|habits\|journal\|meals\|movements\|practices\|users"\}\) >= 4\)/);
            assert.match(instances, /service_name=~"gateway\|web"\}\) >= 8\)/);
            const db = run.named("alerts-databases-connections");
            assert.strictEqual(at(db.inputs, "conditions.0.conditionThreshold.filter"), 'resource.type = "cloudsql_database" AND resource.labels.database_id = one_of("mindmirror-prod:shared-pg") AND metric.type = "cloudsql.googleapis.com/database/postgresql/num_backends"');
            assert.strictEqual(at(db.inputs, "conditions.0.conditionThreshold.thresholdValue"), 40);
        });

        it("tells on-call what to do, naming the service or instance from the incident's labels", async () => {
            const run = await stackRun("production");
            const errors = run.named("alerts-services-5xx-ratio");
            assert.strictEqual(at(errors.inputs, "documentation.subject"), "${metric.label.service_name}: 5xx ratio above threshold");
            assert.match(String(at(errors.inputs, "documentation.content")), /gcloud run services logs read \$\{metric\.label\.service_name\} --project mindmirror-prod/);
            assert.match(String(at(errors.inputs, "documentation.content")), /roll back: the rollback workflow/);
            const cpu = run.named("alerts-databases-cpu");
            assert.strictEqual(at(cpu.inputs, "documentation.subject"), "${resource.label.database_id}: CPU utilization above 80%");
        });

        it("staging: only the signals it pays for", async () => {
            const run = await stackRun("staging");
            // Uptime is one of its signals, but its public services sit behind the login (IAP),
            // which uptime checkers cannot pass: no check, no policy (tests/features.test.ts).
            assert.deepStrictEqual(run.ofType(ALERT_POLICY).map((p) => p.name).sort(), ["alerts-databases-connections", "alerts-services-5xx-ratio", "alerts-slo-burn-rate"]);
        });
    });

    describe("scaling the catalog from 10 to 100 services", function () {
        this.timeout(240_000);

        for (const stack of ["staging", "production"] as const) {
            it(`${stack}: adds no alert condition`, async () => {
                const counts: number[] = [];
                for (const size of [10, 100]) {
                    const source: AnyCatalog = scaledCatalog(size);
                    const run = await runStack(stack, { catalog: source, config: scaledConfig(source, stack) });
                    counts.push(conditions(run));
                    // Every service is in the 5xx condition's one query.
                    const errors = query(run, "alerts-services-5xx-ratio");
                    for (const service of Object.keys(source.services)) assert.ok(errors.includes(service), `${service} missing at ${size}`);
                }
                // Staging's uptime signal has nothing to check behind the login (IAP).
                const signals = (catalog as AnyCatalog).alerts.signals[stack].filter((s) => !(stack === "staging" && s === "uptime"));
                assert.deepStrictEqual(counts, Array(2).fill(signals.length), `conditions at 10 and 100 services: ${counts.join(", ")}`);
            });
        }
    });
});
