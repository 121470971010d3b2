// The deploy gate's rules, as pure functions: read a scanner's report (Artifact Analysis through
// `gcloud artifacts docker images describe --show-package-vulnerability`, or Trivy's JSON), read
// the allow list, and decide. An image is refused when it has a CRITICAL vulnerability with a fix
// that no live allow-list entry covers. Fixless findings are reported, never blocking.

import * as yaml from "js-yaml";

export interface Finding {
    readonly id: string;
    readonly severity: string;
    readonly pkg: string;
    readonly fixAvailable: boolean;
}

export interface AllowEntry {
    readonly id: string;
    /** Image names it applies to; empty: every image. */
    readonly images: readonly string[];
    readonly reason: string;
    readonly approvedBy: string;
    /** YYYY-MM-DD; the entry stops working on that day. */
    readonly expires: string;
}

/** Longest an accepted risk may stay before it is reviewed again. */
export const MAX_ALLOW_DAYS = 90;

const ID = /^(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|[A-Z]+-[\w.-]+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses the allow list, naming every problem (a bad list fails the gate and the tests). */
export function parseAllowlist(text: string): { entries: AllowEntry[]; problems: string[] } {
    const problems: string[] = [];
    let doc: { entries?: unknown } | null;
    try {
        doc = yaml.load(text) as { entries?: unknown } | null;
    } catch (error) {
        return { entries: [], problems: [`not YAML: ${(error as Error).message.split("\n")[0]}`] };
    }
    const raw = doc?.entries;
    if (!Array.isArray(raw)) return { entries: [], problems: ["entries: must be a list (use `entries: []` for none)."] };
    const entries: AllowEntry[] = [];
    raw.forEach((value, i) => {
        const at = `entries[${i}]`;
        const e = (value ?? {}) as Record<string, unknown>;
        const known = ["id", "images", "reason", "approvedBy", "expires"];
        for (const key of Object.keys(e)) if (!known.includes(key)) problems.push(`${at}.${key}: unknown field; known: ${known.join(", ")}.`);
        const id = typeof e["id"] === "string" ? e["id"] : "";
        if (!ID.test(id)) problems.push(`${at}.id: ${JSON.stringify(e["id"])} is not a vulnerability id (CVE-2024-1234, GHSA-...).`);
        const images = e["images"] === undefined ? [] : e["images"];
        if (!Array.isArray(images) || images.some((x) => typeof x !== "string" || x.length === 0)) problems.push(`${at}.images: must be a list of image names.`);
        const reason = typeof e["reason"] === "string" ? e["reason"].trim() : "";
        if (reason.length < 20) problems.push(`${at}.reason: say why the risk is accepted, in a sentence.`);
        const approvedBy = typeof e["approvedBy"] === "string" ? e["approvedBy"].trim() : "";
        if (!approvedBy) problems.push(`${at}.approvedBy: who accepted it (a GitHub handle).`);
        // js-yaml reads an unquoted date as a Date.
        const expires = e["expires"] instanceof Date ? (e["expires"] as Date).toISOString().slice(0, 10) : String(e["expires"] ?? "");
        if (!DATE.test(expires) || Number.isNaN(Date.parse(expires))) problems.push(`${at}.expires: ${JSON.stringify(expires)} is not a date (YYYY-MM-DD).`);
        entries.push({ id, images: Array.isArray(images) ? images.map(String) : [], reason, approvedBy, expires });
    });
    return { entries, problems };
}

/** Entries past their expiry on `today` (YYYY-MM-DD), and entries expiring further out than allowed. */
export function expiryProblems(entries: readonly AllowEntry[], today: string): string[] {
    const problems: string[] = [];
    const limit = new Date(Date.parse(today) + MAX_ALLOW_DAYS * 86_400_000).toISOString().slice(0, 10);
    for (const e of entries) {
        if (e.expires <= today) problems.push(`${e.id} expired on ${e.expires}: fix the image or renew the entry with a new reason and date.`);
        else if (e.expires > limit) problems.push(`${e.id} expires ${e.expires}, more than ${MAX_ALLOW_DAYS} days from ${today}: accept risks for at most ${MAX_ALLOW_DAYS} days.`);
    }
    return problems;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === "object" && v !== null ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Findings of `gcloud artifacts docker images describe IMAGE --show-package-vulnerability --format=json`. */
export function fromArtifactAnalysis(report: unknown): { findings: Finding[]; scanned: boolean } {
    const r = obj(report);
    const discoveries = arr(obj(r["discovery_summary"])["discovery"]).map((d) => obj(obj(d)["discovery"]));
    const scanned = discoveries.some((d) => d["analysisStatus"] === "FINISHED_SUCCESS");
    const bySeverity = obj(obj(r["package_vulnerability_summary"])["vulnerabilities"]);
    const findings: Finding[] = [];
    for (const occurrences of Object.values(bySeverity)) {
        for (const occurrence of arr(occurrences)) {
            const o = obj(occurrence);
            const v = obj(o["vulnerability"]);
            const issues = arr(v["packageIssue"]).map(obj);
            const id = String(v["shortDescription"] ?? String(o["noteName"] ?? "").split("/").pop() ?? "");
            const fix = typeof v["fixAvailable"] === "boolean"
                ? (v["fixAvailable"] as boolean)
                : issues.some((i) => i["fixAvailable"] === true || (obj(i["fixedVersion"])["kind"] !== undefined && obj(i["fixedVersion"])["kind"] !== "MAXIMUM"));
            findings.push({ id, severity: String(v["effectiveSeverity"] ?? v["severity"] ?? "UNKNOWN"), pkg: String(issues[0]?.["affectedPackage"] ?? "?"), fixAvailable: fix });
        }
    }
    return { findings, scanned };
}

/** Findings of `trivy image --format json IMAGE`. */
export function fromTrivy(report: unknown): { findings: Finding[]; scanned: boolean } {
    const r = obj(report);
    const findings: Finding[] = [];
    for (const result of arr(r["Results"])) {
        for (const vuln of arr(obj(result)["Vulnerabilities"])) {
            const v = obj(vuln);
            findings.push({ id: String(v["VulnerabilityID"] ?? ""), severity: String(v["Severity"] ?? "UNKNOWN"), pkg: String(v["PkgName"] ?? "?"), fixAvailable: typeof v["FixedVersion"] === "string" && v["FixedVersion"] !== "" });
        }
    }
    return { findings, scanned: "Results" in r || "ArtifactName" in r };
}

export interface Verdict {
    /** CRITICAL with a fix, not allowed: the deploy stops. */
    readonly blocking: Finding[];
    /** CRITICAL with a fix, covered by a live entry. */
    readonly allowed: Array<{ finding: Finding; entry: AllowEntry }>;
    /** Everything else CRITICAL or HIGH, reported only. */
    readonly reported: Finding[];
}

/** Decides one image (its name as in the catalog) against the live entries of the allow list on `today`. */
export function judge(image: string, findings: readonly Finding[], entries: readonly AllowEntry[], today: string): Verdict {
    const live = entries.filter((e) => e.expires > today && (e.images.length === 0 || e.images.includes(image)));
    const verdict: Verdict = { blocking: [], allowed: [], reported: [] };
    const seen = new Set<string>();
    for (const f of findings) {
        const key = `${f.id}/${f.pkg}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (f.severity === "CRITICAL" && f.fixAvailable) {
            const entry = live.find((e) => e.id === f.id);
            if (entry) verdict.allowed.push({ finding: f, entry });
            else verdict.blocking.push(f);
        } else if (f.severity === "CRITICAL" || f.severity === "HIGH") {
            verdict.reported.push(f);
        }
    }
    return verdict;
}

/** The image name of a reference: registry/path/name:tag or @digest -> name. */
export function imageName(ref: string): string {
    return ref.replace(/[@:][^/]*$/, "").split("/").pop() ?? ref;
}
