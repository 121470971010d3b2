// @ts-check
// Stand-in for the parts of Google Cloud and GitHub the workflows talk to outside Pulumi, for the
// act rehearsals (scripts/rehearse/run.sh). Cloud Run's revisions and traffic are derived from the
// Pulumi state in the rehearsal's file backend, as Cloud Run derives them from the service spec:
//   - a service gets a new revision <name>-0000N-rh each time its template changes (image, env...);
//   - traffic follows the service's `traffics`: a REVISION entry holds its percent, LATEST goes to
//     the newest revision; a tagged entry answers at https://<tag>---<host>.
// A revision answers 500 when its image tag contains "smoke-fail" (a broken release), 200
// otherwise; a migration job fails when its image tag contains "migrate-fail".
//
//   node fake-cloud.js gcloud <args...>   run services describe | run jobs execute | logging write |
//                                         artifacts docker images describe | auth configure-docker
//   node fake-cloud.js gh <args...>       api (deployments, statuses, PR comments) | pr create
//   node fake-cloud.js serve <port>       HTTP server behind the curl stand-in (Host: header)
// Everything it does is appended to $REHEARSAL_DIR/calls.log.

const fs = require("fs");
const path = require("path");
const http = require("http");
const crypto = require("crypto");

const DIR = process.env.REHEARSAL_DIR || "";
if (!DIR) { console.error("fake-cloud: REHEARSAL_DIR is not set"); process.exit(2); }
const BACKEND = path.join(DIR, "backend");
const LEDGER = path.join(DIR, "cloudrun.json");

/** @param {string} line */
function log(line) { fs.appendFileSync(path.join(DIR, "calls.log"), `${new Date().toISOString()} ${line}\n`); }

/** Every resource of every stack in the file backend. */
function stateResources() {
    /** @type {any[]} */
    const out = [];
    const root = path.join(BACKEND, ".pulumi", "stacks");
    if (!fs.existsSync(root)) return out;
    for (const project of fs.readdirSync(root)) {
        for (const f of fs.readdirSync(path.join(root, project))) {
            if (!f.endsWith(".json")) continue;
            const doc = JSON.parse(fs.readFileSync(path.join(root, project, f), "utf8"));
            for (const r of doc.checkpoint?.latest?.resources ?? []) out.push(r);
        }
    }
    return out;
}

/** @param {any} v */
const unsecret = (v) => (v && typeof v === "object" && v["4dabf18193072939515e22adb298388d"] ? unsecret(v.value ?? v.plaintext) : v);

/** Syncs the revision ledger with the state: a changed template is a new revision. */
function syncLedger() {
    /** @type {Record<string, {revisions: {name: string, image: string, hash: string}[]}>} */
    const ledger = fs.existsSync(LEDGER) ? JSON.parse(fs.readFileSync(LEDGER, "utf8")) : {};
    /** @type {Record<string, any>} */
    const services = {};
    for (const r of stateResources()) {
        if (r.type !== "gcp:cloudrunv2/service:Service" || !r.outputs) continue;
        const o = r.outputs;
        const name = String(o.name);
        const key = `${o.project}/${name}`;
        const template = unsecret(o.template);
        const hash = crypto.createHash("sha256").update(JSON.stringify(template)).digest("hex").slice(0, 12);
        const entry = (ledger[key] ??= { revisions: [] });
        const last = entry.revisions[entry.revisions.length - 1];
        if (!last || last.hash !== hash) {
            const n = String(entry.revisions.length + 1).padStart(5, "0");
            entry.revisions.push({ name: `${name}-${n}-rh`, image: String(template?.containers?.[0]?.image ?? ""), hash });
            log(`cloudrun: new revision ${name}-${n}-rh (${template?.containers?.[0]?.image})`);
        }
        services[key] = { outputs: o, revisions: entry.revisions };
    }
    fs.writeFileSync(LEDGER, JSON.stringify(ledger, null, 1));
    return services;
}

/** status.traffic of a service, as Cloud Run reports it. @param {any} svc */
function trafficOf(svc) {
    const latest = svc.revisions[svc.revisions.length - 1].name;
    const traffics = unsecret(svc.outputs.traffics) ?? [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 100 }];
    return traffics.map((/** @type {any} */ t) => ({
        revisionName: t.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" ? latest : t.revision,
        percent: t.percent ?? 0,
        ...(t.tag ? { tag: t.tag, uri: String(svc.outputs.uri).replace("https://", `https://${t.tag}---`) } : {}),
    }));
}

/** @param {string[]} args @param {string} name */
function opt(args, name) {
    const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return args[i].includes("=") ? args[i].slice(name.length + 1) : args[i + 1];
}

/** @param {string[]} args */
function gcloud(args) {
    log(`gcloud ${args.join(" ")}`);
    if (!fs.existsSync(process.env.CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE || "/nonexistent")) {
        console.error("ERROR: (gcloud) You do not currently have an active account selected (no credentials from google-github-actions/auth).");
        return 1;
    }
    const [group, sub, verb, name] = args;
    if (group === "run" && sub === "services" && verb === "describe") {
        const svc = syncLedger()[`${opt(args, "--project")}/${name}`];
        if (!svc) { console.error(`ERROR: (gcloud.run.services.describe) Cannot find service [${name}] in project [${opt(args, "--project")}]`); return 1; }
        process.stdout.write(JSON.stringify({ metadata: { name }, status: { url: svc.outputs.uri, latestReadyRevisionName: svc.revisions[svc.revisions.length - 1].name, traffic: trafficOf(svc) } }, null, 1) + "\n");
        return 0;
    }
    if (group === "run" && sub === "jobs" && verb === "execute") {
        const job = stateResources().find((r) => r.type === "gcp:cloudrunv2/job:Job" && r.outputs?.name === name && r.outputs?.project === opt(args, "--project"));
        if (!job) { console.error(`ERROR: (gcloud.run.jobs.execute) Job [${name}] not found.`); return 1; }
        const image = String(unsecret(job.outputs.template)?.template?.containers?.[0]?.image ?? "");
        if (!args.includes("--wait")) { console.error("fake-cloud: executions are awaited in these workflows (--wait)"); return 1; }
        if (image.includes("migrate-fail")) { console.error(`ERROR: (gcloud.run.jobs.execute) The execution failed: ${name} (${image}) exited 1.`); return 1; }
        console.log(`Execution [${name}-rh] has successfully completed (${image}).`);
        return 0;
    }
    if (group === "auth" && sub === "configure-docker") return 0;
    if (group === "artifacts" && sub === "docker" && verb === "images" && name === "describe") {
        // Artifact Analysis: the image was scanned on push and has no vulnerability.
        process.stdout.write(JSON.stringify({ discovery_summary: { discovery: [{ discovery: { analysisStatus: "FINISHED_SUCCESS" } }] }, package_vulnerability_summary: {} }) + "\n");
        return 0;
    }
    if (group === "logging" && sub === "write") {
        fs.appendFileSync(path.join(DIR, "notifications.log"), `${verb} ${opt(args, "--severity")} ${name}\n`);
        return 0;
    }
    console.error(`fake-cloud: gcloud ${args.join(" ")} is not part of the rehearsal`);
    return 1;
}

/** @param {string[]} args */
function gh(args) {
    log(`gh ${args.join(" ")}`);
    const deployments = path.join(DIR, "github-deployments.json");
    /** @type {{id: number, sha: string, environment: string, state: string}[]} */
    const known = fs.existsSync(deployments) ? JSON.parse(fs.readFileSync(deployments, "utf8")) : [];
    if (args[0] === "api") {
        const url = args.find((a, i) => i > 0 && !a.startsWith("-") && !["--jq", "--method", "-F", "-X"].includes(args[i - 1])) ?? "";
        const jq = opt(args, "--jq");
        /** @type {any} */
        let body;
        let m;
        if ((m = /deployments\?sha=([0-9a-f]+)&environment=([\w-]+)/.exec(url))) {
            const [, sha, env] = m;
            body = known.filter((d) => d.sha === sha && d.environment === env).map((d) => ({ id: d.id }));
        } else if ((m = /deployments\/(\d+)\/statuses/.exec(url))) {
            body = known.filter((d) => d.id === Number(m?.[1])).map((d) => ({ state: d.state }));
        } else if (/issues\/\d+\/comments/.test(url) && !args.includes("POST")) {
            body = [];
        } else if (/comments/.test(url)) {
            const file = opt(args, "-F")?.replace(/^body=@/, "") ?? "";
            fs.appendFileSync(path.join(DIR, "pr-comments.md"), fs.readFileSync(file, "utf8") + "\n");
            return 0;
        } else {
            console.error(`fake-cloud: gh api ${url} is not part of the rehearsal`);
            return 1;
        }
        // The workflows' --jq filters are simple: evaluate the two shapes they use.
        if (jq === ".[].id") body.forEach((/** @type {any} */ d) => console.log(d.id));
        else if (jq && jq.includes('any(. == "success")')) console.log(body.some((/** @type {any} */ s) => s.state === "success") ? "true" : "false");
        else if (jq) console.log("");
        else console.log(JSON.stringify(body));
        return 0;
    }
    if (args[0] === "pr" && args[1] === "create") {
        fs.appendFileSync(path.join(DIR, "pull-requests.log"), `${JSON.stringify({ title: opt(args, "--title"), head: opt(args, "--head"), body: opt(args, "--body") })}\n`);
        console.log(`https://github.com/${process.env.GITHUB_REPOSITORY}/pull/99`);
        return 0;
    }
    console.error(`fake-cloud: gh ${args.join(" ")} is not part of the rehearsal`);
    return 1;
}

/** @param {number} port */
function serve(port) {
    http.createServer((req, res) => {
        const host = String(req.headers["x-rehearsal-host"] ?? req.headers.host ?? "");
        const tag = host.includes("---") ? host.split("---")[0] : undefined;
        const bare = host.includes("---") ? host.split("---")[1] : host;
        const services = syncLedger();
        const svc = Object.values(services).find((s) => String(s.outputs.uri) === `https://${bare}`);
        let status = 404;
        let revision = "";
        if (svc) {
            const traffic = trafficOf(svc);
            const target = tag ? traffic.find((/** @type {any} */ t) => t.tag === tag) : traffic.filter((/** @type {any} */ t) => t.percent > 0).sort((/** @type {any} */ a, /** @type {any} */ b) => b.percent - a.percent)[0];
            const rev = target && svc.revisions.find((/** @type {any} */ r) => r.name === target.revisionName);
            if (rev) { revision = rev.name; status = rev.image.includes("smoke-fail") ? 500 : 200; }
        }
        log(`http GET ${host}${req.url} -> ${status} ${revision}`);
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(`${revision || "no revision"}\n`);
    }).listen(port, "127.0.0.1", () => console.log(`fake-cloud: serving on 127.0.0.1:${port}`));
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === "gcloud") process.exit(gcloud(rest));
else if (mode === "gh") process.exit(gh(rest));
else if (mode === "serve") serve(Number(rest[0]));
else if (mode === "serving") {
    // serving <project>/<service name>: the revision with traffic, for the rehearsal's assertions.
    const svc = syncLedger()[rest[0]];
    console.log(svc ? trafficOf(svc).filter((/** @type {any} */ t) => t.percent > 0).map((/** @type {any} */ t) => `${t.revisionName} ${t.percent}`).join(" ") : "none");
} else { console.error("usage: fake-cloud.js gcloud|gh|serve|serving ..."); process.exit(2); }
