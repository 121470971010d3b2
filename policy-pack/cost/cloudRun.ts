// Cloud Run (services, worker pools, jobs, v1 services) and Cloud Functions (2nd gen runs on Cloud
// Run; 1st gen has its own prices): only instances kept running cost money at rest.

import { Plain, UNKNOWN, bool, get, items, num, str } from "../lib/props";
import { CLOUD_RUN, Price } from "./prices";
import { Charge, Pricer, Priced, charge, noCharge, numberOr, qty, unknownAtPreview, unpriced, withUnknowns } from "./common";
import { parseCpu, parseMemoryGib } from "./units";

interface ContainerSize {
    readonly vcpu: number;
    readonly gib: number;
}

/** Sums the limits of every container (sidecars are billed too), with Cloud Run's defaults. */
function containerSize(containers: Plain[]): ContainerSize {
    if (containers.length === 0) return { vcpu: CLOUD_RUN.defaultCpu, gib: CLOUD_RUN.defaultMemoryGib };
    let vcpu = 0;
    let gib = 0;
    for (const container of containers) {
        const cpu = str(get(container, "resources", "limits", "cpu"));
        const memory = str(get(container, "resources", "limits", "memory"));
        vcpu += (typeof cpu === "string" ? parseCpu(cpu) : undefined) ?? CLOUD_RUN.defaultCpu;
        gib += (typeof memory === "string" ? parseMemoryGib(memory) : undefined) ?? CLOUD_RUN.defaultMemoryGib;
    }
    return { vcpu, gib };
}

interface Rates {
    readonly cpu: Price;
    readonly memory: Price;
    readonly name: string;
}

const IDLE: Rates = { cpu: CLOUD_RUN.idleCpu, memory: CLOUD_RUN.idleMemory, name: "idle min-instance rate" };
const INSTANCE: Rates = { cpu: CLOUD_RUN.instanceCpu, memory: CLOUD_RUN.instanceMemory, name: "instance-based rate" };
const POOL: Rates = { cpu: CLOUD_RUN.poolCpu, memory: CLOUD_RUN.poolMemory, name: "worker pool rate" };

/** CPU and memory of `instances` copies of `size` for `seconds` each. */
function computeCharges(instances: number, size: ContainerSize, seconds: number, rates: Rates, region: string | undefined, what: string): Charge[] {
    return [
        charge(rates.cpu, instances * size.vcpu * seconds, `${what}: ${qty(instances * size.vcpu * seconds)} vCPU-s at the ${rates.name}`, region),
        charge(rates.memory, instances * size.gib * seconds, `${qty(instances * size.gib * seconds)} GiB-s`, region),
    ];
}

const describe = (size: ContainerSize): string => `${qty(size.vcpu)} vCPU, ${qty(size.gib)} GiB`;
const regionOf = (value: Plain | undefined): string | undefined => {
    const found = str(value);
    return typeof found === "string" ? found : undefined;
};

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
    const size = containerSize(containers);
    const requestBased = isRequestBased(containers[0]);
    const templateMin = numberOr(get(props, "template", "scaling", "minInstanceCount"), 0, unknown, "minInstanceCount");
    const serviceMin = numberOr(get(props, "scaling", "minInstanceCount"), 0, unknown, "service minInstanceCount");
    const manual = str(get(props, "scaling", "scalingMode")) === "MANUAL";
    const instances = manual
        ? numberOr(get(props, "scaling", "manualInstanceCount"), 0, unknown, "manualInstanceCount")
        : Math.max(templateMin, serviceMin);
    const billing = requestBased ? "request-based billing" : "instance-based billing";
    if (instances === 0) {
        return noCharge(withUnknowns(`scales to zero (${billing}); requests are billed per use and not estimated`, unknown));
    }
    return {
        note: withUnknowns(`${instances} ${manual ? "manual" : "min"} instance(s) of ${describe(size)} always on (${billing}); traffic not included`, unknown),
        charges: computeCharges(instances, size, context.seconds, requestBased ? IDLE : INSTANCE, regionOf(get(props, "location")), "kept warm"),
    };
};

export const priceRunWorkerPool: Pricer = (props, context) => {
    const unknown: string[] = [];
    const size = containerSize(items(get(props, "template", "containers")));
    // A worker pool without a count runs one instance.
    const instances = numberOr(get(props, "scaling", "manualInstanceCount"), 1, unknown, "manualInstanceCount");
    return {
        note: withUnknowns(`${instances} instance(s) of ${describe(size)} always on`, unknown),
        charges: computeCharges(instances, size, context.seconds, POOL, regionOf(get(props, "location")), "always on"),
    };
};

export const priceRunJob: Pricer = (props, context) => {
    const unknown: string[] = [];
    const size = containerSize(items(get(props, "template", "template", "containers")));
    const tasks = numberOr(get(props, "template", "taskCount"), 1, unknown, "taskCount");
    const { jobExecutionsPerMonth: executions, jobTaskSeconds: taskSeconds } = context.options;
    return {
        note: withUnknowns(`${executions} execution(s)/month × ${tasks} task(s) × ${taskSeconds} s of ${describe(size)} (assumed usage)`, unknown),
        charges: computeCharges(executions * tasks, size, taskSeconds, INSTANCE, regionOf(get(props, "location")), "tasks"),
    };
};

export const priceRunV1Service: Pricer = (props, context) => {
    const unknown: string[] = [];
    const annotations = get(props, "template", "metadata", "annotations");
    const min = numberOr(get(annotations, "autoscaling.knative.dev/minScale"), 0, unknown, "minScale");
    const size = containerSize(items(get(props, "template", "spec", "containers")));
    const requestBased = str(get(annotations, "run.googleapis.com/cpu-throttling")) !== "false";
    if (min === 0) return noCharge(withUnknowns("scales to zero; requests are billed per use and not estimated", unknown));
    return {
        note: withUnknowns(`${min} min instance(s) of ${describe(size)} always on (${requestBased ? "request" : "instance"}-based billing)`, unknown),
        charges: computeCharges(min, size, context.seconds, requestBased ? IDLE : INSTANCE, regionOf(get(props, "location")), "kept warm"),
    };
};

export const priceFunctionV2: Pricer = (props, context) => {
    const unknown: string[] = [];
    const min = numberOr(get(props, "serviceConfig", "minInstanceCount"), 0, unknown, "minInstanceCount");
    if (min === 0) return noCharge(withUnknowns("scales to zero; invocations are billed per use and not estimated", unknown));
    const cpu = str(get(props, "serviceConfig", "availableCpu"));
    const memory = str(get(props, "serviceConfig", "availableMemory"));
    // Cloud Functions (2nd gen) defaults: 256M of memory and the CPU that goes with it (1/6 vCPU).
    const size: ContainerSize = {
        vcpu: (typeof cpu === "string" ? parseCpu(cpu) : undefined) ?? 0.1667,
        gib: (typeof memory === "string" ? parseMemoryGib(memory) : undefined) ?? parseMemoryGib("256M") ?? 0.25,
    };
    return {
        note: withUnknowns(`${min} min instance(s) of ${describe(size)} at the Cloud Run idle min-instance rate`, unknown),
        charges: computeCharges(min, size, context.seconds, IDLE, regionOf(get(props, "location")), "kept warm"),
    };
};

/** 1st gen functions scale to zero unless min instances are set; their idle prices are not in the table. */
export const priceFunctionV1: Pricer = (props): Priced => {
    const min = num(get(props, "minInstances"));
    if (min === UNKNOWN) return unknownAtPreview("minInstances unknown at preview");
    if ((min ?? 0) > 0) return unpriced(`${min} min instance(s) of a 1st gen function: idle instance prices are not in the price table`);
    return noCharge("scales to zero; invocations are billed per use and not estimated");
};
