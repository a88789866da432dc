#!/usr/bin/env python3
"""Rebuilds examples/nodes/ from the source CSVs in examples/source/ (see examples/README.md).

Deterministic: the same input gives the same split. Iris is split label-skewed over three nodes
(each node holds mostly one species), as federated data usually is; Boston housing is split in
two halves by row order; wine and breast cancer stay whole on one node each.
"""
import csv, json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "source")
OUT = os.path.join(HERE, "nodes")


def rows(name):
    with open(os.path.join(SRC, name), newline="") as f:
        r = list(csv.reader(f))
    return r[0], r[1:]


def write(node, dataset_id, header, data, meta):
    d = os.path.join(OUT, node)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, dataset_id + ".csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)
    with open(os.path.join(d, dataset_id + ".meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


def main():
    rnd = random.Random(42)
    header, iris = rows("iris.csv")
    nodes = ["alice", "bob", "carol"]
    species = ["setosa", "versicolor", "virginica"]
    parts = {n: [] for n in nodes}
    for s_index, s in enumerate(species):
        members = [r for r in iris if r[-1] == s]
        rnd.shuffle(members)
        # 40 of each species go to "its" node, 5 to each of the others.
        home = nodes[s_index]
        parts[home] += members[:40]
        others = [n for n in nodes if n != home]
        parts[others[0]] += members[40:45]
        parts[others[1]] += members[45:50]
    for i, n in enumerate(nodes):
        rnd.shuffle(parts[n])
        write(n, "iris", header, parts[n], {
            "name": f"Iris, part {i + 1} of 3 (mostly {species[i]})",
            "tags": ["#iris", "#flowers", "#classification"],
            "description": "Fisher's iris measurements (cm), label-skewed share of the 150 rows.",
            "target": header[-1]})

    header, wine = rows("wine.csv")
    write("alice", "wine", header, wine, {
        "name": "Wine cultivars", "tags": ["#wine", "#classification"],
        "description": "Chemical analysis of 178 Italian wines from three cultivars.", "target": header[-1]})

    header, boston = rows("boston-housing.csv")
    half = len(boston) // 2
    for n, part, label in (("bob", boston[:half], "first"), ("carol", boston[half:], "second")):
        write(n, "boston-housing", header, part, {
            "name": f"Boston housing, {label} half", "tags": ["#boston-housing", "#housing", "#regression"],
            "description": "Median home values (k$) of Boston census tracts, 1970.", "target": header[-1]})

    header, cancer = rows("breast-cancer.csv")
    write("carol", "breast-cancer", header, cancer, {
        "name": "Breast cancer diagnosis", "tags": ["#breast-cancer", "#medical", "#classification"],
        "description": "Wisconsin diagnostic breast cancer features of 569 biopsies.", "target": header[-1]})


if __name__ == "__main__":
    main()
