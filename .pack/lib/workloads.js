"use strict";
// Where each kind of workload keeps its containers, environment and identity. One table, so
// every policy reads Cloud Run v2 services, jobs and worker pools, Cloud Run v1 services and
// Cloud Functions v1/v2 the same way.
Object.defineProperty(exports, "__esModule", { value: true });
exports.SERVICE_ACCOUNT_PATHS = exports.WORKLOAD_NAMES = void 0;
exports.containerLabel = containerLabel;
exports.isWorkload = isWorkload;
exports.environmentOf = environmentOf;
const types_1 = require("./types");
const props_1 = require("./props");
/** Human names for messages. */
exports.WORKLOAD_NAMES = {
    [types_1.GCP.runService]: "Cloud Run service",
    [types_1.GCP.runJob]: "Cloud Run job",
    [types_1.GCP.runWorkerPool]: "Cloud Run worker pool",
    [types_1.GCP.runV1Service]: "Cloud Run (v1) service",
    [types_1.GCP.functionV1]: "Cloud Function (1st gen)",
    [types_1.GCP.functionV2]: "Cloud Function (2nd gen)",
};
/** Path from the props to the container list, for the kinds that have containers. */
const CONTAINER_PATHS = {
    [types_1.GCP.runService]: ["template", "containers"],
    [types_1.GCP.runJob]: ["template", "template", "containers"],
    [types_1.GCP.runWorkerPool]: ["template", "containers"],
    [types_1.GCP.runV1Service]: ["template", "spec", "containers"],
};
/** Path to the runtime identity (service account e-mail). */
exports.SERVICE_ACCOUNT_PATHS = {
    [types_1.GCP.runService]: ["template", "serviceAccount"],
    [types_1.GCP.runJob]: ["template", "template", "serviceAccount"],
    [types_1.GCP.runWorkerPool]: ["template", "serviceAccount"],
    [types_1.GCP.runV1Service]: ["template", "spec", "serviceAccountName"],
    [types_1.GCP.functionV1]: ["serviceAccountEmail"],
    [types_1.GCP.functionV2]: ["serviceConfig", "serviceAccountEmail"],
};
function containersOf(type, props) {
    const path = CONTAINER_PATHS[type];
    return path ? (0, props_1.list)((0, props_1.get)(props, ...path)) : undefined;
}
/** `container 'api'`, or `container #2` when it has no name. */
function containerLabel(container, index) {
    const name = (0, props_1.str)((0, props_1.get)(container, "name"));
    return typeof name === "string" && name !== "" ? `container '${name}'` : `container #${index + 1}`;
}
function isWorkload(type) {
    return type in exports.WORKLOAD_NAMES;
}
function environmentOf(type, props) {
    if (type in CONTAINER_PATHS) {
        return containerEnvironment(type, props);
    }
    if (type === types_1.GCP.functionV1) {
        return functionEnvironment([
            ["environmentVariables", (0, props_1.get)(props, "environmentVariables")],
            ["buildEnvironmentVariables", (0, props_1.get)(props, "buildEnvironmentVariables")],
        ]);
    }
    if (type === types_1.GCP.functionV2) {
        return functionEnvironment([
            ["serviceConfig.environmentVariables", (0, props_1.get)(props, "serviceConfig", "environmentVariables")],
            ["buildConfig.environmentVariables", (0, props_1.get)(props, "buildConfig", "environmentVariables")],
        ]);
    }
    return undefined;
}
function containerEnvironment(type, props) {
    const result = { env: [], argv: [], unknownPlaces: [] };
    const containers = containersOf(type, props);
    if (containers === props_1.UNKNOWN) {
        result.unknownPlaces.push("the container list");
        return result;
    }
    // Cloud Run v2 names the secret reference `valueSource`, v1 (Knative) names it `valueFrom`.
    const secretRefPath = type === types_1.GCP.runV1Service ? ["valueFrom", "secretKeyRef"] : ["valueSource", "secretKeyRef"];
    (containers ?? []).forEach((container, index) => {
        const where = containerLabel(container, index);
        const envs = (0, props_1.list)((0, props_1.get)(container, "envs"));
        if (envs === props_1.UNKNOWN)
            result.unknownPlaces.push(`the environment of ${where}`);
        for (const entry of (0, props_1.items)(envs)) {
            const name = (0, props_1.str)((0, props_1.get)(entry, "name"));
            const ref = (0, props_1.get)(entry, ...secretRefPath);
            result.env.push({
                where,
                name: name ?? "",
                value: (0, props_1.str)((0, props_1.get)(entry, "value")),
                fromSecretManager: ref === props_1.UNKNOWN || (0, props_1.isObject)(ref),
            });
        }
        for (const field of ["args", "commands"]) {
            const words = (0, props_1.list)((0, props_1.get)(container, field));
            if (words === props_1.UNKNOWN)
                result.unknownPlaces.push(`the ${field} of ${where}`);
            (0, props_1.items)(words).forEach((word, position) => {
                const value = (0, props_1.str)(word);
                if (value !== undefined)
                    result.argv.push({ where, field, position, value });
            });
        }
    });
    return result;
}
function functionEnvironment(maps) {
    const result = { env: [], argv: [], unknownPlaces: [] };
    for (const [where, map] of maps) {
        const vars = (0, props_1.record)(map);
        if (vars === props_1.UNKNOWN) {
            result.unknownPlaces.push(where);
            continue;
        }
        // Cloud Functions keep Secret Manager references apart, in secretEnvironmentVariables, so
        // everything in these maps is a plain value stored in the function's configuration.
        for (const [name, value] of Object.entries(vars ?? {})) {
            result.env.push({ where, name, value: (0, props_1.str)(value), fromSecretManager: false });
        }
    }
    return result;
}
