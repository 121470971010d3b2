// What the deployer may do in its stack's project, derived from the resource types the platform
// declares: each type names the narrowest grant that lets `pulumi up` create, update and delete it.
// tests/bootstrap.test.ts runs both stacks under mocks and fails when PLATFORM_RESOURCE_TYPES is
// not exactly the set of types they declare, or when the deployer holds a grant no type needs.
//
// Never here: roles/owner, roles/editor, roles/resourcemanager.projectIamAdmin (unconditioned),
// roles/iam.serviceAccountAdmin, roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator
// on the project, roles/iam.workloadIdentityPoolAdmin, roles/secretmanager.admin.

/** A custom role the bootstrap defines in the stack's project (predefined ones are too wide). */
export interface CustomRole {
    readonly roleId: string;
    readonly title: string;
    readonly description: string;
    readonly permissions: readonly string[];
}

/** One grant the deployer holds. `scope: "billing-account"` is on the stack's billing account. */
export interface DeployerGrant {
    /** roles/... for predefined roles, or the id of a CUSTOM_ROLES entry. */
    readonly role: string;
    readonly custom?: boolean;
    readonly scope: "project" | "billing-account";
    /** An IAM condition that narrows the grant, where GCP evaluates one for it. */
    readonly condition?: { readonly title: string; readonly expression: string };
    readonly why: string;
}

/**
 * Service accounts in the stack's project: the runtime and push accounts. setIamPolicy is needed
 * because the platform grants the deployer actAs on each account it deploys, and `run.invoker` /
 * topic grants name those accounts. No CI account lives in this project (they are in CI_PROJECT),
 * and the bootstrap strips the default compute account's Editor role, so this role cannot reach
 * anything more privileged than a runtime account. No `iam.serviceAccounts.actAs` and no keys.
 */
export const RUNTIME_ACCOUNTS_ROLE: CustomRole = {
    roleId: "mindmirrorRuntimeAccounts",
    title: "MindMirror runtime accounts (deployer)",
    description: "Create, update, delete the platform's runtime service accounts and set their IAM policy. No actAs, no keys, no token creation.",
    permissions: [
        "iam.serviceAccounts.create", "iam.serviceAccounts.delete", "iam.serviceAccounts.disable",
        "iam.serviceAccounts.enable", "iam.serviceAccounts.get", "iam.serviceAccounts.getIamPolicy",
        "iam.serviceAccounts.list", "iam.serviceAccounts.setIamPolicy", "iam.serviceAccounts.undelete",
        "iam.serviceAccounts.update", "resourcemanager.projects.get",
    ],
};

/**
 * Secret Manager without secretmanager.admin: secrets, their versions and their IAM policy.
 * versions.access stays because the provider reads a version back after adding it; the deployer
 * holds every stack secret in state (it decrypts the stack's key) so reading them adds nothing.
 */
export const SECRETS_ROLE: CustomRole = {
    roleId: "mindmirrorSecrets",
    title: "MindMirror secrets (deployer)",
    description: "Create, update, delete the platform's secrets and versions, and grant accessors on each secret.",
    permissions: [
        "secretmanager.locations.get", "secretmanager.locations.list",
        "secretmanager.secrets.create", "secretmanager.secrets.delete", "secretmanager.secrets.get",
        "secretmanager.secrets.getIamPolicy", "secretmanager.secrets.list", "secretmanager.secrets.setIamPolicy",
        "secretmanager.secrets.update",
        "secretmanager.versions.access", "secretmanager.versions.add", "secretmanager.versions.destroy",
        "secretmanager.versions.disable", "secretmanager.versions.enable", "secretmanager.versions.get",
        "secretmanager.versions.list",
        "resourcemanager.projects.get",
    ],
};

export const CUSTOM_ROLES: readonly CustomRole[] = [RUNTIME_ACCOUNTS_ROLE, SECRETS_ROLE];

/** The project-level roles a runtime account may hold (the contract between lanes). */
export const RUNTIME_PROJECT_ROLES = ["roles/cloudtrace.agent", "roles/logging.logWriter", "roles/monitoring.metricWriter"] as const;

const g = (role: string, why: string, extra: Partial<DeployerGrant> = {}): DeployerGrant => ({ role, scope: "project", why, ...extra });

const RUN = g("roles/run.admin", "Cloud Run services and jobs, and `run.invoker` on each service (IAM on the service only)");
const NETWORK = g("roles/compute.networkAdmin", "VPC, subnet, private services range, router and NAT");
const SQL = g("roles/cloudsql.admin", "Cloud SQL instances, databases and users");
const PUBSUB = g("roles/pubsub.admin", "topics, subscriptions, and publisher/subscriber grants on each");
const MONITORING = g("roles/monitoring.editor", "alert policies, notification channels, uptime checks, dashboards, SLOs");
const ACCOUNTS = g(RUNTIME_ACCOUNTS_ROLE.roleId, "runtime accounts and the actAs grants on them (no CI account lives in this project)", { custom: true });
const SECRETS = g(SECRETS_ROLE.roleId, "secrets, versions and accessor grants on each secret", { custom: true });

/**
 * Project IAM, only for the roles a runtime account may hold project-wide. GCP evaluates
 * `iam.googleapis.com/modifiedGrantsByRole` on a project's setIamPolicy (documented for projects,
 * folders and organizations), so the deployer can grant or revoke these three roles and nothing else.
 */
export const PROJECT_IAM_GRANT: DeployerGrant = g("roles/resourcemanager.projectIamAdmin", "project-level grants of the three write-only roles runtime accounts may hold", {
    condition: {
        title: "runtime-roles-only",
        expression: `api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([${RUNTIME_PROJECT_ROLES.map((r) => `'${r}'`).join(", ")}])`,
    },
});

/** Every resource type the platform may declare, and the grants it needs (none: not a cloud resource). */
export const GRANTS_BY_TYPE: Readonly<Record<string, readonly DeployerGrant[]>> = {
    "gcp:artifactregistry/repository:Repository": [g("roles/artifactregistry.admin", "the image repository and its cleanup policies")],
    "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": [g("roles/artifactregistry.admin", "grants on the image repository")],
    "gcp:billing/budget:Budget": [{
        role: "roles/billing.costsManager", scope: "billing-account",
        why: "the stack's budget: GCP requires Billing Account Administrator or Costs Manager on the billing account; Costs Manager cannot change the billing account's IAM",
    }],
    "gcp:cloudrunv2/job:Job": [RUN],
    "gcp:cloudrunv2/service:Service": [RUN],
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": [RUN],
    "gcp:cloudrunv2/jobIamMember:JobIamMember": [RUN],
    "gcp:compute/globalAddress:GlobalAddress": [NETWORK],
    "gcp:compute/network:Network": [NETWORK],
    "gcp:compute/router:Router": [NETWORK],
    "gcp:compute/routerNat:RouterNat": [NETWORK],
    "gcp:compute/subnetwork:Subnetwork": [NETWORK],
    "gcp:iap/webCloudRunServiceIamMember:WebCloudRunServiceIamMember": [g("roles/iap.admin", "who may pass Identity-Aware Proxy to staging's public services")],
    "gcp:logging/metric:Metric": [g("roles/logging.configWriter", "log-based metrics")],
    "gcp:monitoring/alertPolicy:AlertPolicy": [MONITORING],
    "gcp:monitoring/customService:CustomService": [MONITORING],
    "gcp:monitoring/dashboard:Dashboard": [MONITORING],
    "gcp:monitoring/genericService:GenericService": [MONITORING],
    "gcp:monitoring/notificationChannel:NotificationChannel": [MONITORING],
    "gcp:monitoring/slo:Slo": [MONITORING],
    "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": [MONITORING],
    "gcp:projects/iAMMember:IAMMember": [PROJECT_IAM_GRANT],
    "gcp:projects/service:Service": [g("roles/serviceusage.serviceUsageAdmin", "enabling the platform's APIs")],
    "gcp:pubsub/subscription:Subscription": [PUBSUB],
    "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember": [PUBSUB],
    "gcp:pubsub/topic:Topic": [PUBSUB],
    "gcp:pubsub/topicIAMMember:TopicIAMMember": [PUBSUB],
    "gcp:redis/instance:Instance": [g("roles/redis.admin", "the Memorystore instance")],
    "gcp:secretmanager/secret:Secret": [SECRETS],
    "gcp:secretmanager/secretIamMember:SecretIamMember": [SECRETS],
    "gcp:secretmanager/secretVersion:SecretVersion": [SECRETS],
    "gcp:serviceaccount/account:Account": [ACCOUNTS],
    "gcp:serviceaccount/iAMMember:IAMMember": [ACCOUNTS],
    "gcp:servicenetworking/connection:Connection": [g("roles/servicenetworking.networksAdmin", "the private services connection for Cloud SQL")],
    "gcp:sql/database:Database": [SQL],
    "gcp:sql/databaseInstance:DatabaseInstance": [SQL],
    "gcp:sql/user:User": [SQL],
    "gcp:storage/bucket:Bucket": [g("roles/storage.admin", "buckets the platform declares, and grants on each")],
    "gcp:storage/bucketIAMMember:BucketIAMMember": [g("roles/storage.admin", "grants on the platform's buckets")],
    "random:index/randomPassword:RandomPassword": [],
    "random:index/randomString:RandomString": [],
};

/**
 * The cloud resource types both stacks declare today (components excluded). The bootstrap grants
 * the deployer exactly what these need; tests/bootstrap.test.ts fails when the stacks declare a
 * type missing here (add it, and its grant in GRANTS_BY_TYPE if new) or this lists one they don't.
 */
export const PLATFORM_RESOURCE_TYPES: readonly string[] = [
    "gcp:artifactregistry/repository:Repository",
    "gcp:billing/budget:Budget",
    "gcp:cloudrunv2/job:Job",
    "gcp:cloudrunv2/service:Service",
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    "gcp:compute/globalAddress:GlobalAddress",
    "gcp:compute/network:Network",
    "gcp:compute/router:Router",
    "gcp:compute/routerNat:RouterNat",
    "gcp:compute/subnetwork:Subnetwork",
    "gcp:iap/webCloudRunServiceIamMember:WebCloudRunServiceIamMember",
    "gcp:logging/metric:Metric",
    "gcp:monitoring/alertPolicy:AlertPolicy",
    "gcp:monitoring/customService:CustomService",
    "gcp:monitoring/dashboard:Dashboard",
    "gcp:monitoring/notificationChannel:NotificationChannel",
    "gcp:monitoring/slo:Slo",
    "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig",
    "gcp:projects/iAMMember:IAMMember",
    "gcp:projects/service:Service",
    "gcp:pubsub/subscription:Subscription",
    "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
    "gcp:pubsub/topic:Topic",
    "gcp:pubsub/topicIAMMember:TopicIAMMember",
    "gcp:secretmanager/secret:Secret",
    "gcp:secretmanager/secretIamMember:SecretIamMember",
    "gcp:secretmanager/secretVersion:SecretVersion",
    "gcp:serviceaccount/account:Account",
    "gcp:serviceaccount/iAMMember:IAMMember",
    "gcp:servicenetworking/connection:Connection",
    "gcp:sql/database:Database",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "gcp:sql/user:User",
    "gcp:storage/bucket:Bucket",
    "gcp:storage/bucketIAMMember:BucketIAMMember",
    "random:index/randomPassword:RandomPassword",
];

/** The grants a set of resource types needs, deduplicated by role and scope; throws on an unknown type. */
export function deployerGrants(types: Iterable<string>): DeployerGrant[] {
    const byKey = new Map<string, DeployerGrant>();
    const unknown: string[] = [];
    for (const type of types) {
        const grants = GRANTS_BY_TYPE[type];
        if (!grants) { unknown.push(type); continue; }
        for (const grant of grants) byKey.set(`${grant.scope} ${grant.role}`, grant);
    }
    if (unknown.length > 0) {
        throw new Error(`No deployer grant is known for ${unknown.sort().join(", ")}: add each to GRANTS_BY_TYPE in bootstrap/deployer-roles.ts with the narrowest role that manages it.`);
    }
    return [...byKey.values()].sort((a, b) => `${a.scope} ${a.role}`.localeCompare(`${b.scope} ${b.role}`));
}

/** Roles that let a holder raise its own rights or act as others when held on the project unconditioned. */
export const SELF_ESCALATING_ROLES: readonly string[] = [
    "roles/owner", "roles/editor",
    "roles/resourcemanager.projectIamAdmin", "roles/iam.securityAdmin",
    "roles/iam.serviceAccountAdmin", "roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator",
    "roles/iam.serviceAccountKeyAdmin", "roles/iam.workloadIdentityUser",
    "roles/iam.workloadIdentityPoolAdmin", "roles/iam.roleAdmin", "roles/iam.organizationRoleAdmin",
    "roles/secretmanager.admin", "roles/billing.admin",
];
