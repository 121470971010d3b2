// The optional edge: a global external HTTPS load balancer in front of the public services, each
// on its own hostname (`<service>.<domain>`) through a serverless network endpoint group, with a
// Google-managed certificate, plain HTTP redirected to HTTPS, a Cloud Armor policy (per-IP rate
// limit, preconfigured WAF rules, optional denied regions) and Cloud CDN for the services listed
// (the web app's static assets). With the edge on, the public services accept traffic from the
// load balancer only (ingress "internal and Cloud Load Balancing"); see components/service.ts.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "./labels";

export interface EdgeBackend {
    /** Catalog key, for stable logical names. */
    readonly key: string;
    readonly service: gcp.cloudrunv2.Service;
    readonly host: string;
    /** Cloud CDN caches its static responses. */
    readonly cdn: boolean;
}

export interface EdgeArgs {
    readonly project: string;
    readonly region: string;
    /** Prefix of every physical name, e.g. "mindmirror-edge". */
    readonly name: string;
    readonly backends: readonly EdgeBackend[];
    /** Requests per minute per client IP before Cloud Armor answers 429. */
    readonly rateLimitPerMinute: number;
    /** ISO 3166-1 alpha-2 region codes denied with 403. @default [] */
    readonly deniedRegions?: readonly string[];
    readonly labels: Labels;
}

/** Preconfigured WAF rule sets Cloud Armor evaluates (OWASP CRS 3.3, stable). */
export const WAF_RULES = ["sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rce-v33-stable"] as const;

export class Edge extends pulumi.ComponentResource {
    public readonly address: gcp.compute.GlobalAddress;
    public readonly securityPolicy: gcp.compute.SecurityPolicy;
    public readonly certificate: gcp.compute.ManagedSslCertificate;
    /** The load balancer's IPv4 address: point each host's DNS A record at it. */
    public readonly ip: pulumi.Output<string>;

    constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Edge", name, {}, opts);
        if (args.backends.length === 0) throw new Error("Edge: no public service to put behind the load balancer.");
        const backends = [...args.backends].sort((a, b) => a.key.localeCompare(b.key));

        this.address = new gcp.compute.GlobalAddress(`${name}-ip`, {
            project: args.project,
            name: `${args.name}-ip`,
            addressType: "EXTERNAL",
            ipVersion: "IPV4",
            labels: { ...args.labels },
        }, { parent: this });
        this.ip = this.address.address;
        // A reference the forwarding rules take (and the cost model matches to the address by name).
        const addressRef = pulumi.interpolate`projects/${args.project}/global/addresses/${this.address.name}`;

        this.certificate = new gcp.compute.ManagedSslCertificate(`${name}-cert`, {
            project: args.project,
            name: `${args.name}-cert`,
            managed: { domains: backends.map((b) => b.host) },
        }, { parent: this });

        this.securityPolicy = new gcp.compute.SecurityPolicy(`${name}-armor`, {
            project: args.project,
            name: `${args.name}-armor`,
            description: "Edge: per-IP rate limit, preconfigured WAF rules, denied regions.",
            type: "CLOUD_ARMOR",
            rules: securityRules(args.rateLimitPerMinute, args.deniedRegions ?? []),
        }, { parent: this });

        const services = new Map<string, gcp.compute.BackendService>();
        for (const b of backends) {
            const neg = new gcp.compute.RegionNetworkEndpointGroup(`${name}-${b.key}-neg`, {
                project: args.project,
                region: args.region,
                name: `${args.name}-${b.key}`,
                networkEndpointType: "SERVERLESS",
                cloudRun: { service: b.service.name },
            }, { parent: this });
            services.set(b.key, new gcp.compute.BackendService(`${name}-${b.key}-backend`, {
                project: args.project,
                name: `${args.name}-${b.key}`,
                loadBalancingScheme: "EXTERNAL_MANAGED",
                protocol: "HTTPS",
                backends: [{ group: neg.id }],
                securityPolicy: this.securityPolicy.selfLink,
                enableCdn: b.cdn,
                ...(b.cdn ? {
                    cdnPolicy: {
                        // Static content types only (JS, CSS, images, fonts); API answers are never cached.
                        cacheMode: "CACHE_ALL_STATIC",
                        defaultTtl: 3600,
                        maxTtl: 86400,
                        clientTtl: 3600,
                        negativeCaching: true,
                        serveWhileStale: 86400,
                    },
                } : {}),
            }, { parent: this }));
        }

        const urlMap = new gcp.compute.URLMap(`${name}-urls`, {
            project: args.project,
            name: `${args.name}-urls`,
            defaultService: services.get(backends[0].key)!.selfLink,
            hostRules: backends.map((b) => ({ hosts: [b.host], pathMatcher: b.key })),
            pathMatchers: backends.map((b) => ({ name: b.key, defaultService: services.get(b.key)!.selfLink })),
        }, { parent: this });
        const httpsProxy = new gcp.compute.TargetHttpsProxy(`${name}-https-proxy`, {
            project: args.project,
            name: `${args.name}-https`,
            urlMap: urlMap.selfLink,
            sslCertificates: [this.certificate.selfLink],
        }, { parent: this });
        new gcp.compute.GlobalForwardingRule(`${name}-https`, {
            project: args.project,
            name: `${args.name}-https`,
            loadBalancingScheme: "EXTERNAL_MANAGED",
            ipProtocol: "TCP",
            portRange: "443",
            ipAddress: addressRef,
            target: httpsProxy.selfLink,
            labels: { ...args.labels },
        }, { parent: this });

        // Plain HTTP only redirects to HTTPS.
        const redirect = new gcp.compute.URLMap(`${name}-redirect`, {
            project: args.project,
            name: `${args.name}-redirect`,
            defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT" },
        }, { parent: this });
        const httpProxy = new gcp.compute.TargetHttpProxy(`${name}-http-proxy`, {
            project: args.project,
            name: `${args.name}-http`,
            urlMap: redirect.selfLink,
        }, { parent: this });
        new gcp.compute.GlobalForwardingRule(`${name}-http`, {
            project: args.project,
            name: `${args.name}-http`,
            loadBalancingScheme: "EXTERNAL_MANAGED",
            ipProtocol: "TCP",
            portRange: "80",
            ipAddress: addressRef,
            target: httpProxy.selfLink,
            labels: { ...args.labels },
        }, { parent: this });

        this.registerOutputs({ ip: this.ip });
    }
}

const ANY_IP = { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } };

/** Cloud Armor rules, by priority: rate limit, WAF, denied regions, then allow. */
export function securityRules(rateLimitPerMinute: number, deniedRegions: readonly string[]): gcp.types.input.compute.SecurityPolicyRule[] {
    const rules: gcp.types.input.compute.SecurityPolicyRule[] = [
        {
            priority: 1000,
            description: `More than ${rateLimitPerMinute} requests a minute from one IP: 429.`,
            action: "throttle",
            match: ANY_IP,
            rateLimitOptions: {
                conformAction: "allow",
                exceedAction: "deny(429)",
                enforceOnKey: "IP",
                rateLimitThreshold: { count: rateLimitPerMinute, intervalSec: 60 },
            },
        },
        {
            priority: 2000,
            description: "Preconfigured WAF rules (OWASP CRS 3.3): SQL injection, XSS, local file inclusion, remote code execution.",
            action: "deny(403)",
            match: { expr: { expression: WAF_RULES.map((r) => `evaluatePreconfiguredWaf('${r}')`).join(" || ") } },
        },
    ];
    if (deniedRegions.length > 0) {
        rules.push({
            priority: 3000,
            description: `Denied regions: ${deniedRegions.join(", ")}.`,
            action: "deny(403)",
            match: { expr: { expression: deniedRegions.map((r) => `origin.region_code == '${r}'`).join(" || ") } },
        });
    }
    rules.push({ priority: 2147483647, description: "Everything else.", action: "allow", match: ANY_IP });
    return rules;
}
