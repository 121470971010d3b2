// What every policy does with a value it needs that is unknown at preview (an output of a
// resource being created): defer to `pulumi up` with an advisory, or report, where the unknown
// value cannot make the resource compliant. One row per policy; the pack's policy list is checked
// against the table, so a new policy cannot skip it.

import { strict as assert } from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../policies";
import { budgetCapsPolicy } from "../policies/budget";
import { Fixture, runResourcePolicy, runStackPolicy, withProp } from "./helpers/harness";
import {
    UNKNOWN_ARRAY,
    UNKNOWN_BOOLEAN,
    UNKNOWN_OBJECT,
    UNKNOWN_STRING,
    budget,
    projectIamMember,
    runService,
    runV1Service,
    serviceIamMember,
    sqlInstance,
    wifProvider,
} from "./helpers/fixtures";

type Behaviour = "defers" | "reports" | "passes";

interface Row {
    readonly policy: string;
    readonly fixture: Fixture;
    readonly behaviour: Behaviour;
    /** Why this is the safe reading. */
    readonly because: string;
}

const ROWS: Row[] = [
    { policy: "gcp-cloudrun-internal-ingress", fixture: withProp(runService(), "ingress", UNKNOWN_STRING), behaviour: "defers", because: "the ingress may well be internal" },
    { policy: "gcp-no-plaintext-secrets", fixture: withProp(runService(), "template.containers.0.envs.6", { name: "SESSION_SECRET", value: UNKNOWN_STRING }), behaviour: "reports", because: "a computed value under a secret name is still plain text, whatever it turns out to be" },
    { policy: "gcp-cloudsql-private-ip", fixture: withProp(sqlInstance(), "settings.ipConfiguration.ipv4Enabled", UNKNOWN_BOOLEAN), behaviour: "defers", because: "it may be false" },
    { policy: "gcp-cloudsql-ssl", fixture: withProp(sqlInstance(), "settings.ipConfiguration.sslMode", UNKNOWN_STRING), behaviour: "defers", because: "it may be ENCRYPTED_ONLY" },
    { policy: "gcp-cloudsql-backups", fixture: withProp(sqlInstance(), "settings.backupConfiguration.enabled", UNKNOWN_BOOLEAN), behaviour: "defers", because: "it may be true" },
    { policy: "gcp-cloudsql-deletion-protection", fixture: withProp(withProp(sqlInstance(), "deletionProtection", UNKNOWN_BOOLEAN), "settings.deletionProtectionEnabled", UNKNOWN_BOOLEAN), behaviour: "defers", because: "it may be true" },
    { policy: "gcp-cloudrun-dedicated-service-account", fixture: withProp(runService(), "template.serviceAccount", UNKNOWN_STRING), behaviour: "passes", because: "an unknown e-mail is an account the program creates; default accounts are never created by a program" },
    { policy: "gcp-cloudrun-probes", fixture: withProp(runService(), "template.containers", UNKNOWN_ARRAY), behaviour: "defers", because: "the containers may carry probes" },
    { policy: "gcp-cloudrun-v2-only", fixture: withProp(runV1Service(), "name", UNKNOWN_STRING), behaviour: "reports", because: "the type alone is the violation" },
    { policy: "gcp-iam-no-primitive-roles", fixture: projectIamMember(UNKNOWN_STRING), behaviour: "defers", because: "the role may be a predefined one" },
    { policy: "gcp-iam-no-privilege-escalation", fixture: withProp(projectIamMember("roles/iam.serviceAccountUser"), "condition", UNKNOWN_OBJECT), behaviour: "defers", because: "the grant may carry a condition" },
    { policy: "gcp-iam-no-project-secret-accessor", fixture: projectIamMember(UNKNOWN_STRING), behaviour: "defers", because: "the role may not be secretAccessor" },
    { policy: "gcp-iam-no-service-account-keys", fixture: { type: "gcp:serviceaccount/key:Key", name: "ci-key", props: { serviceAccountId: UNKNOWN_STRING } }, behaviour: "reports", because: "the key is the violation, whichever account it is for" },
    { policy: "gcp-iam-wif-attribute-condition", fixture: withProp(wifProvider(), "attributeCondition", UNKNOWN_STRING), behaviour: "defers", because: "the condition may pin the repository" },
    { policy: "gcp-iam-no-public-members", fixture: { type: "gcp:storage/bucketIAMMember:BucketIAMMember", name: "b", props: { bucket: "b", role: "roles/storage.objectViewer", member: UNKNOWN_STRING } }, behaviour: "passes", because: "an unknown member is another resource's output (an e-mail), never the literal allUsers" },
    { policy: "gcp-required-labels", fixture: withProp(runService(), "labels", UNKNOWN_OBJECT), behaviour: "defers", because: "the labels may be complete" },
];

const STACK_ROWS: Array<{ title: string; stack: Fixture[]; behaviour: Behaviour; because: string }> = [
    { title: "budget amount unknown", stack: [withProp(budget("100"), "amount.specifiedAmount.units", UNKNOWN_STRING), runService()], behaviour: "defers", because: "the amount may be under the cap" },
    { title: "budget projects unknown", stack: [withProp(budget("100"), "budgetFilter.projects", UNKNOWN_ARRAY), runService()], behaviour: "defers", because: "the filter may be the stack's own project" },
    { title: "service ceiling unknown", stack: [budget("100"), withProp(runService(), "template.scaling.maxInstanceCount", UNKNOWN_STRING)], behaviour: "defers", because: "the ceiling may be low enough" },
    { title: "nothing it reads is unknown", stack: [budget("100"), withProp(runService(), "template.serviceAccount", UNKNOWN_STRING)], behaviour: "passes", because: "the budget does not read service accounts" },
];

const config = { publicServices: ["gateway", "web"] };

function behaviourOf(outcome: { messages: string[]; advisories: string[] }): Behaviour {
    if (outcome.messages.length > 0) return "reports";
    if (outcome.advisories.length > 0) return "defers";
    return "passes";
}

describe("unknown values at preview, per policy", () => {
    it("covers every resource policy of the pack", () => {
        const resourcePolicies = allPolicies.filter((policy) => "validateResource" in policy).map((policy) => policy.name);
        assert.deepEqual([...resourcePolicies].sort(), ROWS.map((row) => row.policy).sort());
    });

    for (const row of ROWS) {
        it(`${row.policy} ${row.behaviour}: ${row.because}`, async () => {
            const policy = allPolicies.find((candidate) => candidate.name === row.policy) as ResourceValidationPolicy;
            const outcome = await runResourcePolicy(policy, row.fixture, row.policy === "gcp-cloudrun-internal-ingress" ? config : {});
            assert.equal(behaviourOf(outcome), row.behaviour, [...outcome.messages, ...outcome.advisories].join(" | "));
        });
    }

    it("an unknown invoker target with no public service listed is a violation (nothing can match)", async () => {
        const policy = allPolicies.find((candidate) => candidate.name === "gcp-cloudrun-internal-ingress") as ResourceValidationPolicy;
        const grant = withProp(serviceIamMember("journal", "allUsers", "journal-public"), "name", UNKNOWN_STRING);
        assert.equal(behaviourOf(await runResourcePolicy(policy, grant, { publicServices: [] })), "reports");
        assert.equal(behaviourOf(await runResourcePolicy(policy, grant, config)), "defers");
    });

    for (const row of STACK_ROWS) {
        it(`gcp-budget-caps ${row.behaviour} when ${row.title}: ${row.because}`, async () => {
            const outcome = await runStackPolicy(budgetCapsPolicy, row.stack, { stackProjects: ["mindmirror-prod"] });
            assert.equal(behaviourOf(outcome), row.behaviour, [...outcome.messages, ...outcome.advisories].join(" | "));
        });
    }
});
