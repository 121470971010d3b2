// What costs nothing of its own, and why. Everything else of a cloud provider that the model has no
// price for is "unpriced": listed by `npm run cost` and reported by the budget policy, never $0.

import { PlainObject, get } from "../lib/props";
import { iamKind } from "../lib/iam";

/** Providers whose resources a cloud bills. Any of their types needs a price or a reason here. */
export const CLOUD_PROVIDERS: readonly string[] = [
    "gcp", "google-native", "aws", "aws-native", "azure", "azure-native", "digitalocean", "oci", "alicloud", "linode", "hcloud", "scaleway",
];

/** The provider package of a type token: gcp for gcp:compute/network:Network, pulumi for pulumi:providers:gcp. */
export const providerOf = (type: string): string => type.split(":")[0];

interface FreeRule {
    readonly reason: string;
    /** When set, the type is free only if this holds; otherwise it is unpriced, with `otherwise`. */
    readonly when?: (props: PlainObject) => boolean;
    readonly otherwise?: string;
}

const LB_PARTS = "no charge of its own: a load balancer is billed on its forwarding rules, its data processed and CDN usage";
const IDENTITY = "identities and Workload Identity Federation have no charge";
const MONITORING_FREE = "no charge: dashboards, groups, services and SLOs are free; alerting on them is priced as alert policy conditions";

/** Known-free gcp types, each with the reason it has no baseline of its own. */
export const FREE_TYPES: Readonly<Record<string, FreeRule>> = {
    "gcp:serviceaccount/account:Account": { reason: IDENTITY },
    "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": { reason: IDENTITY },
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": { reason: IDENTITY },
    "gcp:projects/iAMCustomRole:IAMCustomRole": { reason: "custom roles have no charge" },
    "gcp:storage/bucketObject:BucketObject": { reason: "an object's bytes are billed on its bucket's storage line (assumed storage per bucket)" },
    "gcp:compute/network:Network": { reason: "a VPC network has no charge; gateways and traffic are billed on their own resources" },
    "gcp:compute/subnetwork:Subnetwork": {
        reason: "a subnet without flow logs has no charge",
        when: (props) => get(props, "logConfig") === undefined,
        otherwise: "VPC flow logs (vended network logs) are not priced",
    },
    "gcp:compute/firewall:Firewall": {
        reason: "firewall rules without logging have no charge",
        when: (props) => get(props, "logConfig", "enable") !== true,
        otherwise: "firewall rules logging (vended network logs) is not priced",
    },
    "gcp:compute/route:Route": { reason: "static routes have no charge" },
    "gcp:compute/router:Router": { reason: "a Cloud Router has no charge of its own (Cloud NAT is billed on its RouterNat)" },
    "gcp:servicenetworking/connection:Connection": { reason: "private services access (VPC peering) has no charge of its own" },
    "gcp:sql/database:Database": { reason: "databases and users live inside a Cloud SQL instance, billed on the instance's line" },
    "gcp:sql/user:User": { reason: "databases and users live inside a Cloud SQL instance, billed on the instance's line" },
    "gcp:secretmanager/secretVersion:SecretVersion": { reason: "secret versions are billed on their secret's line (active versions)" },
    "gcp:monitoring/notificationChannel:NotificationChannel": { reason: "notification channels have no charge" },
    "gcp:monitoring/dashboard:Dashboard": { reason: MONITORING_FREE },
    "gcp:monitoring/group:Group": { reason: MONITORING_FREE },
    "gcp:monitoring/slo:Slo": { reason: MONITORING_FREE },
    "gcp:monitoring/genericService:GenericService": { reason: MONITORING_FREE },
    "gcp:monitoring/customService:CustomService": { reason: MONITORING_FREE },
    "gcp:billing/budget:Budget": { reason: "budgets have no charge" },
    "gcp:logging/projectSink:ProjectSink": { reason: "the Log Router has no charge (a sink's destination bills what it stores)" },
    "gcp:logging/projectExclusion:ProjectExclusion": { reason: "log exclusions have no charge (they lower ingestion)" },
    "gcp:compute/managedSslCertificate:ManagedSslCertificate": { reason: "Google-managed certificates have no charge" },
    "gcp:compute/uRLMap:URLMap": { reason: LB_PARTS },
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": { reason: LB_PARTS },
    "gcp:compute/targetHttpProxy:TargetHttpProxy": { reason: LB_PARTS },
    "gcp:compute/backendService:BackendService": { reason: LB_PARTS },
    "gcp:compute/backendBucket:BackendBucket": { reason: LB_PARTS },
    "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup": { reason: LB_PARTS },
    "gcp:compute/instanceTemplate:InstanceTemplate": { reason: "an instance template has no charge; the VMs made from it do" },
    "gcp:iap/brand:Brand": { reason: "Identity-Aware Proxy for HTTPS resources has no charge" },
    "gcp:iap/client:Client": { reason: "Identity-Aware Proxy for HTTPS resources has no charge" },
    "gcp:iap/settings:Settings": { reason: "Identity-Aware Proxy for HTTPS resources has no charge" },
    "gcp:kms/keyRing:KeyRing": { reason: "key rings have no charge; keys are billed per version" },
    "gcp:spanner/database:Database": { reason: "a Spanner database is billed on its instance's line (compute and assumed storage)" },
    "gcp:projects/defaultServiceAccounts:DefaultServiceAccounts": { reason: IDENTITY },
    "gcp:artifactregistry/vpcscConfig:VpcscConfig": { reason: "registry settings have no charge" },
};

export type Classification =
    | { readonly kind: "free"; readonly reason: string }
    | { readonly kind: "unpriced"; readonly reason: string }
    | { readonly kind: "billable" };

/** Whether a type is free by rule, and why; `billable` means it needs a price. */
export function classify(type: string, props: PlainObject): Classification {
    const provider = providerOf(type);
    if (!CLOUD_PROVIDERS.includes(provider)) {
        if (provider === "pulumi") return { kind: "free", reason: "Pulumi providers and stack references are not cloud resources" };
        // Component tokens are package:module:Type without a provider module path (gcp:compute/network:Network has one).
        if (!(type.split(":")[1] ?? "").includes("/")) return { kind: "free", reason: "component resources group other resources and cost nothing themselves" };
        return { kind: "free", reason: `not a cloud resource: ${provider} resources are not billed by a cloud provider` };
    }
    if (iamKind(type) !== undefined) return { kind: "free", reason: "IAM grants have no charge" };
    const rule = FREE_TYPES[type];
    if (!rule) return { kind: "billable" };
    if (rule.when && !rule.when(props)) return { kind: "unpriced", reason: rule.otherwise ?? "not priced" };
    return { kind: "free", reason: rule.reason };
}
