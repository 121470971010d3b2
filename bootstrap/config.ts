// The bootstrap stacks' config (Pulumi.mindmirror-<stack>.yaml), declared with the platform's schema
// (stack/schema.ts): every key under `bootstrap:` is checked against its type, an unknown key is an
// error naming the closest known one, and every problem is reported at once. The GitHub settings
// live here (not in the platform's stacks): the CI trust they feed is the bootstrap's.

import * as pulumi from "@pulumi/pulumi";
import { STACKS, StackName } from "../policy-pack/conventions";
import { IssueList, formatIssues } from "../stack/issues";
import { Fields, INVALID, InferFields, fromConfigString, int, list, object, oneOf, optional, readFields, string } from "../stack/schema";
import { CiBootstrapArgs } from "./ci-program";
import { BootstrapArgs } from "./program";

const NAMESPACE = "bootstrap";
const GITHUB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const GCP_PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const GITHUB_ID = int(1, Number.MAX_SAFE_INTEGER, { message: "GitHub's numeric id (gh api repos/<owner>/<repo> --jq '.id, .owner.id'; gh api users/<login> --jq .id)" });

const stackTarget = object({
    project: string("a GCP project id", GCP_PROJECT),
    region: string("a GCP region such as us-central1", /^[a-z]+-[a-z]+\d+$/),
});

/** `bootstrap:kind: ci`: the CI project (pool, provider, CI accounts, GitHub settings). */
export const CI_FIELDS = {
    kind: oneOf(["ci"] as const),
    github: object({
        owner: string("a GitHub owner (user or organization login)", GITHUB_NAME),
        repository: string("a repository name, without the owner", GITHUB_NAME),
        repositoryId: GITHUB_ID,
        ownerId: GITHUB_ID,
        reviewers: object({
            users: list(GITHUB_ID, { default: [] }),
            teams: list(GITHUB_ID, { default: [] }),
        }),
    }),
    stacks: object(Object.fromEntries(STACKS.map((s) => [s, stackTarget])) as Record<StackName, typeof stackTarget>),
} satisfies Fields;

/** A platform stack's project (state bucket, secrets key, budget rights). */
export const STACK_FIELDS = {
    kind: optional(oneOf(["stack"] as const)),
    env: oneOf(STACKS),
    bucketLocation: optional(string("a bucket location (a region or a multi-region)", /^[a-z0-9-]+$/)),
    kmsLocation: optional(string("a key ring location (a region, or global)", /^[a-z0-9-]+$/)),
    noncurrentVersions: optional(int(1, 1000)),
    noncurrentDays: optional(int(1, 3650)),
    billingAccount: string("a billing account id like 012345-6789AB-CDEF01", /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/),
    ciProject: optional(string("a GCP project id", GCP_PROJECT)),
} satisfies Fields;

export type BootstrapConfig =
    | { readonly kind: "ci"; readonly args: CiBootstrapArgs }
    | { readonly kind: "stack"; readonly args: BootstrapArgs };

/**
 * Reads the whole config (full keys such as `gcp:project` or `bootstrap:github`, values as the engine
 * hands them) into the bootstrap's arguments, or the list of everything wrong.
 */
export function parseBootstrapConfig(config: Readonly<Record<string, string>>): { config?: BootstrapConfig; issues: IssueList } {
    const issues = new IssueList();
    const at = (key: string) => `config ${NAMESPACE}:${key}`;
    const project = config["gcp:project"];
    const region = config["gcp:region"];
    if (!project) issues.add("config gcp:project", "is missing; set it to the GCP project this bootstrap stack creates resources in.");
    const isCi = config[`${NAMESPACE}:kind`] === "ci";
    const fields: Fields = isCi ? CI_FIELDS : STACK_FIELDS;
    const raw: Record<string, unknown> = {};
    for (const [fullKey, value] of Object.entries(config)) {
        if (!fullKey.startsWith(`${NAMESPACE}:`)) continue;
        const key = fullKey.slice(NAMESPACE.length + 1);
        const field = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
        Object.defineProperty(raw, key, { value: field ? fromConfigString(field, value, at(key), issues) : value, enumerable: true, writable: true });
    }
    const unknownText = `is not a setting of the ${isCi ? "CI" : "stack"} bootstrap`;
    if (isCi) {
        const read = readFields(CI_FIELDS, raw, at, issues, unknownText);
        if (read === INVALID || !project || !issues.ok) return { issues };
        return { issues, config: { kind: "ci", args: { project, github: read.github, stacks: read.stacks } } };
    }
    const read = readFields(STACK_FIELDS, raw, at, issues, unknownText);
    const location = (v: string | undefined, key: string) => {
        if (v ?? region) return (v ?? region) as string;
        issues.add(at(key), "is missing, and so is gcp:region to default it to; set one of them.");
        return "";
    };
    if (read === INVALID || !project) return { issues };
    const args: BootstrapArgs = {
        project,
        env: read.env,
        bucketLocation: location(read.bucketLocation, "bucketLocation"),
        kmsLocation: location(read.kmsLocation, "kmsLocation"),
        noncurrentVersions: read.noncurrentVersions,
        noncurrentDays: read.noncurrentDays,
        billingAccount: read.billingAccount,
        ciProject: read.ciProject,
    };
    return issues.ok ? { issues, config: { kind: "stack", args } } : { issues };
}

/** The bootstrap's config from the engine, or a RunError listing every problem. */
export function readBootstrapConfig(): BootstrapConfig {
    const parsed = parseBootstrapConfig(pulumi.runtime.allConfig());
    if (!parsed.config) {
        throw new pulumi.RunError(formatIssues(`Bootstrap stack ${pulumi.getStack()}: the config in Pulumi.${pulumi.getStack()}.yaml is not valid`, parsed.issues.items));
    }
    return parsed.config;
}

export type CiFields = InferFields<typeof CI_FIELDS>;
