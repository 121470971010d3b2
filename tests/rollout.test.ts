// Rollouts: the traffic switch of components/rollout.ts and the pure helpers of
// scripts/deploy/rollout.ts (smoke targets, serving revision, rollback target, image tag edits).
// No mocks: plain functions.

import * as assert from "assert";
import { catalog } from "../catalog/catalog";
import { CANDIDATE_TAG, parsePins, trafficFor } from "../components/rollout";
import { DeployedService, DeploymentEntry, deployedServices, pickTarget, servingRevision, setImageTags, smokeTargets, taggedUrl } from "../scripts/deploy/rollout";

const entry = (sha: string, tag: string): DeploymentEntry => ({
    sha, ref: "refs/heads/main", run: "1", at: "2026-12-08T00:00:00Z", imageTags: { web: tag }, revisions: { web: `web-${sha.slice(0, 5)}` },
});

describe("rollout (traffic pinning, smoke tests, rollback targets)", () => {
    it("sends 100 % to the latest revision when nothing is pinned", () => {
        assert.deepStrictEqual(trafficFor("gateway", undefined), [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 100 }]);
    });

    it("keeps 100 % on the pinned revision and tags the latest one candidate with 0 %", () => {
        assert.deepStrictEqual(trafficFor("gateway", "gateway-00042-abc"), [
            { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: "gateway-00042-abc", percent: 100 },
            { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 0, tag: CANDIDATE_TAG },
        ]);
    });

    it("refuses a pin that names another service's revision", () => {
        assert.throws(() => trafficFor("gateway", "web-00042-abc"), /deploy:pinTraffic: 'web-00042-abc' is not a revision of Cloud Run service gateway\./);
    });

    it("reads deploy:pinTraffic as a JSON object of strings, and names the key otherwise", () => {
        assert.deepStrictEqual([...parsePins('{"web":"web-00001-aaa"}')], [["web", "web-00001-aaa"]]);
        assert.throws(() => parsePins("web=web-1"), /deploy:pinTraffic must be a JSON object/);
        assert.throws(() => parsePins('{"web":1}'), /deploy:pinTraffic must be a JSON object/);
        assert.throws(() => parsePins('["web"]'), /deploy:pinTraffic must be a JSON object/);
    });

    it("smoke-tests every public service's health path and catalog entry points, on the tagged URL while pinned", () => {
        const services: DeployedService[] = [
            { key: "gateway", name: "gateway", project: "p", region: "r", uri: "https://gateway-1.a.run.app", public: true, pinned: true },
            { key: "web", name: "web", project: "p", region: "r", uri: "https://web-1.a.run.app", public: true, pinned: false },
            { key: "agent", name: "agent", project: "p", region: "r", uri: "https://agent-1.a.run.app", public: false, pinned: true },
        ];
        assert.deepStrictEqual(smokeTargets(services, "candidate"), [
            `gateway https://candidate---gateway-1.a.run.app${catalog.services.gateway.healthPath}`,
            "gateway https://candidate---gateway-1.a.run.app/graphql?query=%7B__typename%7D",
            `web https://web-1.a.run.app${catalog.services.web.healthPath}`,
            "web https://web-1.a.run.app/",
        ]);
        assert.deepStrictEqual(smokeTargets(services, "serving").slice(0, 1), [`gateway https://gateway-1.a.run.app${catalog.services.gateway.healthPath}`]);
        assert.strictEqual(taggedUrl("https://x-1.a.run.app", "candidate"), "https://candidate---x-1.a.run.app");
    });

    it("reads the Cloud Run services of an exported state by their service label", () => {
        const exported = { deployment: { resources: [
            { type: "gcp:cloudrunv2/service:Service", urn: "u1", outputs: { name: "web", project: "p", location: "r", uri: "https://web-1.a.run.app", ingress: "INGRESS_TRAFFIC_ALL", labels: { service: "web" }, traffics: [{ tag: "candidate" }] } },
            { type: "gcp:cloudrunv2/job:Job", urn: "u2", outputs: { name: "web-migrate" } },
        ] } };
        assert.deepStrictEqual(deployedServices(exported), [{ key: "web", name: "web", project: "p", region: "r", uri: "https://web-1.a.run.app", public: true, pinned: true }]);
    });

    it("finds the revision serving the largest share of traffic", () => {
        assert.strictEqual(servingRevision({ status: { traffic: [{ revisionName: "web-2", percent: 0, tag: "candidate" }, { revisionName: "web-1", percent: 100 }] } }), "web-1");
        assert.strictEqual(servingRevision({ status: {} }), undefined);
    });

    it("rolls back to the latest, the previous or a named verified deployment, never an unrecorded one", () => {
        const record = { deployments: [entry("aaaaaaa1", "t1"), entry("bbbbbbb2", "t2"), entry("ccccccc3", "t3")] };
        assert.strictEqual(pickTarget(record, "latest").sha, "ccccccc3");
        assert.strictEqual(pickTarget(record, "previous").sha, "bbbbbbb2");
        assert.strictEqual(pickTarget(record, "aaaaaaa").sha, "aaaaaaa1");
        assert.throws(() => pickTarget(record, "ddddddd"), /commit ddddddd is not a verified deployment of this stack/);
        assert.throws(() => pickTarget({ deployments: [] }, "previous"), /holds no verified deployment/);
        assert.throws(() => pickTarget({ deployments: [entry("aaaaaaa1", "t1")] }, "previous"), /no verified deployment before aaaaaaa1/);
    });

    it("rewrites only the image tag lines of Pulumi.<stack>.yaml", () => {
        const text = "config:\n  gcp:project: p\n  mindmirror:imageTags:\n    web: old\n    gateway: g1\n  mindmirror:services:\n    web: {}\n";
        assert.strictEqual(setImageTags(text, { web: "v1.2.3" }), text.replace("web: old", "web: v1.2.3"));
        assert.throws(() => setImageTags(text, { nope: "x" }), /no imageTags line for nope/);
        assert.throws(() => setImageTags(text, { web: "bad tag" }), /not a valid image tag/);
    });
});
