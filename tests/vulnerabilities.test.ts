// The scanning gate: the allow list in the repository is valid and live (this test fails the day an
// entry expires), the gate's rules on both scanners' reports, the images it checks, and the
// workflows that run it.

import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { catalog } from "../catalog/catalog";
import { ALLOWLIST, stackImages } from "../scripts/vulnerability-gate";
import { AllowEntry, expiryProblems, fromArtifactAnalysis, fromTrivy, imageName, judge, parseAllowlist } from "../security/vulnerabilities";
import { ROOT } from "./helpers/stack-config";

const TODAY = "2026-12-08";
const entry = (over: Partial<AllowEntry> = {}): AllowEntry => ({ id: "CVE-2026-0001", images: [], reason: "not reachable: the parser is never fed user input", approvedBy: "octocat", expires: "2027-01-15", ...over });

/** An Artifact Analysis report as gcloud prints it, with one occurrence per finding. */
function artifactAnalysis(findings: Array<{ id: string; severity: string; fix: boolean; pkg?: string }>, status = "FINISHED_SUCCESS") {
    const vulnerabilities: Record<string, unknown[]> = {};
    for (const f of findings) {
        (vulnerabilities[f.severity] ??= []).push({
            kind: "VULNERABILITY",
            noteName: `projects/goog-vulnz/notes/${f.id}`,
            vulnerability: { effectiveSeverity: f.severity, fixAvailable: f.fix, shortDescription: f.id, packageIssue: [{ affectedPackage: f.pkg ?? "openssl", fixedVersion: { kind: f.fix ? "NORMAL" : "MAXIMUM" } }] },
        });
    }
    return { image_summary: { digest: "sha256:abc" }, discovery_summary: { discovery: [{ discovery: { analysisStatus: status } }] }, package_vulnerability_summary: { vulnerabilities } };
}

describe("vulnerability gate", () => {
    describe("the allow list in the repository", () => {
        const text = fs.readFileSync(ALLOWLIST, "utf8");

        it("parses with every entry complete", () => {
            assert.deepStrictEqual(parseAllowlist(text).problems, []);
        });

        it("has no entry past its expiry or longer than 90 days (fails the day one expires)", () => {
            const today = new Date().toISOString().slice(0, 10);
            assert.deepStrictEqual(expiryProblems(parseAllowlist(text).entries, today), []);
        });
    });

    describe("allow-list rules", () => {
        it("names every problem of a bad entry", () => {
            const { problems } = parseAllowlist("entries:\n  - id: not-a-cve\n    reason: ok\n    expires: someday\n    owner: me\n");
            assert.deepStrictEqual(problems, [
                "entries[0].owner: unknown field; known: id, images, reason, approvedBy, expires.",
                'entries[0].id: "not-a-cve" is not a vulnerability id (CVE-2024-1234, GHSA-...).',
                "entries[0].reason: say why the risk is accepted, in a sentence.",
                "entries[0].approvedBy: who accepted it (a GitHub handle).",
                'entries[0].expires: "someday" is not a date (YYYY-MM-DD).',
            ]);
        });

        it("reads unquoted YAML dates as the day written", () => {
            const { entries, problems } = parseAllowlist(`entries:\n  - id: CVE-2026-0001\n    reason: ${JSON.stringify(entry().reason)}\n    approvedBy: octocat\n    expires: 2027-01-15\n`);
            assert.deepStrictEqual(problems, []);
            assert.strictEqual(entries[0].expires, "2027-01-15");
        });

        it("flags an expired entry and one that runs longer than 90 days", () => {
            assert.deepStrictEqual(expiryProblems([entry({ expires: "2026-12-08" }), entry({ id: "CVE-2026-0002", expires: "2027-06-01" }), entry({ id: "CVE-2026-0003" })], TODAY), [
                "CVE-2026-0001 expired on 2026-12-08: fix the image or renew the entry with a new reason and date.",
                "CVE-2026-0002 expires 2027-06-01, more than 90 days from 2026-12-08: accept risks for at most 90 days.",
            ]);
        });
    });

    describe("judging an image", () => {
        const report = artifactAnalysis([
            { id: "CVE-2026-0001", severity: "CRITICAL", fix: true },
            { id: "CVE-2026-0002", severity: "CRITICAL", fix: false },
            { id: "CVE-2026-0003", severity: "HIGH", fix: true },
            { id: "CVE-2026-0004", severity: "LOW", fix: true },
        ]);

        it("refuses a CRITICAL with a fix; reports CRITICAL without a fix and HIGH; ignores the rest", () => {
            const { findings, scanned } = fromArtifactAnalysis(report);
            assert.ok(scanned);
            const verdict = judge("mesh-gateway", findings, [], TODAY);
            assert.deepStrictEqual(verdict.blocking.map((f) => f.id), ["CVE-2026-0001"]);
            assert.deepStrictEqual(verdict.reported.map((f) => f.id).sort(), ["CVE-2026-0002", "CVE-2026-0003"]);
        });

        it("lets a live entry through, for its images only, and stops honouring it on its expiry day", () => {
            const { findings } = fromArtifactAnalysis(report);
            assert.deepStrictEqual(judge("mesh-gateway", findings, [entry()], TODAY).blocking, []);
            assert.deepStrictEqual(judge("mesh-gateway", findings, [entry({ images: ["web-app"] })], TODAY).blocking.map((f) => f.id), ["CVE-2026-0001"]);
            assert.deepStrictEqual(judge("web-app", findings, [entry({ images: ["web-app"] })], TODAY).blocking, []);
            assert.deepStrictEqual(judge("mesh-gateway", findings, [entry({ expires: TODAY })], TODAY).blocking.map((f) => f.id), ["CVE-2026-0001"]);
        });

        it("treats an unfinished Artifact Analysis scan as not scanned (the gate waits, then refuses)", () => {
            assert.strictEqual(fromArtifactAnalysis(artifactAnalysis([], "PENDING")).scanned, false);
            assert.strictEqual(fromArtifactAnalysis({}).scanned, false);
        });

        it("reads Trivy's report the same way", () => {
            const { findings, scanned } = fromTrivy({ ArtifactName: "x", Results: [{ Target: "debian", Vulnerabilities: [
                { VulnerabilityID: "CVE-2026-0001", PkgName: "openssl", Severity: "CRITICAL", FixedVersion: "3.0.15-1" },
                { VulnerabilityID: "CVE-2026-0002", PkgName: "zlib", Severity: "CRITICAL", FixedVersion: "" },
            ] }] });
            assert.ok(scanned);
            assert.deepStrictEqual(judge("web-app", findings, [], TODAY).blocking.map((f) => f.id), ["CVE-2026-0001"]);
            assert.strictEqual(fromTrivy({}).scanned, false);
        });

        it("names an image by its reference's last path segment, without tag or digest", () => {
            assert.strictEqual(imageName("us-central1-docker.pkg.dev/p/services/mesh-gateway:v0.1.0"), "mesh-gateway");
            assert.strictEqual(imageName("us-central1-docker.pkg.dev/p/services/web-app@sha256:0123"), "web-app");
        });
    });

    it("checks every image a stack deploys, from its registry and tags", () => {
        const images = stackImages("production");
        assert.strictEqual(images.length, new Set(Object.values(catalog.services).map((s) => s.image)).size);
        assert.ok(images.includes("us-central1-docker.pkg.dev/mindmirror-prod/services/mesh-gateway:v0.1.0"), images.join(", "));
        // The same references the services run (a digest stays a digest).
        assert.ok(images.every((ref) => /^us-central1-docker\.pkg\.dev\/mindmirror-prod\/services\/[a-z-]+(:v[\w.-]+|@sha256:[0-9a-f]{64})$/.test(ref)), images.join(", "));
    });

    describe("workflows", () => {
        const workflow = (name: string) => yaml.load(fs.readFileSync(path.join(ROOT, ".github", "workflows", name), "utf8")) as Record<string, any>;

        it("the weekly report runs in the vulnerability-report environment on production's images, every action pinned to a commit", () => {
            const report = workflow("vulnerability-report.yml");
            assert.ok(report["on"]["schedule"][0]["cron"], "scheduled");
            const job = Object.values(report["jobs"])[0] as Record<string, any>;
            assert.strictEqual(job["environment"], "vulnerability-report");
            assert.deepStrictEqual(job["permissions"], { "id-token": "write", contents: "read" });
            const steps = job["steps"] as Array<Record<string, string>>;
            for (const step of steps.filter((s) => s["uses"])) assert.match(step["uses"], /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, step["uses"]);
            assert.ok(steps.some((s) => /scripts\/vulnerability-gate\.sh production/.test(s["run"] ?? "")));
        });

        it("the deploy runs the gate before anything moves", () => {
            const steps = (workflow("deploy-stack.yml")["jobs"]["deploy"]["steps"] as Array<Record<string, string>>).map((s) => s["name"] ?? s["uses"] ?? "");
            const gate = steps.findIndex((name) => /vulnerability gate/i.test(name));
            assert.ok(gate >= 0, `no gate among ${steps.join(", ")}`);
            assert.ok(gate < steps.findIndex((name) => /^Migrations/.test(name)));
        });
    });
});
