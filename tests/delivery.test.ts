// Delivery: the GitHub Actions workflows, .ci/run and the README agree on the stacks, the policy
// pack and its per-stack configs; every preview and up passes the pack; deploys migrate before
// services move; permissions stay minimal. Reads the files, no mocks.

import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { catalog } from "../catalog/catalog";
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
const WORKFLOW_DIR = path.join(ROOT, ".github", "workflows");
const WORKFLOW_FILES = ["preview.yml", "deploy.yml", "deploy-stack.yml", "rollback.yml", "policy-publish.yml"];
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
        assert.ok(count("deploy-stack.yml", "up") >= 3, "deploy-stack.yml runs the targeted, full and rollback ups");
        assert.ok(count("rollback.yml", "up") >= 1, "rollback.yml runs pulumi up");
        for (const inv of all) {
            const where = `${inv.file} job ${inv.job}: ${inv.command}`;
            assert.strictEqual(flag(inv.command, "--policy-pack"), PACK, `--policy-pack ${PACK} missing in ${where}`);
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

    it("runs the migration jobs before the pulumi up that moves the services", () => {
        const deploy = load("deploy-stack.yml").jobs["deploy"];
        const steps = deploy.steps ?? [];
        const runs = steps.map((s) => commands(s.run ?? ""));
        const firstExecute = runs.findIndex((cmds) => cmds.some((c) => /gcloud run jobs execute\b/.test(c) && /--wait\b/.test(c)));
        const fullUp = runs.findIndex((cmds) => cmds.some((c) => PULUMI_RUN.test(c) && /pulumi\s+up/.test(c) && !TARGETED.test(c)));
        assert.ok(firstExecute >= 0, "a step runs gcloud run jobs execute --wait");
        assert.ok(fullUp >= 0, "a step runs a full pulumi up");
        assert.ok(firstExecute < fullUp, `migrations (step ${firstExecute}) run before pulumi up (step ${fullUp})`);
        // In the migration step, the jobs move to the new image (targeted up) before they execute.
        const migrate = runs[firstExecute];
        const targeted = migrate.findIndex((c) => /pulumi\s+up/.test(c) && TARGETED.test(c));
        const execute = migrate.findIndex((c) => /gcloud run jobs execute/.test(c));
        assert.ok(targeted >= 0 && targeted < execute, "targeted pulumi up of the jobs precedes their execution");
        // The callers deploy staging first; production waits for the staging check.
        const callers = load("deploy.yml").jobs;
        const production = Object.values(callers).find((j) => j.with?.["stack"] === "production")!;
        assert.ok([production.needs ?? []].flat().length > 0, "production needs the staging check");
        assert.strictEqual(deploy.concurrency?.["cancel-in-progress"], false, "a running deploy is never cancelled");
        assert.match(deploy.concurrency?.group ?? "", /inputs\.stack/, "one deploy per stack at a time");
    });

    it("gives the preview job exactly id-token write, contents read and pull-requests write", () => {
        const preview = load("preview.yml");
        assert.deepStrictEqual(preview.jobs["preview"].permissions, { "id-token": "write", contents: "read", "pull-requests": "write" });
        assert.deepStrictEqual(preview.permissions, { contents: "read" });
    });

    it("offers exactly the catalog's services for rollback", () => {
        const inputs = (load("rollback.yml").on["workflow_dispatch"] as { inputs: Record<string, { options: string[] }> }).inputs;
        assert.deepStrictEqual(inputs["service"].options, Object.keys(catalog.services));
    });

    it("sets minimal workflow permissions, timeouts, pinned actions and the npm cache everywhere", () => {
        for (const file of WORKFLOW_FILES) {
            const wf = load(file);
            assert.deepStrictEqual(wf.permissions, { contents: "read" }, `${file}: workflow-level permissions`);
            for (const [name, job] of Object.entries(wf.jobs)) {
                if (job.uses) continue; // a reusable workflow's jobs carry their own timeouts
                assert.ok(typeof job["timeout-minutes"] === "number", `${file} ${name}: timeout-minutes`);
                for (const step of job.steps ?? []) {
                    if (step.uses) assert.match(step.uses, /@(v\d+(\.\d+)*|[0-9a-f]{40})$/, `${file} ${name}: ${step.uses} pinned`);
                    if (step.uses?.startsWith("actions/setup-node@")) assert.strictEqual(step.with?.["cache"], "npm", `${file} ${name}: npm cache`);
                }
            }
        }
    });

    it("is linted by CI (.ci/run runs scripts/actionlint.sh)", () => {
        assert.ok(fs.existsSync(path.join(ROOT, "scripts", "actionlint.sh")));
        const ci = commands(read(".ci/run"));
        assert.ok(ci.some((c) => /\bscripts\/actionlint\.sh\b/.test(c)), ".ci/run must run scripts/actionlint.sh");
        assert.ok(ci.some((c) => /\bnpm test\b/.test(c)), ".ci/run runs npm test");
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
