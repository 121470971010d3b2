// The deploy's view of a stack's Cloud Run services, for the workflows' rollout steps. Reads
// `pulumi stack export` (state) and asks Cloud Run (gcloud) which revision serves traffic.
//
//   rollout.ts pins <stack>                  {"<service key>": "<revision serving 100 %>"}: the
//                                            value of deploy:pinTraffic that keeps traffic where it is
//   rollout.ts smoke-targets <candidate|serving>
//                                            one line per check, "<service key> <url>": every public
//                                            service's health path and catalog smokePaths, on the
//                                            tagged URL of the untrafficked revision (candidate) or
//                                            on the service URL (serving)
//   rollout.ts entry <stack>                 the record entry of this deployment (record.sh add)
//   rollout.ts target <record.json> <latest|previous|sha>
//                                            the recorded deployment a rollback returns to
//   rollout.ts set-tags <Pulumi.stack.yaml> <imageTags.json>
//                                            rewrites the file's mindmirror:imageTags lines in place
//
// Run with `npx ts-node --transpile-only scripts/deploy/rollout.ts ...` (type-checked by npm test).

import { execFileSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import { catalog } from "../../catalog/catalog";
import { AnyCatalog } from "../../catalog/types";
import { CANDIDATE_TAG } from "../../components/rollout";

const SERVICE_TYPE = "gcp:cloudrunv2/service:Service";

export interface DeployedService {
    readonly key: string;
    readonly name: string;
    readonly project: string;
    readonly region: string;
    readonly uri: string;
    readonly public: boolean;
    /** The state holds a pinned traffic split with the candidate tag (deploy:pinTraffic was set). */
    readonly pinned: boolean;
}

export interface DeploymentEntry {
    readonly sha: string;
    readonly ref: string;
    readonly run: string;
    readonly at: string;
    readonly imageTags: Record<string, string>;
    readonly revisions: Record<string, string>;
}

export interface DeploymentRecord {
    readonly stack?: string;
    readonly deployments: DeploymentEntry[];
}

interface StateResource { type: string; urn: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }

/** The Cloud Run services of an exported state, by catalog key (the `service` label). */
export function deployedServices(exported: unknown): DeployedService[] {
    const resources = ((exported as { deployment?: { resources?: StateResource[] } }).deployment?.resources ?? []);
    return resources.filter((r) => r.type === SERVICE_TYPE).map((r) => {
        const o = r.outputs ?? {};
        const labels = (o["labels"] ?? {}) as Record<string, string>;
        const traffics = (o["traffics"] ?? []) as { tag?: string }[];
        const key = labels["service"];
        if (!key) throw new Error(`${r.urn}: no 'service' label, cannot tell its catalog key`);
        return {
            key,
            name: String(o["name"]),
            project: String(o["project"]),
            region: String(o["location"]),
            uri: String(o["uri"] ?? ""),
            public: o["ingress"] === "INGRESS_TRAFFIC_ALL",
            pinned: traffics.some((t) => t.tag === CANDIDATE_TAG),
        };
    }).sort((a, b) => a.key.localeCompare(b.key));
}

/** The tagged URL Cloud Run gives a traffic tag: https://<tag>---<service host>. */
export function taggedUrl(uri: string, tag: string): string {
    return uri.replace(/^https:\/\//, `https://${tag}---`);
}

/** "<key> <url>" lines: health path first, then the catalog's smoke paths, public services only. */
export function smokeTargets(services: readonly DeployedService[], mode: "candidate" | "serving", source: AnyCatalog = catalog): string[] {
    const lines: string[] = [];
    for (const s of services) {
        if (!s.public) continue;
        const spec = source.services[s.key];
        if (!spec) throw new Error(`service ${s.key} is deployed but not in the catalog`);
        if (!s.uri) throw new Error(`service ${s.key} has no URL in the state`);
        const base = mode === "candidate" && s.pinned ? taggedUrl(s.uri, CANDIDATE_TAG) : s.uri;
        for (const path of [spec.healthPath, ...(spec.smokePaths ?? [])]) {
            if (!path.startsWith("/")) throw new Error(`catalog ${s.key}: smoke path '${path}' must start with '/'`);
            lines.push(`${s.key} ${base}${path}`);
        }
    }
    return lines;
}

/** The revision serving the largest share of traffic, from `gcloud run services describe --format=json`. */
export function servingRevision(described: unknown): string | undefined {
    const traffic = ((described as { status?: { traffic?: { revisionName?: string; percent?: number }[] } }).status?.traffic ?? [])
        .filter((t) => t.revisionName && (t.percent ?? 0) > 0)
        .sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0));
    return traffic[0]?.revisionName;
}

/** The entry a rollback returns to: the newest (latest), the one before it (previous), or one by commit. */
export function pickTarget(record: DeploymentRecord, which: string): DeploymentEntry {
    const all = record.deployments;
    if (all.length === 0) throw new Error("the record holds no verified deployment: nothing to roll back to");
    if (which === "latest") return all[all.length - 1];
    if (which === "previous") {
        const current = all[all.length - 1];
        const earlier = [...all].reverse().find((d) => d.sha !== current.sha);
        if (!earlier) throw new Error(`the record holds no verified deployment before ${current.sha}`);
        return earlier;
    }
    if (!/^[0-9a-f]{7,40}$/.test(which)) throw new Error(`'${which}' is neither latest, previous nor a commit id`);
    const match = [...all].reverse().find((d) => d.sha.startsWith(which));
    if (!match) throw new Error(`commit ${which} is not a verified deployment of this stack`);
    return match;
}

/** The file's text with each `mindmirror:imageTags` entry set to tags[service]; other lines untouched. */
export function setImageTags(text: string, tags: Record<string, string>): string {
    const lines = text.split("\n");
    const start = lines.findIndex((l) => /^\s+mindmirror:imageTags:\s*$/.test(l));
    if (start < 0) throw new Error("no mindmirror:imageTags block");
    const indent = /^(\s*)/.exec(lines[start])![1].length;
    const seen = new Set<string>();
    for (let i = start + 1; i < lines.length; i++) {
        const m = /^(\s*)([A-Za-z0-9_-]+):\s*(\S*)\s*$/.exec(lines[i]);
        if (!m || m[1].length <= indent) break;
        const tag = tags[m[2]];
        if (tag === undefined) continue;
        if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) throw new Error(`'${tag}' is not a valid image tag`);
        lines[i] = `${m[1]}${m[2]}: ${tag}`;
        seen.add(m[2]);
    }
    const missing = Object.keys(tags).filter((k) => !seen.has(k));
    if (missing.length > 0) throw new Error(`no imageTags line for ${missing.join(", ")}`);
    return lines.join("\n");
}

function stackExport(stack: string): unknown {
    return JSON.parse(execFileSync("pulumi", ["stack", "export", "--stack", stack], { encoding: "utf8", maxBuffer: 256 << 20 }));
}

function pins(stack: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const s of deployedServices(stackExport(stack))) {
        const described = JSON.parse(execFileSync("gcloud", ["run", "services", "describe", s.name, "--project", s.project, "--region", s.region, "--format=json"], { encoding: "utf8" }));
        const revision = servingRevision(described);
        if (revision) out[s.key] = revision;
    }
    return out;
}

function imageTagsOf(stack: string): Record<string, string> {
    const doc = yaml.load(fs.readFileSync(`Pulumi.${stack}.yaml`, "utf8")) as { config?: Record<string, unknown> };
    return { ...((doc.config?.["mindmirror:imageTags"] ?? {}) as Record<string, string>) };
}

function main(argv: string[]): void {
    const [cmd, ...args] = argv;
    const env = process.env;
    switch (cmd) {
        case "pins":
            console.log(JSON.stringify(pins(args[0])));
            return;
        case "smoke-targets": {
            const mode = args[0];
            if (mode !== "candidate" && mode !== "serving") throw new Error("smoke-targets candidate|serving");
            const stack = args[1] ?? env["STACK"] ?? "";
            for (const line of smokeTargets(deployedServices(stackExport(stack)), mode)) console.log(line);
            return;
        }
        case "entry": {
            const stack = args[0];
            const entry: DeploymentEntry = {
                sha: env["GITHUB_SHA"] ?? execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim(),
                ref: env["GITHUB_REF"] ?? "",
                run: env["GITHUB_RUN_ID"] ?? "",
                at: new Date().toISOString(),
                imageTags: imageTagsOf(stack),
                revisions: pins(stack),
            };
            console.log(JSON.stringify(entry));
            return;
        }
        case "target": {
            const record = JSON.parse(fs.readFileSync(args[0], "utf8")) as DeploymentRecord;
            console.log(JSON.stringify(pickTarget(record, args[1] ?? "previous")));
            return;
        }
        case "set-tags": {
            const tags = JSON.parse(fs.readFileSync(args[1], "utf8")) as Record<string, string>;
            fs.writeFileSync(args[0], setImageTags(fs.readFileSync(args[0], "utf8"), tags));
            return;
        }
        default:
            throw new Error(`unknown command '${cmd ?? ""}' (pins, smoke-targets, entry, target, set-tags)`);
    }
}

if (require.main === module) {
    try {
        main(process.argv.slice(2));
    } catch (e) {
        console.error(`rollout.ts: ${(e as Error).message}`);
        process.exit(1);
    }
}
