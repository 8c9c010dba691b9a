// The generic node page asks the schema which fields a type has, so every
// kind of node (agenda item, action, citation, post, …) gets a page that
// shows all it holds, and a field the server adds appears without a change
// here. The schema is read once per visit, by GraphQL introspection.

import { gql, PROVENANCE } from "./api";

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

interface SchemaField {
  name: string;
  description: string | null;
  args: { name: string; type: TypeRef; defaultValue: string | null }[];
  type: TypeRef;
}

interface SchemaType {
  name: string;
  kind: string;
  fields: SchemaField[] | null;
  interfaces: { name: string }[] | null;
  possibleTypes: { name: string }[] | null;
}

const TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";
const SCHEMA = `{ __schema { types {
  name kind
  interfaces { name }
  possibleTypes { name }
  fields { name description args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } }
} } }`;

let schema: Promise<Map<string, SchemaType>> | null = null;

function loadSchema(): Promise<Map<string, SchemaType>> {
  schema ??= gql<{ __schema: { types: SchemaType[] } }>(SCHEMA).then(
    (d) => new Map(d.__schema.types.map((t) => [t.name, t])),
    (e) => {
      schema = null; // a failed read is tried again next time
      throw e;
    },
  );
  return schema;
}

/** How one field is read and shown. */
export type Shape =
  | { k: "scalar"; type: string; list: boolean }
  | { k: "ref"; list: boolean }
  | { k: "provenance"; list: boolean }
  | { k: "connection"; node: string }
  | { k: "object"; list: boolean; fields: FieldPlan[] };

export interface FieldPlan {
  name: string;
  description: string;
  shape: Shape;
}

/** Fields every node page shows in its own way, left out of the generic list. */
const SHOWN_APART = new Set(["id", "iri", "name", "provenance", "mentions", "mentionedIn"]);

/** How many items a connection field shows on the generic page. */
export const CONNECTION_PAGE = 20;

function unwrap(t: TypeRef): { name: string; kind: string; list: boolean } {
  let list = false;
  let cur: TypeRef | null = t;
  while (cur && (cur.kind === "NON_NULL" || cur.kind === "LIST")) {
    if (cur.kind === "LIST") list = true;
    cur = cur.ofType;
  }
  return { name: cur?.name ?? "", kind: cur?.kind ?? "", list };
}

function isNodeLike(types: Map<string, SchemaType>, name: string): boolean {
  const t = types.get(name);
  if (!t) return false;
  if (t.name === "Node") return true;
  if (t.kind === "OBJECT") return !!t.interfaces?.some((i) => i.name === "Node");
  if (t.kind === "UNION") return !!t.possibleTypes?.every((p) => isNodeLike(types, p.name));
  return false;
}

/** The node type a connection's edges hold, if `name` is a connection. */
function connectionNode(types: Map<string, SchemaType>, name: string): string | null {
  if (!name.endsWith("Connection")) return null;
  const edges = types.get(name)?.fields?.find((f) => f.name === "edges");
  if (!edges) return null;
  const edge = types.get(unwrap(edges.type).name);
  const node = edge?.fields?.find((f) => f.name === "node");
  return node ? unwrap(node.type).name : null;
}

/** The selection and the plan for a type's fields; `depth` bounds nesting. */
function plan(types: Map<string, SchemaType>, typeName: string, depth: number, skip: Set<string>): { selection: string; fields: FieldPlan[] } {
  const type = types.get(typeName);
  const parts: string[] = [];
  const fields: FieldPlan[] = [];
  for (const f of type?.fields ?? []) {
    if (skip.has(f.name) || f.name.startsWith("__")) continue;
    // A field that cannot be asked without arguments is not shown.
    if (f.args.some((a) => a.type.kind === "NON_NULL" && a.defaultValue == null)) continue;
    const t = unwrap(f.type);
    const description = (f.description ?? "").split("\n")[0];
    const add = (selection: string, shape: Shape) => {
      parts.push(selection);
      fields.push({ name: f.name, description, shape });
    };
    if (t.kind === "SCALAR" || t.kind === "ENUM") {
      add(f.name, { k: "scalar", type: t.name, list: t.list });
    } else if (t.name === "Provenance") {
      add(`${f.name} { ${PROVENANCE} }`, { k: "provenance", list: t.list });
    } else if (isNodeLike(types, t.name)) {
      add(`${f.name} { __typename ... on Node { id name } }`, { k: "ref", list: t.list });
    } else {
      const node = connectionNode(types, t.name);
      if (node) {
        if (depth > 0 || !isNodeLike(types, node)) continue;
        if (node === "Statement") {
          // Statements are shown in full, page by page, by their own query
          // (StatementPages); here only whether there are any.
          add(`${f.name}(first: 0) { totalCount }`, { k: "connection", node });
          continue;
        }
        const first = f.args.some((a) => a.name === "first") ? `(first: ${CONNECTION_PAGE})` : "";
        add(`${f.name}${first} { totalCount edges { node { __typename ... on Node { id name } } } }`, { k: "connection", node });
      } else if (depth < 2) {
        const inner = plan(types, t.name, depth + 1, new Set());
        if (inner.fields.length) add(`${f.name} { ${inner.selection} }`, { k: "object", list: t.list, fields: inner.fields });
      }
    }
  }
  return { selection: parts.join(" "), fields };
}

export interface NodePlan {
  query: string;
  fields: FieldPlan[];
  /** Whether the type has `mentions` and `mentionedIn`. */
  mentions: boolean;
}

/** A query for every field worth showing of a node of `typename`. */
export async function planFor(typename: string, mention: string): Promise<NodePlan> {
  const types = await loadSchema();
  const { selection, fields } = plan(types, typename, 0, SHOWN_APART);
  const fieldNames = new Set((types.get(typename)?.fields ?? []).map((f) => f.name));
  const mentions = fieldNames.has("mentions") && fieldNames.has("mentionedIn");
  const query = `query Generic($id: ID!) {
    node(id: $id) { __typename id iri name provenance { ${PROVENANCE} }
      ... on ${typename} { ${selection} ${mentions ? `mentions { ${mention} } mentionedIn { ${mention} }` : ""} }
    }
  }`;
  return { query, fields, mentions };
}
