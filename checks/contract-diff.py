#!/usr/bin/env python3
"""Compares two versions of openapi.yaml as a client sees them: every local $ref to components/responses,
components/parameters and components/examples is replaced by what it names, examples are dropped (they document,
they do not constrain), and then the operations, their parameters, request bodies, statuses, response
descriptions, media types, headers and schemas, and components/schemas, must be equal.
Usage: checks/contract-diff.py OLD.yaml NEW.yaml   (exit 1 and a list of differences when they differ)"""
import sys
import yaml

INLINED = ("#/components/responses/", "#/components/parameters/", "#/components/examples/")


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def resolve(node, root):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(INLINED):
            kind, name = ref.split("/")[2:4]
            return resolve(root["components"][kind][name], root)
        return {k: resolve(v, root) for k, v in node.items() if k not in ("example", "examples")}
    if isinstance(node, list):
        return [resolve(v, root) for v in node]
    return node


def view(doc):
    ops = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            op = resolve(op, doc)
            op["parameters"] = {f'{p["in"]} {p["name"]}': p for p in op.get("parameters", [])}
            ops[f"{method.upper()} {path}"] = op
    schemas = resolve(doc.get("components", {}).get("schemas", {}), doc)
    return ops, schemas


def diff(a, b, where, out):
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in b:
                out.append(f"lost: {where}/{key}")
            elif key not in a:
                out.append(f"added: {where}/{key}")
            else:
                diff(a[key], b[key], f"{where}/{key}", out)
    else:
        out.append(f"changed: {where}: {str(a)[:80]} -> {str(b)[:80]}")


def main(old_path, new_path):
    (old_ops, old_schemas), (new_ops, new_schemas) = view(load(old_path)), view(load(new_path))
    out = []
    diff(old_ops, new_ops, "paths", out)
    diff(old_schemas, new_schemas, "components/schemas", out)
    statuses = sum(len(op["responses"]) for op in old_ops.values())
    print(f"{len(old_ops)} operations, {statuses} responses, {len(old_schemas)} schemas compared")
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
