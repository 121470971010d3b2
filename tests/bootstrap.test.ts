// The bootstrap program (bootstrap/) under mocks: state bucket hardening, the secrets key, protect,
// CI access, APIs and the two outputs the platform's stacks are initialised with.

import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PLATFORM_APIS } from "../components/project-apis";
import { lookups } from "./helpers/lookups";
import { BOOTSTRAP_APIS, BootstrapArgs, KEY_ROTATION_PERIOD, runBootstrap, validateBootstrapArgs } from "../bootstrap/program";

interface Registered {
    readonly type: string;
    readonly name: string;
    readonly protect: boolean;
    readonly parent?: string;
    inputs: Record<string, unknown>;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getProtect(): boolean | undefined;
}
type RegisterFn = (this: unknown, req: RegisterRequest, callback: unknown) => unknown;
type MocksModule = { MockMonitor: { prototype: { registerResource: RegisterFn } } };

// Mocks are process-global, and tests/helpers/mocks.ts already wraps MockMonitor's
// registerResource to record the main program's resources into runs other suites keep. While the
// bootstrap runs, record here and call the SDK's own registerResource (from a fresh load of the
// module, whose prototype nobody patched), so the main program's recordings never see these
// resources; at any other time, pass through to whatever was installed before.
const MOCKS_PATH = require.resolve("@pulumi/pulumi/runtime/mocks");
const monitor = (require(MOCKS_PATH) as MocksModule).MockMonitor.prototype;
const pristine: RegisterFn = (() => {
    const cached = require.cache[MOCKS_PATH];
    delete require.cache[MOCKS_PATH];
    try {
        return (require(MOCKS_PATH) as MocksModule).MockMonitor.prototype.registerResource;
    } finally {
        require.cache[MOCKS_PATH] = cached;
    }
})();
const previous = monitor.registerResource;
let recording: Registered[] | undefined;
monitor.registerResource = function (req, callback) {
    if (!recording) return previous.call(this, req, callback);
    const parent = req.getParent();
    recording.push({
        type: req.getType(),
        name: req.getName(),
        protect: req.getProtect() === true,
        parent: parent ? parent.split("::").pop() : undefined,
        inputs: {},
    });
    return pristine.call(this, req, callback);
};

interface Run {
    readonly resources: Registered[];
    readonly outputs: { stateBucketUrl: string; secretsProvider: string; apis: readonly string[] };
    ofType(type: string): Registered[];
    named(name: string): Registered;
}

const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply((v) => { resolve(v); return v; }));

async function runUnderMocks(args: BootstrapArgs): Promise<Run> {
    const resources: Registered[] = [];
    await pulumi.runtime.setMocks({
        newResource: (a) => {
            const record = resources.find((r) => r.name === a.name && r.type === a.type);
            if (record) record.inputs = a.inputs;
            return { id: `${a.name}-id`, state: a.inputs };
        },
        call: (a) => { throw new Error(`the bootstrap must not call data sources (called ${a.token})`); },
    }, "mindmirror-bootstrap", "mindmirror-staging", false);
    recording = resources;
    try {
        const out = runBootstrap(args);
        const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
        await settings.waitForRPCs();
        const outputs = { stateBucketUrl: await value(out.stateBucketUrl), secretsProvider: await value(out.secretsProvider), apis: out.apis };
        return { resources, outputs, ...lookups(resources) };
    } finally {
        recording = undefined;
    }
}

const DEPLOYER = "deployer@mindmirror-staging.iam.gserviceaccount.com";
const PREVIEWER = "previewer@mindmirror-staging.iam.gserviceaccount.com";
const ARGS: BootstrapArgs = {
    project: "mindmirror-staging",
    env: "staging",
    bucketLocation: "us-central1",
    kmsLocation: "us-central1",
    noncurrentVersions: 7,
    deployers: [DEPLOYER],
    previewers: [PREVIEWER],
};

describe("bootstrap program", () => {
    let run: Run;
    before(async () => { run = await runUnderMocks(ARGS); });

    it("creates one hardened, versioned, protected state bucket", () => {
        const [bucket, ...rest] = run.ofType("gcp:storage/bucket:Bucket");
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(bucket.name, "state-bucket");
        assert.strictEqual(bucket.protect, true);
        assert.strictEqual(bucket.parent, "state");
        const i = bucket.inputs;
        assert.strictEqual(i["name"], "mindmirror-staging-pulumi-state");
        assert.strictEqual(i["location"], "us-central1");
        assert.deepStrictEqual(i["versioning"], { enabled: true });
        assert.strictEqual(i["uniformBucketLevelAccess"], true);
        assert.strictEqual(i["publicAccessPrevention"], "enforced");
        assert.strictEqual(i["forceDestroy"], false);
        assert.deepStrictEqual(i["labels"], { app: "mindmirror", env: "staging", "managed-by": "pulumi-bootstrap" });
        assert.deepStrictEqual(i["lifecycleRules"], [{ action: { type: "Delete" }, condition: { numNewerVersions: 7, withState: "ARCHIVED" } }]);
    });

    it("creates a protected key ring and a protected key rotated every 90 days", () => {
        const ring = run.named("secrets-ring");
        const key = run.named("secrets-key");
        assert.strictEqual(ring.type, "gcp:kms/keyRing:KeyRing");
        assert.strictEqual(key.type, "gcp:kms/cryptoKey:CryptoKey");
        assert.strictEqual(ring.protect, true);
        assert.strictEqual(key.protect, true);
        assert.strictEqual(KEY_ROTATION_PERIOD, "7776000s");
        assert.strictEqual(key.inputs["rotationPeriod"], "7776000s");
        assert.strictEqual(key.inputs["purpose"], "ENCRYPT_DECRYPT");
        assert.strictEqual(ring.inputs["location"], "us-central1");
    });

    it("exports the backend URL and the gcpkms secrets provider", () => {
        assert.strictEqual(run.outputs.stateBucketUrl, "gs://mindmirror-staging-pulumi-state");
        assert.strictEqual(run.outputs.secretsProvider, "gcpkms://projects/mindmirror-staging/locations/us-central1/keyRings/pulumi/cryptoKeys/stack-secrets");
    });

    it("enables the platform's APIs plus Cloud KMS and Cloud Storage, never disabling them on destroy", () => {
        const services = run.ofType("gcp:projects/service:Service");
        const expected = [...new Set([...PLATFORM_APIS, ...BOOTSTRAP_APIS])].sort();
        assert.deepStrictEqual(services.map((s) => s.inputs["service"]).sort(), expected);
        assert.ok(expected.includes("cloudkms.googleapis.com") && expected.includes("storage.googleapis.com"));
        for (const s of services) {
            assert.strictEqual(s.inputs["disableOnDestroy"], false, s.name);
            assert.strictEqual(s.parent, "apis", s.name);
        }
    });

    it("gives the deployer read-write state and encrypt/decrypt, the previewer read and decrypt only", () => {
        const bucketRoles = run.ofType("gcp:storage/bucketIAMMember:BucketIAMMember").map((m) => `${m.inputs["member"]} ${m.inputs["role"]}`).sort();
        assert.deepStrictEqual(bucketRoles, [`serviceAccount:${DEPLOYER} roles/storage.objectAdmin`, `serviceAccount:${PREVIEWER} roles/storage.objectViewer`]);
        const keyRoles = run.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map((m) => `${m.inputs["member"]} ${m.inputs["role"]}`).sort();
        assert.deepStrictEqual(keyRoles, [`serviceAccount:${DEPLOYER} roles/cloudkms.cryptoKeyEncrypterDecrypter`, `serviceAccount:${PREVIEWER} roles/cloudkms.cryptoKeyDecrypter`]);
        assert.strictEqual(run.ofType("gcp:projects/iAMMember:IAMMember").length, 0, "no project-level grants");
    });

    it("groups resources into one component per concept", () => {
        const components = run.resources.filter((r) => r.type.startsWith("mindmirror:bootstrap:")).map((r) => `${r.type} ${r.name}`).sort();
        assert.deepStrictEqual(components, [
            "mindmirror:bootstrap:ProjectServices apis",
            "mindmirror:bootstrap:SecretsKey secrets",
            "mindmirror:bootstrap:StateBucket state",
        ]);
        for (const r of run.resources.filter((x) => x.type.startsWith("gcp:"))) assert.ok(r.parent, `${r.name} has a parent`);
    });

    it("grants nothing when no CI accounts are configured (the very first run)", async () => {
        const bare = await runUnderMocks({ ...ARGS, deployers: undefined, previewers: undefined, noncurrentVersions: undefined });
        assert.strictEqual(bare.ofType("gcp:storage/bucketIAMMember:BucketIAMMember").length, 0);
        assert.strictEqual(bare.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").length, 0);
        const rules = bare.named("state-bucket").inputs["lifecycleRules"] as { condition: { numNewerVersions: number } }[];
        assert.strictEqual(rules[0].condition.numNewerVersions, 10);
    });

    it("reports every bad argument at once before declaring anything", () => {
        const issues = validateBootstrapArgs({ ...ARGS, project: "X", env: "Prod", noncurrentVersions: 0, deployers: ["someone@example.com"] });
        assert.strictEqual(issues.length, 4, issues.join("\n"));
        assert.throws(() => runBootstrap({ ...ARGS, previewers: ["nope"] }), /previewers: "nope" is not a service account email/);
    });
});
