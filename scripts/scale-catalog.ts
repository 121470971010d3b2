// A synthetic catalog of N services shaped like MindMirror's (groups of ten: one public gateway
// calling nine internal backends, each backend owning a database on its group's instance and
// reading a shared secret), for scale benchmarks and scale tests.

import { catalog } from "../catalog/catalog";
import { AnyCatalog, AnyServiceSpec, DatabaseSpec, SecretSpec } from "../catalog/types";

export function scaledCatalog(size: number): AnyCatalog {
    const services: Record<string, AnyServiceSpec> = {};
    const databases: Record<string, DatabaseSpec> = {};
    const base = catalog.services.journal as AnyServiceSpec;
    const gatewayBase = catalog.services.gateway as AnyServiceSpec;
    const key = (i: number) => `s-${String(i).padStart(5, "0")}`;
    for (let group = 0; group * 10 < size; group++) {
        const members = Array.from({ length: Math.min(10, size - group * 10) }, (_, j) => group * 10 + j);
        const [gateway, ...backends] = members;
        for (const i of backends) {
            databases[key(i)] = { instance: `g-${String(group).padStart(4, "0")}` };
            services[key(i)] = { ...base, database: key(i), secrets: { "jwt-secret": { as: "file" } }, migrations: { command: ["migrate"] } };
        }
        services[key(gateway)] = { ...gatewayBase, calls: backends.map(key) };
    }
    const secrets: Record<string, SecretSpec> = { "jwt-secret": catalog.secrets["jwt-secret"] };
    return { services, databases, secrets, alerts: catalog.alerts, observability: catalog.observability };
}

/**
 * Stack config that fits a scaled catalog: an image tag per service, a subnet big enough, and (as
 * production keeps its gateway warm) every group's gateway warm.
 */
export function scaledConfig(source: AnyCatalog, stack: "staging" | "production" = "staging"): Record<string, string> {
    const tags = Object.fromEntries(Object.keys(source.services).map((k) => [k, "bench"]));
    const gateways = Object.keys(source.services).filter((k) => source.services[k].ingress === "public");
    return {
        "mindmirror:imageTags": JSON.stringify(tags),
        "mindmirror:network": JSON.stringify({ subnetCidr: "10.0.0.0/12" }),
        ...(stack === "production" ? { "mindmirror:warmInstances": JSON.stringify({ services: gateways }) } : {}),
    };
}
