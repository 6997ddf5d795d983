#!/usr/bin/env python3
"""Generate posts.csv for Daftar province packs from their offices.csv.

Usage (from anywhere):
    python3 packs/generate_posts.py              # all packs next to this script
    python3 packs/generate_posts.py punjab       # only the named pack(s)

For every office in <pack>/offices.csv a fixed establishment template is
applied according to the kind of office (see TEMPLATES below) and the result
is written to <pack>/posts.csv, replacing the file.

The templates are the *baseline* sanctioned strength used to seed a new
tenant. They are not the real sanctioned strength of any office: correct them
in the registry (or here, then regenerate) from the office's schedule of
establishment / SNE.

Post codes are <office code>-<3-digit sequence>, numbered in template order
starting at 001. Codes are stable only as long as the template order for an
office is unchanged: once a pack has been loaded, only APPEND new rows to a
template, never insert, reorder or delete, or existing post codes would be
reassigned to different positions.

Standard library only.
"""

import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

OFFICES_HEADER = ["code", "kind", "name", "name_ur", "parent", "location"]
POSTS_HEADER = ["code", "office", "designation", "designation_ur", "bps"]

# (designation, designation_ur, bps, count)
DC_OFFICE = [
    ("Deputy Commissioner", "ڈپٹی کمشنر", 20, 1),
    ("Additional Deputy Commissioner (General)", "ایڈیشنل ڈپٹی کمشنر (جنرل)", 19, 1),
    ("Additional Deputy Commissioner (Revenue)", "ایڈیشنل ڈپٹی کمشنر (ریونیو)", 19, 1),
    ("Assistant Commissioner", "اسسٹنٹ کمشنر", 17, 2),
    ("Superintendent", "سپرنٹنڈنٹ", 16, 1),
    ("Senior Clerk", "سینئر کلرک", 14, 2),
    ("Junior Clerk", "جونیئر کلرک", 11, 3),
    ("Naib Qasid", "نائب قاصد", 1, 2),
]

COMMISSIONER_OFFICE = [
    ("Commissioner", "کمشنر", 21, 1),
    ("Additional Commissioner (Coordination)", "ایڈیشنل کمشنر (کوآرڈینیشن)", 19, 1),
    ("Superintendent", "سپرنٹنڈنٹ", 16, 1),
    ("Junior Clerk", "جونیئر کلرک", 11, 1),
]

SECRETARIAT_DEPARTMENT = [
    ("Secretary", "سیکرٹری", 20, 1),
    ("Additional Secretary", "ایڈیشنل سیکرٹری", 20, 1),
    ("Deputy Secretary", "ڈپٹی سیکرٹری", 19, 2),
    ("Section Officer", "سیکشن آفیسر", 17, 4),
    ("Superintendent", "سپرنٹنڈنٹ", 16, 1),
    ("Assistant", "اسسٹنٹ", 16, 2),
    ("Senior Clerk", "سینئر کلرک", 14, 1),
    ("Junior Clerk", "جونیئر کلرک", 11, 2),
]


def template_for(office):
    """Return the establishment template for an office row, or None."""
    code, kind = office["code"], office["kind"]
    parts = code.split("-")
    if kind == "department":
        return SECRETARIAT_DEPARTMENT
    if kind == "office" and len(parts) == 3 and parts[1] == "DC":
        return DC_OFFICE
    if kind == "office" and len(parts) == 3 and parts[1] == "COM":
        return COMMISSIONER_OFFICE
    # Attached departments and other field offices: no baseline template yet.
    return None


def read_offices(pack_dir):
    path = os.path.join(pack_dir, "offices.csv")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header != OFFICES_HEADER:
            raise SystemExit(f"{path}:1: unexpected header {header!r}")
        rows = []
        for lineno, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise SystemExit(f"{path}:{lineno}: expected {len(header)} fields, got {len(row)}")
            rows.append(dict(zip(header, row)))
    return rows


def build_posts(offices):
    posts = []
    for office in offices:
        template = template_for(office)
        if not template:
            continue
        seq = 0
        for designation, designation_ur, bps, count in template:
            for _ in range(count):
                seq += 1
                posts.append([f"{office['code']}-{seq:03d}", office["code"],
                              designation, designation_ur, str(bps)])
    return posts


def write_posts(pack_dir, posts):
    path = os.path.join(pack_dir, "posts.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(POSTS_HEADER)
        writer.writerows(posts)
    return path


def pack_dirs(names):
    if names:
        return [os.path.join(HERE, n) for n in names]
    return sorted(
        os.path.join(HERE, d) for d in os.listdir(HERE)
        if os.path.isfile(os.path.join(HERE, d, "province.toml"))
        and os.path.isfile(os.path.join(HERE, d, "offices.csv"))
    )


def main(argv):
    dirs = pack_dirs(argv[1:])
    if not dirs:
        raise SystemExit("no packs found")
    for pack_dir in dirs:
        posts = build_posts(read_offices(pack_dir))
        path = write_posts(pack_dir, posts)
        print(f"{os.path.relpath(path, HERE)}: {len(posts)} posts")


if __name__ == "__main__":
    main(sys.argv)
