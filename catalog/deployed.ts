// The catalog keys that have been deployed. A key listed here that leaves the catalog without a
// successor saying `formerly: ["<key>"]` stops the program (stack/renames.ts), so deleting or
// renaming an entry is never a silent replace that loses its data. Add a key once it is deployed;
// remove one only to delete what it holds, on purpose.

export interface Deployed {
    readonly services: readonly string[];
    readonly databases: readonly string[];
    readonly secrets: readonly string[];
}

export const deployed: Deployed = {
    services: ["agent", "journal", "habits", "meals", "movements", "practices", "users", "gateway", "web", "celery-worker"],
    databases: ["agent", "journal", "habits", "movements", "practices", "users"],
    secrets: ["jwt-secret", "openai-api-key", "qdrant-api-key", "supabase-service-role-key"],
};
