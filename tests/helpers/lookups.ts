// Lookups over recorded resources, shared by every harness that records them (no side effects).

export function lookups<R extends { type: string; name: string }>(resources: R[]): { ofType(type: string): R[]; named(name: string): R } {
    return {
        ofType: (type) => resources.filter((r) => r.type === type),
        named: (name) => {
            const found = resources.find((r) => r.name === name);
            if (!found) throw new Error(`No resource named ${name}; have ${resources.map((r) => r.name).join(", ")}`);
            return found;
        },
    };
}

