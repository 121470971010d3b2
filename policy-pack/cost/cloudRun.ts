// Cloud Run (services, worker pools, jobs, v1 services) and Cloud Functions (2nd gen, which run
// on Cloud Run): only instances kept running cost money at rest.

import { Plain, UNKNOWN, bool, get, items, str } from "../lib/props";
import { CLOUD_RUN, ComputeRate } from "./prices";
import { parseCpu, parseMemoryGib } from "./units";
import { Pricer, numberOr, withUnknowns } from "./common";

interface ContainerSize {
    readonly vcpu: number;
    readonly gib: number;
}

/** Sums the limits of every container (sidecars are billed too), with Cloud Run's defaults. */
function containerSize(containers: Plain[], limitsPath: readonly string[]): ContainerSize {
    if (containers.length === 0) return { vcpu: CLOUD_RUN.defaultCpu, gib: CLOUD_RUN.defaultMemoryGib };
    let vcpu = 0;
    let gib = 0;
    for (const container of containers) {
        const cpu = str(get(container, ...limitsPath, "cpu"));
        const memory = str(get(container, ...limitsPath, "memory"));
        vcpu += (typeof cpu === "string" ? parseCpu(cpu) : undefined) ?? CLOUD_RUN.defaultCpu;
        gib += (typeof memory === "string" ? parseMemoryGib(memory) : undefined) ?? CLOUD_RUN.defaultMemoryGib;
    }
    return { vcpu, gib };
}

function perSecond(size: ContainerSize, rate: ComputeRate): number {
    return size.vcpu * rate.vcpuSecond + size.gib * rate.gibSecond;
}

function describeSize(size: ContainerSize): string {
    return `${+size.vcpu.toFixed(3)} vCPU, ${+size.gib.toFixed(3)} GiB`;
}

/**
 * Cloud Run v2 bills CPU only during requests when the first container's `resources.cpuIdle` is
 * true. The provider's rule for unset: true when `resources` is absent, false once `resources` is
 * set without cpuIdle (then the revision is instance-based, as the gcp provider documents).
 */
export function isRequestBased(firstContainer: Plain | undefined): boolean {
    const resources = get(firstContainer, "resources");
    if (resources === undefined) return true;
    const cpuIdle = bool(get(resources, "cpuIdle"));
    return cpuIdle === true || cpuIdle === UNKNOWN;
}

export const priceRunService: Pricer = (props, context) => {
    const unknown: string[] = [];
    const containers = items(get(props, "template", "containers"));
    const size = containerSize(containers, ["resources", "limits"]);
    const requestBased = isRequestBased(containers[0]);
    const templateMin = numberOr(get(props, "template", "scaling", "minInstanceCount"), 0, unknown, "minInstanceCount");
    const serviceMin = numberOr(get(props, "scaling", "minInstanceCount"), 0, unknown, "service minInstanceCount");
    const manual = str(get(props, "scaling", "scalingMode")) === "MANUAL";
    const instances = manual
        ? numberOr(get(props, "scaling", "manualInstanceCount"), 0, unknown, "manualInstanceCount")
        : Math.max(templateMin, serviceMin);
    const billing = requestBased ? "request-based billing" : "instance-based billing";
    if (instances === 0) {
        return { monthlyUsd: 0, detail: withUnknowns(`scales to zero (${billing}); requests are billed per use and not estimated`, unknown) };
    }
    const rates = requestBased ? CLOUD_RUN.idleMinInstance : CLOUD_RUN.instanceBased;
    const monthly = instances * perSecond(size, rates) * context.seconds;
    const rateName = requestBased ? "idle min-instance rate" : "instance-based rate";
    return {
        monthlyUsd: monthly,
        detail: withUnknowns(`${instances} ${manual ? "manual" : "min"} instance(s) × (${describeSize(size)}) always on at the ${rateName} (${billing}); traffic not included`, unknown),
    };
};

export const priceRunWorkerPool: Pricer = (props, context) => {
    const unknown: string[] = [];
    const size = containerSize(items(get(props, "template", "containers")), ["resources", "limits"]);
    // A worker pool without a count runs one instance (best known default).
    const instances = numberOr(get(props, "scaling", "manualInstanceCount"), 1, unknown, "manualInstanceCount");
    return {
        monthlyUsd: instances * perSecond(size, CLOUD_RUN.workerPool) * context.seconds,
        detail: withUnknowns(`${instances} instance(s) × (${describeSize(size)}) always on at worker pool rates`, unknown),
    };
};

export const priceRunJob: Pricer = (props, context) => {
    const unknown: string[] = [];
    const size = containerSize(items(get(props, "template", "template", "containers")), ["resources", "limits"]);
    const tasks = numberOr(get(props, "template", "taskCount"), 1, unknown, "taskCount");
    const { jobExecutionsPerMonth: executions, jobTaskSeconds: taskSeconds } = context.options;
    return {
        monthlyUsd: executions * tasks * taskSeconds * perSecond(size, CLOUD_RUN.instanceBased),
        detail: withUnknowns(`${executions} execution(s)/month × ${tasks} task(s) × ${taskSeconds} s × (${describeSize(size)}) at the instance-based rate (assumed usage)`, unknown),
    };
};

export const priceRunV1Service: Pricer = (props, context) => {
    const unknown: string[] = [];
    const annotations = get(props, "template", "metadata", "annotations");
    const min = numberOr(get(annotations, "autoscaling.knative.dev/minScale"), 0, unknown, "minScale");
    const size = containerSize(items(get(props, "template", "spec", "containers")), ["resources", "limits"]);
    const requestBased = str(get(annotations, "run.googleapis.com/cpu-throttling")) !== "false";
    if (min === 0) return { monthlyUsd: 0, detail: withUnknowns("scales to zero; requests are billed per use and not estimated", unknown) };
    const rates = requestBased ? CLOUD_RUN.idleMinInstance : CLOUD_RUN.instanceBased;
    return {
        monthlyUsd: min * perSecond(size, rates) * context.seconds,
        detail: withUnknowns(`${min} min instance(s) × (${describeSize(size)}) always on (${requestBased ? "request" : "instance"}-based billing)`, unknown),
    };
};

export const priceFunctionV2: Pricer = (props, context) => {
    const unknown: string[] = [];
    const min = numberOr(get(props, "serviceConfig", "minInstanceCount"), 0, unknown, "minInstanceCount");
    if (min === 0) return { monthlyUsd: 0, detail: withUnknowns("scales to zero; invocations are billed per use and not estimated", unknown) };
    const cpu = str(get(props, "serviceConfig", "availableCpu"));
    const memory = str(get(props, "serviceConfig", "availableMemory"));
    // Cloud Functions (2nd gen) defaults: 256M of memory and the CPU that goes with it (1/6 vCPU).
    const size: ContainerSize = {
        vcpu: (typeof cpu === "string" ? parseCpu(cpu) : undefined) ?? 0.1667,
        gib: (typeof memory === "string" ? parseMemoryGib(memory) : undefined) ?? parseMemoryGib("256M") ?? 0.25,
    };
    return {
        monthlyUsd: min * perSecond(size, CLOUD_RUN.idleMinInstance) * context.seconds,
        detail: withUnknowns(`${min} min instance(s) × (${describeSize(size)}) at the Cloud Run idle min-instance rate`, unknown),
    };
};
