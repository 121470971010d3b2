// The red-team cases: each is one change to a compliant fixture, with what the pack must do about
// it. "caught" cases are bypass attempts the pack must report; "clean" cases are precision checks
// (harmless values that look risky) it must leave alone. A case the pack is known to miss says so
// and why (knownMiss), so the suite counts it honestly instead of hiding it.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { internalIngressPolicy } from "../../policies/ingress";
import { plaintextSecretsPolicy } from "../../policies/plaintextSecrets";
import { noPrivilegeEscalationPolicy, noPrimitiveRolesPolicy, noProjectSecretAccessorPolicy, noPublicMembersPolicy, wifAttributeConditionPolicy } from "../../policies/iam";
import { GCP } from "../../lib/types";
import { Fixture, withProp } from "../helpers/harness";
import { PROJECT, budget, functionV1, functionV2, projectIamMember, runJob, runService, runV1Service, runWorkerPool, serviceIamMember, wifProvider } from "../helpers/fixtures";

export type CaseClass = "ingress" | "secrets" | "iam" | "budget";

interface Base {
    readonly class: CaseClass;
    readonly title: string;
    /** "caught": the pack must report it; "clean": it must not. */
    readonly expect: "caught" | "clean";
    /** Set when the pack is known to get this case wrong: why. The suite then expects the miss. */
    readonly knownMiss?: string;
    readonly config?: object;
}

export interface ResourceCase extends Base {
    readonly policy: ResourceValidationPolicy;
    readonly fixture: Fixture;
}

export interface StackCase extends Base {
    readonly stack: Fixture[];
}

export type Case = ResourceCase | StackCase;

const ingressConfig = { publicServices: ["gateway", "web"], allowInternalLoadBalancer: false, allowIap: false };

function ingress(title: string, fixture: Fixture, expect: "caught" | "clean" = "caught", config: object = {}): ResourceCase {
    return { class: "ingress", title, policy: internalIngressPolicy, fixture, expect, config: { ...ingressConfig, ...config } };
}

/** The compliant service with one more plain variable on its first container. */
function env(name: string, value: string): Fixture {
    return withProp(runService(), "template.containers.0.envs.6", { name, value });
}

function args(words: string[]): Fixture {
    return withProp(runJob(), "template.template.containers.0.args", words);
}

function commands(words: string[]): Fixture {
    return withProp(runJob(), "template.template.containers.0.commands", words);
}

function secrets(title: string, fixture: Fixture, expect: "caught" | "clean" = "caught", knownMiss?: string): ResourceCase {
    return { class: "secrets", title, policy: plaintextSecretsPolicy, fixture, expect, knownMiss };
}

function iam(title: string, policy: ResourceValidationPolicy, fixture: Fixture, expect: "caught" | "clean" = "caught"): ResourceCase {
    return { class: "iam", title, policy, fixture, expect };
}

// Built at run time so no secret-shaped literal sits in the repository for scanners to trip on.
const generated16 = ["Xk9", "pQ2", "vL7", "mZ4", "wR1", "t"].join("");
const hexToken = ["4f3c2b1a", "9e8d7c6b", "5a4f3e2d", "1c0b9a8f"].join("");
const lowerToken = ["k3jd8s7f", "6g5h4j3k", "2l1m0n9p"].join("");
const lowerLetters = ["qwrtzpsd", "fghjklxc", "vbnmqwrt"].join("");
const pem = "-----BEGIN " + "PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END " + "PRIVATE KEY-----";

const ingressCases: ResourceCase[] = [
    ingress("public logical name on a differently named service", withProp(withProp(runService("gateway"), "name", "admin-console"), "ingress", "INGRESS_TRAFFIC_ALL")),
    ingress("invokerIamDisabled under a public logical name, other physical name", withProp(withProp(runService("gateway"), "name", "admin-console"), "invokerIamDisabled", true)),
    ingress("public physical name under a private logical name", withProp(withProp(runService("internal-x"), "name", "gateway"), "ingress", "INGRESS_TRAFFIC_ALL"), "clean"),
    ingress("listed service by resource path", withProp(withProp(runService("gateway"), "name", `projects/${PROJECT}/locations/us-central1/services/gateway`), "ingress", "INGRESS_TRAFFIC_ALL"), "clean"),
    ingress("auto-named listed service", withProp(withProp(runService("gateway"), "name", "gateway-5f1c2e9"), "ingress", "INGRESS_TRAFFIC_ALL"), "clean"),
    ingress("look-alike auto-name suffix on an unlisted service", withProp(withProp(runService("journal"), "name", "journal-admin"), "ingress", "INGRESS_TRAFFIC_ALL")),
    ingress("location-pinned entry, other location", withProp(withProp(runService("gateway"), "location", "europe-west1"), "ingress", "INGRESS_TRAFFIC_ALL"), "caught", { publicServices: ["us-central1/gateway"] }),
    ingress("project-pinned entry, other project", withProp(withProp(runService("gateway"), "project", "other-project"), "ingress", "INGRESS_TRAFFIC_ALL"), "caught", { publicServices: [`${PROJECT}/us-central1/gateway`] }),
    ingress("ingress unset (means ALL)", withProp(runService(), "ingress", undefined)),
    ingress("internal load balancer ingress not allowed by config", withProp(runService(), "ingress", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")),
    ingress("internal load balancer ingress allowed by config", withProp(runService(), "ingress", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"), "clean", { allowInternalLoadBalancer: true }),
    ingress("IAP-fronted service without allowIap", withProp(withProp(runService(), "ingress", "INGRESS_TRAFFIC_ALL"), "iapEnabled", true)),
    ingress("IAP-fronted service with allowIap", withProp(withProp(runService(), "ingress", "INGRESS_TRAFFIC_ALL"), "iapEnabled", true), "clean", { allowIap: true }),
    ingress("allowIap does not cover a service without IAP", withProp(runService(), "ingress", "INGRESS_TRAFFIC_ALL"), "caught", { allowIap: true }),
    ingress("allUsers invoker on an internal service", serviceIamMember("journal", "allUsers", "journal-public")),
    ingress("allAuthenticatedUsers invoker", serviceIamMember("journal", "allAuthenticatedUsers", "journal-any")),
    ingress("allUsers invoker on a public service", serviceIamMember("gateway", "allUsers", "gateway-public"), "clean"),
    ingress("allUsers invoker via the v1 API on an internal service", { type: GCP.runV1IamMember, name: "v1-public", props: { service: "journal", location: "us-central1", role: "roles/run.invoker", member: "allUsers" } }),
    ingress("allUsers in a service IAM policy", { type: GCP.runServiceIamPolicy, name: "p", props: { name: "journal", policyData: JSON.stringify({ bindings: [{ role: "roles/run.invoker", members: ["allUsers"] }] }) } }),
    ingress("v1 service without the ingress annotation", withProp(runV1Service(), "metadata.annotations", {})),
    ingress("1st gen HTTP function with ALLOW_ALL", withProp(withProp(functionV1(), "ingressSettings", "ALLOW_ALL"), "triggerHttp", true)),
    ingress("1st gen Pub/Sub function (no URL) with ALLOW_ALL", withProp(withProp(functionV1(), "ingressSettings", "ALLOW_ALL"), "eventTrigger", { eventType: "google.pubsub.topic.publish", resource: "t" }), "clean"),
    ingress("2nd gen function with ingress unset", withProp(functionV2(), "serviceConfig.ingressSettings", undefined)),
    ingress("allUsers invoker on a 2nd gen function", { type: GCP.functionV2IamMember, name: "fn-public", props: { cloudFunction: "summarizer", location: "us-central1", role: "roles/cloudfunctions.invoker", member: "allUsers" } }),
];

const secretCases: ResourceCase[] = [
    secrets("--password value in args", args(["--password", "hunter2x"])),
    secrets("--db-password value in args", args(["--db-password", "hunter2x"])),
    secrets("--password=value in args", args(["--password=hunter2x"])),
    secrets("-p style short flag is not read as a name", args(["-p", "hunter2x"]), "caught", "a one-letter flag says nothing about its value; the pack reads names, and -p is also --port"),
    secrets("password flag inside a shell command", commands(["sh", "-c", "psql --password hunter2x -h db"])),
    secrets("PGPASSWORD assignment inside a shell command", commands(["sh", "-c", "PGPASSWORD=hunter2x psql -h db"])),
    secrets("URL with a password in args", args(["--dsn", "postgres://app:pw12345@db/app"])),
    secrets("PGPASSWORD in env", env("PGPASSWORD", "hunter2x")),
    secrets("REDIS_PASS in env", env("REDIS_PASS", "hunter2x")),
    secrets("MYSQL_PWD in env", env("MYSQL_PWD", "hunter2x")),
    secrets("AWS_SECRET_ACCESS_KEY in env", env("AWS_SECRET_ACCESS_KEY", "abcdEFGH1234")),
    secrets("RABBITMQ_DEFAULT_PASS in env", env("RABBITMQ_DEFAULT_PASS", "guest2")),
    secrets("REDISCLI_AUTH in env", env("REDISCLI_AUTH", "hunter2x")),
    secrets("clientSecret camelCase", env("oauthClientSecret", "abc")),
    secrets("short secret under a secret name", env("SESSION_SECRET", "abc")),
    secrets("generated 16-character password under a neutral name", env("ADMIN_INITIAL", generated16)),
    secrets("hex token under a neutral name", env("UPSTREAM", hexToken)),
    secrets("lower-case token with digits", env("UPSTREAM", lowerToken)),
    secrets("lower-case letters-only token", env("UPSTREAM", lowerLetters)),
    secrets("JSON value with a password field", env("DB_CONFIG", JSON.stringify({ user: "app", password: "hunter2x" }))),
    secrets("connection string with Password=", env("SQLSERVER", "Server=db;User Id=sa;Password=hunter2x;")),
    secrets("PEM key in env", env("CERT", pem)),
    secrets("secret in a probe header", withProp(runService(), "template.containers.0.startupProbe.httpGet.httpHeaders", [{ name: "X-Api-Key", value: "k3y-value-1" }])),
    secrets("secret in a template annotation", withProp(runService(), "template.annotations", { "run.googleapis.com/debug-dsn": "postgres://app:pw12345@db/app" })),
    secrets("worker pool env secret", withProp(runWorkerPool(), "template.containers.0.envs.2", { name: "BROKER_PASSWORD", value: "x1" })),
    secrets("1st gen function build env token", withProp(functionV1(), "buildEnvironmentVariables.NPM_TOKEN", "t0k3n")),
    secrets("2nd gen function env API key", withProp(functionV2(), "serviceConfig.environmentVariables.MAPS_API_KEY", "abc123")),
    secrets("v1 service env secret", withProp(runV1Service(), "template.spec.containers.0.envs.0", { name: "DB_PASSWORD", value: "x1" })),
    secrets("TOKEN_TTL is a setting", env("TOKEN_TTL", "3600"), "clean"),
    secrets("PASSWORD_MIN_LENGTH is a setting", env("PASSWORD_MIN_LENGTH", "12"), "clean"),
    secrets("REDIS_HOST is an address", env("REDIS_HOST", "10.0.0.3"), "clean"),
    secrets("secret file path", env("JWT_SECRET_FILE", "/secrets/jwt/value"), "clean"),
    secrets("secret NAME", env("JWT_SECRET_NAME", "jwt-secret"), "clean"),
    secrets("Secret Manager path under a secret name", env("DB_PASSWORD", `projects/${PROJECT}/secrets/db-password/versions/latest`), "clean"),
    secrets("variable reference under a secret name", args(["--password", "$(DB_PASSWORD)"]), "clean"),
    secrets("--password-file flag", args(["--password-file", "/secrets/db/password"]), "clean"),
    secrets("gcloud --secret names a secret", commands(["gcloud", "secrets", "versions", "access", "latest", "--secret", "jwt-secret"]), "clean"),
    secrets("git SHA under GIT_SHA", env("GIT_SHA", hexToken), "clean"),
    secrets("UUID", env("TENANT", "550e8400-e29b-41d4-a716-446655440000"), "clean"),
    secrets("readable camelCase identifier", env("SETTING", "MindMirrorProductionGateway2024"), "clean"),
    secrets("tokenizer model name", env("TOKENIZER_MODEL", "cl100k_base"), "clean"),
    secrets("--port flag value", args(["--port", "8080"]), "clean"),
];

const ci = `serviceAccount:ci@${PROJECT}.iam.gserviceaccount.com`;
const folderMember = (role: string): Fixture => ({ type: "gcp:folder/iAMMember:IAMMember", name: "folder-grant", props: { folder: "folders/1", role, member: ci } });
const orgMember = (role: string): Fixture => ({ type: "gcp:organizations/iAMMember:IAMMember", name: "org-grant", props: { orgId: "1", role, member: ci } });

const iamCases: ResourceCase[] = [
    iam("project-level projectIamAdmin", noPrivilegeEscalationPolicy, projectIamMember("roles/resourcemanager.projectIamAdmin")),
    iam("project-level serviceAccountTokenCreator", noPrivilegeEscalationPolicy, projectIamMember("roles/iam.serviceAccountTokenCreator")),
    iam("project-level serviceAccountUser", noPrivilegeEscalationPolicy, projectIamMember("roles/iam.serviceAccountUser")),
    iam("project-level secretmanager.admin", noPrivilegeEscalationPolicy, projectIamMember("roles/secretmanager.admin")),
    iam("folder-level securityAdmin", noPrivilegeEscalationPolicy, folderMember("roles/iam.securityAdmin")),
    iam("organization-level serviceAccountKeyAdmin", noPrivilegeEscalationPolicy, orgMember("roles/iam.serviceAccountKeyAdmin")),
    iam("project IAM binding with workloadIdentityUser", noPrivilegeEscalationPolicy, { type: "gcp:projects/iAMBinding:IAMBinding", name: "b", props: { project: PROJECT, role: "roles/iam.workloadIdentityUser", members: [ci] } }),
    iam("project IAM policy with tokenCreator", noPrivilegeEscalationPolicy, { type: "gcp:projects/iAMPolicy:IAMPolicy", name: "p", props: { project: PROJECT, policyData: JSON.stringify({ bindings: [{ role: "roles/iam.serviceAccountTokenCreator", members: [ci] }] }) } }),
    iam("conditioned project-level serviceAccountUser", noPrivilegeEscalationPolicy, withProp(projectIamMember("roles/iam.serviceAccountUser"), "condition", { title: "one account", expression: "resource.name.endsWith('journal@mindmirror-prod.iam.gserviceaccount.com')" }), "clean"),
    iam("serviceAccountUser on one service account", noPrivilegeEscalationPolicy, { type: "gcp:serviceaccount/iAMMember:IAMMember", name: "act-as", props: { serviceAccountId: "journal", role: "roles/iam.serviceAccountUser", member: ci } }, "clean"),
    iam("project-level run.admin (no actAs)", noPrivilegeEscalationPolicy, projectIamMember("roles/run.admin"), "clean"),
    iam("roles/owner on the project", noPrimitiveRolesPolicy, projectIamMember("roles/owner")),
    iam("project-level secretAccessor", noProjectSecretAccessorPolicy, projectIamMember("roles/secretmanager.secretAccessor")),
    iam("allUsers on a bucket", noPublicMembersPolicy, { type: "gcp:storage/bucketIAMMember:BucketIAMMember", name: "b", props: { bucket: "b", role: "roles/storage.objectViewer", member: "allUsers" } }),
    iam("WIF condition 'true'", wifAttributeConditionPolicy, withProp(wifProvider(), "attributeCondition", "true")),
    iam("WIF condition pinning the owner only", wifAttributeConditionPolicy, withProp(wifProvider(), "attributeCondition", "assertion.repository_owner == 'mindmirror'")),
    iam("WIF condition with a repository name but no owner", wifAttributeConditionPolicy, withProp(wifProvider(), "attributeCondition", "assertion.repository == 'platform'")),
    iam("WIF condition pin OR true", wifAttributeConditionPolicy, withProp(wifProvider(), "attributeCondition", "assertion.repository == 'mindmirror/platform' || true")),
    iam("WIF attribute pin whose mapping reads another claim", wifAttributeConditionPolicy, withProp(withProp(wifProvider(), "attributeCondition", "attribute.repository == 'mindmirror/platform'"), "attributeMapping", { "google.subject": "assertion.sub", "attribute.repository": "assertion.actor" })),
    iam("WIF pinned by repository id", wifAttributeConditionPolicy, withProp(wifProvider(), "attributeCondition", "assertion.repository_id == '123456789'"), "clean"),
    iam("Pulumi Cloud WIF without org/project pin", wifAttributeConditionPolicy, withProp(withProp(wifProvider("pulumi"), "oidc.issuerUri", "https://api.pulumi.com/oidc"), "attributeCondition", "assertion.aud == 'mindmirror'")),
    iam("Pulumi Cloud WIF pinned to org and project", wifAttributeConditionPolicy, withProp(withProp(wifProvider("pulumi"), "oidc.issuerUri", "https://api.pulumi.com/oidc"), "attributeCondition", "assertion.sub.startsWith('pulumi:deploy:org:mindmirror:project:platform:')"), "clean"),
];

const PROJECT_NUMBER = "100000000002";
const budgetConfig = { monthlyCapUsd: 100, maxInstanceCeiling: 10, maxJobTaskCount: 10, allowedSqlTiers: ["db-f1-micro", "db-g1-small", "db-custom-*"], stackProjects: [PROJECT, PROJECT_NUMBER] };

/** A compliant stack for the budget policy, with one resource changed. */
function stackWith(change: Fixture | undefined, replaceName?: string): Fixture[] {
    const base = [budget("100"), runService("journal")];
    const kept = replaceName ? base.filter((fixture) => fixture.name !== replaceName) : base;
    return change ? [...kept, change] : kept;
}

function budgetCase(title: string, stack: Fixture[], expect: "caught" | "clean" = "caught"): StackCase {
    return { class: "budget", title, stack, expect, config: budgetConfig };
}

const budgetCases: StackCase[] = [
    budgetCase("budget watching another project", stackWith(withProp(budget("100"), "budgetFilter.projects", ["projects/someone-else"]), "monthly-budget")),
    budgetCase("budget without a currency", stackWith(withProp(budget("100"), "amount.specifiedAmount.currencyCode", undefined), "monthly-budget")),
    budgetCase("budget in another currency", stackWith(withProp(budget("100"), "amount.specifiedAmount.currencyCode", "EUR"), "monthly-budget")),
    budgetCase("budget above the cap", stackWith(budget("500"), "monthly-budget")),
    budgetCase("budget following last period", stackWith(withProp(withProp(budget("100"), "amount.specifiedAmount", undefined), "amount.lastPeriodAmount", true), "monthly-budget")),
    budgetCase("budget without a 100% threshold", stackWith(withProp(budget("100"), "thresholdRules", [{ thresholdPercent: 0.5 }]), "monthly-budget")),
    budgetCase("budget watching the stack's project number", stackWith(withProp(budget("100"), "budgetFilter.projects", [`projects/${PROJECT_NUMBER}`]), "monthly-budget"), "clean"),
    budgetCase("unpriced GKE node pool", stackWith({ type: "gcp:container/nodePool:NodePool", name: "pool", props: { cluster: "c", nodeCount: 3, nodeConfig: { machineType: "e2-standard-4" } } })),
    budgetCase("1st gen function with maxInstances unset", stackWith(functionV1())),
    budgetCase("1st gen function with maxInstances 0", stackWith(withProp(functionV1(), "maxInstances", 0))),
    budgetCase("1st gen function with maxInstances 3", stackWith(withProp(functionV1(), "maxInstances", 3)), "clean"),
    budgetCase("Cloud Run service scaling to 100", stackWith(withProp(runService("search"), "template.scaling.maxInstanceCount", 100))),
];

export const CASES: Case[] = [...ingressCases, ...secretCases, ...iamCases, ...budgetCases];
