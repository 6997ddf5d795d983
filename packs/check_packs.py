#!/usr/bin/env python3
"""Validate Daftar province packs (standard library only, Python 3.11+).

Usage:
    python3 packs/check_packs.py              # every pack next to this script
    python3 packs/check_packs.py punjab       # only the named pack(s)

Every problem is reported as `path:line: message`; the exit status is 1 if
any pack has an error (the loader rejects such a pack whole), else 0.

The rules checked here mirror what `daftar init --pack NAME` enforces; see
packs/README.md. This script is a pre-flight check for pack authors, not a
replacement for the loader.
"""

import csv
import datetime as dt
import importlib.util
import io
import os
import re
import sys
import tomllib
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # importing generate_posts must not leave __pycache__ in packs/

PACK_FILES = ["province.toml", "geography.csv", "offices.csv", "posts.csv", "holidays.csv"]
OPTIONAL_FILES = ["persons.toml", "khidmat.toml", "filing.toml"]
PERSON_ATTRIBUTES = ["cnic", "name", "father_name", "gender", "dob", "district", "address", "phone"]
SURVIVORSHIP_RULES = ["trusted_source", "most_recent", "most_complete"]

# khidmat.toml: the same rules as crates/daftar-khidmat/src/catalogue.rs (`parse`).
KHIDMAT_ROLES = ["khidmat.operator", "khidmat.officer", "khidmat.manager", "khidmat.admin"]
KHIDMAT_RESERVED_STAGES = ["payment", "returned", "rejected", "ready", "delivered"]
KHIDMAT_RESERVED_ACTIONS = ["return", "reject", "resubmit", "deliver"]
KHIDMAT_FEE_HEADS = ["government_fee", "service_charge", "affidavit", "courier"]
KHIDMAT_CATEGORIES = ["general", "priority", "women"]
KHIDMAT_FIELD_KINDS = ["text", "date", "number"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Service and counter codes: [A-Z][A-Z0-9_-]*, at most 40; stage codes and actions: [a-z][a-z0-9_]*.
KHIDMAT_UPPER_RE = re.compile(r"^[A-Z][A-Z0-9_-]{0,39}$")
KHIDMAT_LOWER_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
CLOCK_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
# key -> (type, required) for each table of khidmat.toml (the loader rejects unknown keys).
KHIDMAT_KEYS = {
    "file": {"days_off": (list, True), "stages": (dict, False), "documents": (dict, False),
             "fields": (dict, False), "centres": (list, False), "services": (list, False)},
    "stage": {"name": (str, True), "name_ur": (str, True), "role": (str, True), "action": (str, True)},
    "document": {"name": (str, True), "name_ur": (str, True)},
    "field": {"label": (str, True), "label_ur": (str, True), "kind": (str, False)},
    "centre": {"code": (str, True), "name": (str, True), "name_ur": (str, True), "district": (str, True),
               "opens": (str, True), "closes": (str, True), "counters": (list, True)},
    "counter": {"code": (str, True), "name": (str, True), "name_ur": (str, True), "serves": (list, True)},
    "service": {"code": (str, True), "name": (str, True), "name_ur": (str, True), "department": (str, True),
                "turnaround_days": (int, True), "urgent_days": (int, False),
                "designated_officer": (str, True), "designated_officer_ur": (str, True),
                "appellate_authority": (str, True), "appellate_authority_ur": (str, True),
                "documents": (list, True), "optional_documents": (list, False), "fields": (list, False),
                "stages": (list, True), "escalation": (list, True), "certificate": (bool, False),
                "fees": (list, True)},
    "fee": {"from": (str, True), "normal": (dict, True), "urgent": (dict, False)},
}
KHIDMAT_TABLE_LISTS = {"centres", "services", "counters", "fees"}

HEADERS = {
    "geography.csv": ["code", "level", "name", "name_ur", "parent"],
    "offices.csv": ["code", "kind", "name", "name_ur", "parent", "location"],
    "posts.csv": ["code", "office", "designation", "designation_ur", "bps"],
    "holidays.csv": ["date", "name", "name_ur", "kind", "note"],
}

LEVELS = ["province", "division", "district", "tehsil"]
PARENT_LEVEL = {"division": "province", "district": "division", "tehsil": "district"}
OFFICE_KINDS = ["department", "attached_department", "office"]
HOLIDAY_KINDS = ["public"]
HOLIDAY_YEAR = 2026
LUNAR_NOTE = "Subject to moon sighting; verify against the notification"
LUNAR_HOLIDAYS = {  # name prefix -> number of rows (days) expected
    "Eid ul Fitr": 3,
    "Eid ul Azha": 3,
    "Ashura": 2,
    "Eid Milad un Nabi": 1,
}
FIXED_HOLIDAYS = {  # MM-DD -> name
    "02-05": "Kashmir Solidarity Day",
    "03-23": "Pakistan Day",
    "05-01": "Labour Day",
    "05-28": "Youm-e-Takbeer",
    "08-14": "Independence Day",
    "11-09": "Iqbal Day",
    "12-25": "Quaid-e-Azam Day",
}
# Mnemonics that would make a district code look like another code family.
RESERVED_MNEMONICS = {"DIV", "DEPT", "ATT", "COM", "DC"}

# Districts whose tehsils a pack must list (the brief's minimum coverage).
REQUIRED_TEHSIL_DISTRICTS = {
    "PB": ["PB-LHR", "PB-RWP", "PB-FSD", "PB-MLT"],
    "BA": ["BA-QTA", "BA-PSN", "BA-GWD", "BA-KCH", "BA-KZD"],
}

# Same rule as daftar_kernel::codes::Code: 2-40 chars, A-Z 0-9 and single hyphens, starting with a letter.
CODE_RE = re.compile(r"^(?=.{2,40}$)[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
PROVINCE_CODE_RE = re.compile(r"^[A-Z]{2}$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MMDD_RE = re.compile(r"^\d{2}-\d{2}$")

ARABIC_RANGES = [
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
]
ALLOWED_IN_URDU = set(" ()-.'/،؛؟\u200c\u200d0123456789")


def is_arabic_char(ch):
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ARABIC_RANGES)


def urdu_problem(value):
    """Return a message if value is not a proper Urdu (Arabic-script) string."""
    if not value:
        return "is empty"
    if not any(is_arabic_char(c) and c.isalpha() for c in value):
        return "contains no Arabic-script letters"
    bad = sorted({c for c in value if not (is_arabic_char(c) or c in ALLOWED_IN_URDU)})
    if bad:
        return "contains non-Arabic-script characters " + " ".join(repr(c) for c in bad)
    return None


def english_problem(value):
    if not value:
        return "is empty"
    if any(is_arabic_char(c) for c in value):
        return "contains Arabic-script characters (put Urdu in the _ur column)"
    if not all(32 <= ord(c) < 127 for c in value):
        return "contains non-ASCII characters"
    return None


def contrast_vs_white(hex_colour):
    h = hex_colour.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (lum + 0.05)


def parse_date(value):
    if not DATE_RE.match(value or ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


class Report:
    def __init__(self):
        self.errors = []

    def err(self, path, line, msg):
        rel = os.path.relpath(path, os.path.dirname(HERE))
        self.errors.append(f"{rel}:{line}: {msg}" if line else f"{rel}: {msg}")


def read_csv(path, rep):
    """Read a pack CSV strictly. Returns list of (line_no, dict) or None."""
    name = os.path.basename(path)
    header = HEADERS[name]
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        rep.err(path, 1, "file starts with a UTF-8 byte order mark; save as UTF-8 without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.err(path, None, f"not valid UTF-8 ({e})")
        return None
    if "\r" in text:
        rep.err(path, None, "contains CR characters; use LF line endings")
    if text and not text.endswith("\n"):
        rep.err(path, None, "last line has no terminating newline")
    lines = text.split("\n")
    for i, line in enumerate(lines, start=1):
        if line != line.rstrip(" \t"):
            rep.err(path, i, "trailing whitespace")
        if i < len(lines) and line == "":
            rep.err(path, i, "blank line")

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        first = next(reader, None)
        if first != header:
            rep.err(path, 1, f"header must be {','.join(header)!r}, found {','.join(first or [])!r}")
            return None
        for row in reader:
            line = reader.line_num
            if not row:
                continue
            if len(row) != len(header):
                rep.err(path, line, f"expected {len(header)} fields, found {len(row)} "
                                    "(a field containing a comma must be in double quotes)")
                continue
            # RFC 4180, canonical form: the line must be exactly what a minimal-quoting
            # writer produces (catches stray quotes and needless quoting).
            buf = io.StringIO()
            csv.writer(buf, lineterminator="").writerow(row)
            if lines[line - 1] != buf.getvalue():
                rep.err(path, line, "field quoting is not canonical RFC 4180 "
                                    "(quote only fields containing a comma, quote or newline)")
            for col, value in zip(header, row):
                if value != value.strip():
                    rep.err(path, line, f"{col}: leading or trailing whitespace")
                if "  " in value:
                    rep.err(path, line, f"{col}: double space")
            rows.append((line, dict(zip(header, row))))
    except csv.Error as e:
        rep.err(path, reader.line_num, f"CSV syntax error: {e}")
        return None
    return rows


def check_province(pack_dir, rep):
    path = os.path.join(pack_dir, "province.toml")
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        rep.err(path, None, f"cannot parse: {e}")
        return None
    required = ["code", "slug", "name", "name_ur", "government", "government_ur",
                "accent_colour", "development_programme", "fiscal_year_start", "timezone"]
    for key in required:
        if not isinstance(data.get(key), str) or not data.get(key):
            rep.err(path, None, f"{key} is missing or not a non-empty string")
    code = data.get("code", "")
    if isinstance(code, str) and not PROVINCE_CODE_RE.match(code):
        rep.err(path, None, f"code {code!r} must be two uppercase letters (ISO 3166-2:PK subdivision)")
    slug = data.get("slug", "")
    if slug != os.path.basename(pack_dir):
        rep.err(path, None, f"slug {slug!r} must equal the pack folder name {os.path.basename(pack_dir)!r}")
    elif not SLUG_RE.match(slug):
        rep.err(path, None, f"slug {slug!r} must be lowercase letters, digits or underscore")
    for key in ("name", "government"):
        if isinstance(data.get(key), str) and data.get(key):
            p = english_problem(data[key])
            if p:
                rep.err(path, None, f"{key} {p}")
    for key in ("name_ur", "government_ur"):
        if isinstance(data.get(key), str):
            p = urdu_problem(data[key])
            if p:
                rep.err(path, None, f"{key} {p}")
    colour = data.get("accent_colour", "")
    if isinstance(colour, str) and COLOUR_RE.match(colour):
        ratio = contrast_vs_white(colour)
        if ratio < 4.5:
            rep.err(path, None, f"accent_colour {colour} has contrast {ratio:.2f}:1 against white; need >= 4.5:1")
    else:
        rep.err(path, None, f"accent_colour {colour!r} must be #rrggbb")
    fys = data.get("fiscal_year_start", "")
    ok = isinstance(fys, str) and MMDD_RE.match(fys)
    if ok:
        try:
            dt.date(2001, int(fys[:2]), int(fys[3:]))
        except ValueError:
            ok = False
    if not ok:
        rep.err(path, None, f"fiscal_year_start {fys!r} must be a valid MM-DD")
    tz = data.get("timezone", "")
    try:
        zoneinfo.ZoneInfo(tz)
    except Exception:
        rep.err(path, None, f"timezone {tz!r} is not a known IANA time zone")
    base = data.get("baseline")
    if not isinstance(base, dict):
        rep.err(path, None, "[baseline] table is missing")
    else:
        for key in ("effective_from", "notification_date"):
            v = base.get(key)
            if isinstance(v, dt.date):
                v = v.isoformat()
            if not isinstance(v, str) or parse_date(v) is None:
                rep.err(path, None, f"baseline.{key} {v!r} must be a valid YYYY-MM-DD date (as a string)")
        if not isinstance(base.get("notification_no"), str) or not base.get("notification_no"):
            rep.err(path, None, "baseline.notification_no is missing")
    return data


def check_geography(pack_dir, pcode, rep):
    path = os.path.join(pack_dir, "geography.csv")
    rows = read_csv(path, rep)
    if rows is None:
        return {}
    seen = {}  # code -> (level, line)
    for idx, (line, r) in enumerate(rows):
        code, level, parent = r["code"], r["level"], r["parent"]
        if not CODE_RE.match(code):
            rep.err(path, line, f"code {code!r} must be 2-40 uppercase ASCII letters, digits and single hyphens, starting with a letter")
        if code in seen:
            rep.err(path, line, f"duplicate code {code} (first on line {seen[code][1]})")
            continue
        if level not in LEVELS:
            rep.err(path, line, f"level {level!r} must be one of {', '.join(LEVELS)}")
            continue
        p = english_problem(r["name"])
        if p:
            rep.err(path, line, f"name {p}")
        p = urdu_problem(r["name_ur"])
        if p:
            rep.err(path, line, f"name_ur {p}")
        if level == "province":
            if idx != 0:
                rep.err(path, line, "the province row must be the first data row")
            if code != pcode:
                rep.err(path, line, f"province code {code!r} must equal province.toml code {pcode!r}")
            if parent:
                rep.err(path, line, "the province row must have an empty parent")
        else:
            if idx == 0:
                rep.err(path, line, "the first data row must be the province")
            expected_parent_level = PARENT_LEVEL[level]
            if not parent:
                rep.err(path, line, f"a {level} needs a parent {expected_parent_level}")
            elif parent not in seen:
                rep.err(path, line, f"parent {parent} does not exist earlier in the file (parents come before children)")
            elif seen[parent][0] != expected_parent_level:
                rep.err(path, line, f"parent {parent} is a {seen[parent][0]}; a {level}'s parent must be a {expected_parent_level}")
            # code scheme
            if level == "division":
                m = re.match(rf"^{pcode}-DIV-([A-Z]{{3}})$", code)
                if not m:
                    rep.err(path, line, f"division code must look like {pcode}-DIV-XXX")
            elif level == "district":
                m = re.match(rf"^{pcode}-([A-Z]{{3}})$", code)
                if not m:
                    rep.err(path, line, f"district code must look like {pcode}-XXX")
                elif m.group(1) in RESERVED_MNEMONICS:
                    rep.err(path, line, f"district mnemonic {m.group(1)} is reserved")
            elif level == "tehsil":
                if not re.match(rf"^{re.escape(parent)}-[A-Z0-9]{{3,4}}$", code):
                    rep.err(path, line, f"tehsil code must be its district code plus -XXX or -XXXX (e.g. {parent}-CTY)")
        seen[code] = (level, line)

    children = {}
    for line, r in rows:
        children.setdefault(r["parent"], []).append(r["code"])
    for code, (level, line) in seen.items():
        if level in ("province", "division") and not children.get(code):
            rep.err(path, line, f"{level} {code} has no children")
    for d in REQUIRED_TEHSIL_DISTRICTS.get(pcode, []):
        if d not in seen:
            rep.err(path, None, f"district {d} is required but missing")
        elif not children.get(d):
            rep.err(path, seen[d][1], f"district {d} must list its tehsils")
    result = {}
    for line, r in rows:
        if r["code"] in seen and seen[r["code"]][1] == line:
            result[r["code"]] = (seen[r["code"]][0], line, r)
    return result


def check_offices(pack_dir, pcode, geo, rep):
    path = os.path.join(pack_dir, "offices.csv")
    rows = read_csv(path, rep)
    if rows is None:
        return {}
    offices = {}
    for line, r in rows:
        code, kind, parent, loc = r["code"], r["kind"], r["parent"], r["location"]
        if not CODE_RE.match(code):
            rep.err(path, line, f"code {code!r} must be 2-40 uppercase ASCII letters, digits and single hyphens, starting with a letter")
        if code in offices:
            rep.err(path, line, f"duplicate code {code} (first on line {offices[code][0]})")
            continue
        if code in geo:
            rep.err(path, line, f"code {code} is already used in geography.csv")
        if kind not in OFFICE_KINDS:
            rep.err(path, line, f"kind {kind!r} must be one of {', '.join(OFFICE_KINDS)}")
        p = english_problem(r["name"])
        if p:
            rep.err(path, line, f"name {p}")
        p = urdu_problem(r["name_ur"])
        if p:
            rep.err(path, line, f"name_ur {p}")
        if kind == "department":
            if not re.match(rf"^{pcode}-DEPT-[A-Z0-9]{{2,6}}$", code):
                rep.err(path, line, f"department code must look like {pcode}-DEPT-XXXX")
            if parent:
                rep.err(path, line, "a department must have an empty parent")
        elif kind == "attached_department":
            if not re.match(rf"^{pcode}-ATT-[A-Z0-9]{{2,6}}$", code):
                rep.err(path, line, f"attached department code must look like {pcode}-ATT-XXXX")
        elif kind == "office":
            if not code.startswith(pcode + "-") or code.startswith(f"{pcode}-DEPT-") or code.startswith(f"{pcode}-ATT-"):
                rep.err(path, line, f"office code must start with {pcode}- and not use the DEPT/ATT families")
        if not loc:
            rep.err(path, line, "location is required")
        elif loc not in geo:
            rep.err(path, line, f"location {loc} does not exist in geography.csv")
        offices[code] = (line, r)

    # parents (may refer forwards; a department can be listed after its offices)
    for code, (line, r) in offices.items():
        kind, parent = r["kind"], r["parent"]
        if kind == "attached_department":
            if not parent:
                rep.err(path, line, "an attached_department needs a parent department")
            elif parent not in offices:
                rep.err(path, line, f"parent {parent} does not exist in offices.csv")
            elif offices[parent][1]["kind"] != "department":
                rep.err(path, line, f"parent {parent} is of kind {offices[parent][1]['kind']}; must be a department")
        elif kind == "office":
            if not parent:
                rep.err(path, line, "an office needs a parent department or attached_department")
            elif parent not in offices:
                rep.err(path, line, f"parent {parent} does not exist in offices.csv")
            elif offices[parent][1]["kind"] not in ("department", "attached_department"):
                rep.err(path, line, f"parent {parent} is an office; must be a department or attached_department")

    # departments and attached departments sit in the capital district
    dept_locs = {r["location"] for _, r in offices.values() if r["kind"] in ("department", "attached_department")}
    depts = [c for c, (_, r) in offices.items() if r["kind"] == "department"]
    if len(depts) < 12:
        rep.err(path, None, f"only {len(depts)} departments; at least 12 Secretariat departments expected")
    if not any(r["kind"] == "attached_department" for _, r in offices.values()):
        rep.err(path, None, "no attached departments")
    if len(dept_locs) > 1:
        rep.err(path, None, f"departments are located in several places {sorted(dept_locs)}; all must be the capital district")
    for loc in dept_locs:
        if loc in geo and geo[loc][0] != "district":
            rep.err(path, None, f"department location {loc} is a {geo[loc][0]}; must be the capital's district")

    sgad = f"{pcode}-DEPT-SGAD"
    if sgad not in offices:
        rep.err(path, None, f"{sgad} (Services and General Administration Department) is required")
    # a DC office for every district, a Commissioner office for every division
    for gcode, (level, gline, g) in geo.items():
        if level == "district":
            mn = gcode.split("-", 1)[1]
            dc = f"{pcode}-DC-{mn}"
            want = f"Deputy Commissioner Office, {g['name']}"
            if dc not in offices:
                rep.err(path, None, f"missing Deputy Commissioner office {dc} for district {gcode}")
                continue
            line, r = offices[dc]
            if r["kind"] != "office" or r["location"] != gcode or r["parent"] != sgad or r["name"] != want:
                rep.err(path, line, f"{dc} must be an office named {want!r}, parent {sgad}, location {gcode}")
        elif level == "division":
            mn = gcode.split("-")[-1]
            com = f"{pcode}-COM-{mn}"
            if com not in offices:
                rep.err(path, None, f"missing Commissioner office {com} for division {gcode}")
                continue
            line, r = offices[com]
            want = f"Commissioner Office, {g['name']}"
            if r["kind"] != "office" or r["location"] != gcode or r["parent"] != sgad or r["name"] != want:
                rep.err(path, line, f"{com} must be an office named {want!r}, parent {sgad}, location {gcode}")
    for code, (line, r) in offices.items():
        parts = code.split("-")
        if len(parts) == 3 and parts[1] == "DC" and f"{pcode}-{parts[2]}" not in geo:
            rep.err(path, line, f"{code} does not match any district")
        if len(parts) == 3 and parts[1] == "COM" and f"{pcode}-DIV-{parts[2]}" not in geo:
            rep.err(path, line, f"{code} does not match any division")
    return offices


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_posts", os.path.join(HERE, "generate_posts.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def check_posts(pack_dir, pcode, geo, offices, rep):
    path = os.path.join(pack_dir, "posts.csv")
    rows = read_csv(path, rep)
    if rows is None:
        return []
    seen = {}
    seq_by_office = {}
    for line, r in rows:
        code, office, bps = r["code"], r["office"], r["bps"]
        if code in seen:
            rep.err(path, line, f"duplicate code {code} (first on line {seen[code]})")
            continue
        seen[code] = line
        if code in geo or code in offices:
            rep.err(path, line, f"code {code} is already used by geography or offices")
        if office not in offices:
            rep.err(path, line, f"office {office} does not exist in offices.csv")
        m = re.match(rf"^{re.escape(office)}-(\d{{3}})$", code)
        if not m:
            rep.err(path, line, f"post code must be the office code plus -NNN (e.g. {office}-001)")
        else:
            n = int(m.group(1))
            expected = seq_by_office.get(office, 0) + 1
            if n != expected:
                rep.err(path, line, f"post sequence for {office} should be {expected:03d}, found {n:03d}")
            seq_by_office[office] = n
        p = english_problem(r["designation"])
        if p:
            rep.err(path, line, f"designation {p}")
        p = urdu_problem(r["designation_ur"])
        if p:
            rep.err(path, line, f"designation_ur {p}")
        if not re.match(r"^[0-9]{1,2}$", bps) or not 1 <= int(bps) <= 22:
            rep.err(path, line, f"bps {bps!r} must be an integer from 1 to 22")
    for code, (line, r) in offices.items():
        if r["kind"] == "department" or re.match(rf"^{pcode}-(DC|COM)-", code):
            if code not in seq_by_office:
                rep.err(os.path.join(pack_dir, "offices.csv"), line, f"{code} has no posts in posts.csv")
    # posts.csv must be what generate_posts.py produces from offices.csv
    try:
        gen = load_generator()
        expected = gen.build_posts([r for _, r in sorted(offices.values(), key=lambda x: x[0])])
        actual = [[r[c] for c in HEADERS["posts.csv"]] for _, r in rows]
        if expected != actual:
            rep.err(path, None, "posts.csv is out of date; run `python3 packs/generate_posts.py`")
    except Exception as e:  # pragma: no cover - defensive
        rep.err(path, None, f"could not compare with generate_posts.py: {e}")
    return rows


def check_holidays(pack_dir, rep):
    path = os.path.join(pack_dir, "holidays.csv")
    rows = read_csv(path, rep)
    if rows is None:
        return []
    seen = {}
    prev = None
    names_by_date = {}
    for line, r in rows:
        d = parse_date(r["date"])
        if d is None:
            rep.err(path, line, f"date {r['date']!r} must be a valid YYYY-MM-DD date")
            continue
        if d.year != HOLIDAY_YEAR:
            rep.err(path, line, f"date {r['date']} is not in {HOLIDAY_YEAR}")
        if prev and d < prev:
            rep.err(path, line, "rows must be in date order")
        prev = d
        key = (r["date"], r["name"])
        if key in seen:
            rep.err(path, line, f"duplicate holiday {r['name']!r} on {r['date']} (first on line {seen[key]})")
        seen[key] = line
        names_by_date.setdefault(r["date"][5:], []).append(r["name"])
        if r["kind"] not in HOLIDAY_KINDS:
            rep.err(path, line, f"kind {r['kind']!r} must be one of {', '.join(HOLIDAY_KINDS)}")
        p = english_problem(r["name"])
        if p:
            rep.err(path, line, f"name {p}")
        p = urdu_problem(r["name_ur"])
        if p:
            rep.err(path, line, f"name_ur {p}")
        if r["note"] and english_problem(r["note"]):
            rep.err(path, line, f"note {english_problem(r['note'])}")
        if any(r["name"].startswith(prefix) for prefix in LUNAR_HOLIDAYS) and r["note"] != LUNAR_NOTE:
            rep.err(path, line, f"lunar holiday must carry the note {LUNAR_NOTE!r}")
    for mmdd, name in FIXED_HOLIDAYS.items():
        if name not in names_by_date.get(mmdd, []):
            rep.err(path, None, f"missing {name} on {HOLIDAY_YEAR}-{mmdd}")
    for prefix, days in LUNAR_HOLIDAYS.items():
        n = sum(1 for _, r in rows if r["name"].startswith(prefix))
        if n != days:
            rep.err(path, None, f"{prefix}: expected {days} row(s) (one per day), found {n}")
    return rows


def check_persons(pack_dir, rep):
    path = os.path.join(pack_dir, "persons.toml")
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        rep.err(path, None, f"cannot read: {e}")
        return
    for key in data:
        if key not in ("trusted_sources", "rules"):
            rep.err(path, None, f"unknown key {key!r}")
    sources = data.get("trusted_sources")
    if not isinstance(sources, list):
        rep.err(path, None, "trusted_sources must be a list of source names")
        sources = []
    seen = set()
    for s in sources:
        if not (isinstance(s, str) and re.fullmatch(r"[a-z0-9_-]{1,40}", s)):
            rep.err(path, None, f"{s!r} is not a source name (1-40 small letters, digits, _ or -)")
        elif s in seen:
            rep.err(path, None, f"{s!r} is listed twice")
        seen.add(s)
    for attr, rule in (data.get("rules") or {}).items():
        if attr not in PERSON_ATTRIBUTES:
            rep.err(path, None, f"{attr!r} is not a person attribute")
        elif rule not in SURVIVORSHIP_RULES:
            rep.err(path, None, f"{rule!r} is not a rule ({', '.join(SURVIVORSHIP_RULES)})")


def read_text(path, rep):
    """Read a text file and check the general rules (UTF-8 without BOM, LF, final newline,
    no trailing whitespace). Returns the text or None."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        rep.err(path, None, f"cannot read: {e}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        rep.err(path, 1, "file starts with a UTF-8 byte order mark; save as UTF-8 without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.err(path, None, f"not valid UTF-8 ({e})")
        return None
    if "\r" in text:
        rep.err(path, None, "contains CR characters; use LF line endings")
    if text and not text.endswith("\n"):
        rep.err(path, None, "last line has no terminating newline")
    for i, line in enumerate(text.split("\n"), start=1):
        if line != line.rstrip(" \t"):
            rep.err(path, i, "trailing whitespace")
    return text


def toml_header_lines(text):
    """Line numbers of the table headers of a TOML text: {("stages", "scrutiny"): 7, ...} for
    [stages.scrutiny], and {"services": [12, 40, ...]} for the [[services]] entries in order."""
    tables, arrays = {}, {}
    for i, line in enumerate(text.split("\n"), start=1):
        m = re.match(r"^\[\[\s*([A-Za-z0-9_-]+)\s*\]\]", line)
        if m:
            arrays.setdefault(m.group(1), []).append(i)
            continue
        m = re.match(r'^\[\s*([A-Za-z0-9_-]+)\s*\.\s*"?([A-Za-z0-9_-]+)"?\s*\]', line)
        if m:
            tables[(m.group(1), m.group(2))] = i
    return tables, arrays


def check_keys(path, line, what, value, kind, rep):
    """Report unknown, missing and mistyped keys of a khidmat.toml table. False when
    `value` is not a table at all."""
    if not isinstance(value, dict):
        rep.err(path, line, f"{what} must be a table")
        return False
    schema = KHIDMAT_KEYS[kind]
    for key in value:
        if key not in schema:
            rep.err(path, line, f"{what}: unknown key {key!r} (allowed: {', '.join(schema)})")
    for key, (typ, required) in schema.items():
        if key not in value:
            if required:
                rep.err(path, line, f"{what}: {key} is missing")
            continue
        v = value[key]
        ok = isinstance(v, typ) and not (typ is int and isinstance(v, bool))
        if ok and typ is list and key not in KHIDMAT_TABLE_LISTS:
            ok = all(isinstance(x, str) for x in v)
        if ok and typ is int:
            ok = v >= 0
        if not ok:
            want = {str: "a string", int: "a whole number, not negative", bool: "true or false",
                    dict: "a table",
                    list: "a list of tables" if key in KHIDMAT_TABLE_LISTS else "a list of strings"}[typ]
            rep.err(path, line, f"{what}: {key} must be {want}")
    return True


def table_label(kind, index, value):
    """`service 'DOMICILE'`, or `service #3` when the entry has no usable code."""
    code = value.get("code") if isinstance(value, dict) else None
    return f"{kind} {code!r}" if isinstance(code, str) and code else f"{kind} #{index + 1}"


def str_list(value):
    """`value` if it is a list of strings, else [] (the type error is reported by check_keys)."""
    return value if isinstance(value, list) and all(isinstance(x, str) for x in value) else []


def check_khidmat(pack_dir, pcode, geo, offices, used_codes, rep):
    """khidmat.toml: the e-Khidmat Markaz catalogue. Mirrors daftar-khidmat's catalogue::parse
    plus the pack rules (master-data codes exist, English/Urdu text). Returns counts."""
    path = os.path.join(pack_dir, "khidmat.toml")
    text = read_text(path, rep)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        rep.err(path, int(m.group(1)) if m else None, f"cannot parse: {e}")
        return None
    tables, arrays = toml_header_lines(text)
    if not check_keys(path, None, "khidmat.toml", data, "file", rep):
        return None

    def text_ok(line, what, key, value, urdu):
        if not isinstance(value, str):
            return
        p = urdu_problem(value) if urdu else english_problem(value)
        if p:
            rep.err(path, line, f"{what}: {key} {p}")

    def texts(line, what, value, keys):
        for key in keys:
            text_ok(line, what, key, value.get(key), key.endswith("_ur"))

    # working week
    days = str_list(data.get("days_off"))
    days_line = next((i for i, l in enumerate(text.split("\n"), start=1) if re.match(r"^days_off\s*=", l)), None)
    for d in days:
        if d not in WEEKDAYS:
            rep.err(path, days_line, f"days_off: {d!r} is not a day ({WEEKDAYS[0]} ... {WEEKDAYS[-1]})")
    if sum(d in WEEKDAYS for d in days) >= 7:  # as the parser counts them
        rep.err(path, days_line, "days_off leaves no working day")

    # stages, documents, fields
    def named(kind):
        v = data.get(kind)
        return v if isinstance(v, dict) else {}

    stages = {}
    for code, st in named("stages").items():
        line = tables.get(("stages", code))
        what = f"stage {code!r}"
        if not check_keys(path, line, what, st, "stage", rep):
            continue
        stages[code] = st
        if not KHIDMAT_LOWER_RE.match(code) or code in KHIDMAT_RESERVED_STAGES:
            rep.err(path, line, f"{what}: a stage code is small letters, digits and _, and not one of "
                                + ", ".join(KHIDMAT_RESERVED_STAGES))
        if st.get("role") not in KHIDMAT_ROLES:
            rep.err(path, line, f"{what}: role {st.get('role')!r} is not one of {', '.join(KHIDMAT_ROLES)}")
        action = st.get("action")
        if not isinstance(action, str) or not KHIDMAT_LOWER_RE.match(action) or action in KHIDMAT_RESERVED_ACTIONS:
            rep.err(path, line, f"{what}: action {action!r} is not a plain action name (small letters, "
                                "digits and _; not " + ", ".join(KHIDMAT_RESERVED_ACTIONS) + ")")
        texts(line, what, st, ("name", "name_ur"))
    documents = {}
    for code, doc in named("documents").items():
        line = tables.get(("documents", code))
        what = f"document {code!r}"
        if not check_keys(path, line, what, doc, "document", rep):
            continue
        documents[code] = doc
        if not KHIDMAT_LOWER_RE.match(code):
            rep.err(path, line, f"{what}: a document code is small letters, digits and _")
        texts(line, what, doc, ("name", "name_ur"))
    fields = {}
    for code, fld in named("fields").items():
        line = tables.get(("fields", code))
        what = f"field {code!r}"
        if not check_keys(path, line, what, fld, "field", rep):
            continue
        fields[code] = fld
        if not KHIDMAT_LOWER_RE.match(code):
            rep.err(path, line, f"{what}: a field code is small letters, digits and _")
        if fld.get("kind", "text") not in KHIDMAT_FIELD_KINDS:
            rep.err(path, line, f"{what}: kind {fld.get('kind')!r} must be one of {', '.join(KHIDMAT_FIELD_KINDS)}")
        texts(line, what, fld, ("label", "label_ur"))

    # centres and their counters; centre and counter codes share one namespace
    centre_lines = arrays.get("centres", [])
    codes = set()
    n_counters = 0
    centres = data.get("centres") if isinstance(data.get("centres"), list) else []
    for i, c in enumerate(centres):
        line = centre_lines[i] if i < len(centre_lines) else None
        if not check_keys(path, line, table_label("centre", i, c), c, "centre", rep):
            continue
        code = c.get("code")
        what = f"centre {code!r}"
        if not isinstance(code, str) or not CODE_RE.match(code) or not code.startswith(pcode + "-"):
            rep.err(path, line, f"{what}: the code must start with {pcode}- (uppercase letters, digits and single hyphens)")
        elif code in codes:
            rep.err(path, line, f"{what} is listed twice")
        elif code in used_codes:
            rep.err(path, line, f"{what}: code already used in {used_codes[code]}")
        codes.add(code)
        district = c.get("district")
        if not isinstance(district, str):
            pass  # reported by check_keys
        elif district not in geo:
            rep.err(path, line, f"{what}: district {district!r} does not exist in geography.csv")
        elif geo[district][0] != "district":
            rep.err(path, line, f"{what}: {district} is a {geo[district][0]}, not a district")
        opens, closes = c.get("opens"), c.get("closes")
        if not (isinstance(opens, str) and isinstance(closes, str) and CLOCK_RE.match(opens)
                and CLOCK_RE.match(closes) and opens < closes):
            rep.err(path, line, f"{what}: opens and closes are HH:MM, opening first")
        texts(line, what, c, ("name", "name_ur"))
        counters = c.get("counters") if isinstance(c.get("counters"), list) else []
        if not counters:
            rep.err(path, line, f"{what} has no counters")
        for k in counters:
            if not check_keys(path, line, f"{what}: counter", k, "counter", rep):
                continue
            n_counters += 1
            kcode = k.get("code")
            full = f"{code}-{kcode}"
            kwhat = f"{what}: counter {kcode!r}"
            if not isinstance(kcode, str) or not KHIDMAT_UPPER_RE.match(kcode) or not CODE_RE.match(full) or full in codes:
                rep.err(path, line, f"{kwhat} is not a code (uppercase letters and digits) or is listed twice")
            elif full in used_codes:
                rep.err(path, line, f"{kwhat}: code {full} already used in {used_codes[full]}")
            codes.add(full)
            serves = str_list(k.get("serves"))
            if not serves or any(x not in KHIDMAT_CATEGORIES for x in serves):
                rep.err(path, line, f"{kwhat} serves one or more of {', '.join(KHIDMAT_CATEGORIES)}")
            elif len(set(serves)) != len(serves):
                rep.err(path, line, f"{kwhat} lists a category twice")
            texts(line, kwhat, k, ("name", "name_ur"))

    # services
    service_lines = arrays.get("services", [])
    service_codes = set()
    services = data.get("services") if isinstance(data.get("services"), list) else []
    n_services = 0
    for i, s in enumerate(services):
        line = service_lines[i] if i < len(service_lines) else None
        if not check_keys(path, line, table_label("service", i, s), s, "service", rep):
            continue
        n_services += 1
        code = s.get("code")
        what = f"service {code!r}"
        if not isinstance(code, str) or not KHIDMAT_UPPER_RE.match(code) or code in service_codes:
            rep.err(path, line, f"{what}: not a code ([A-Z][A-Z0-9_-]*, at most 40), or listed twice")
        service_codes.add(code)
        dept = s.get("department")
        if not isinstance(dept, str):
            pass  # reported by check_keys
        elif dept not in offices:
            rep.err(path, line, f"{what}: department {dept!r} does not exist in offices.csv")
        elif offices[dept][1]["kind"] not in ("department", "attached_department"):
            rep.err(path, line, f"{what}: {dept} is an office; the owner is a department or attached_department")
        days = s.get("turnaround_days")
        days_ok = isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= 365
        if isinstance(days, int) and not days_ok:
            rep.err(path, line, f"{what}: turnaround_days is 1 to 365")
        urgent_days = s.get("urgent_days")
        if isinstance(urgent_days, int) and not isinstance(urgent_days, bool) and days_ok \
                and not 1 <= urgent_days <= days:
            rep.err(path, line, f"{what}: urgent_days is at least 1 and no more than turnaround_days")
        listed = str_list(s.get("documents")) + str_list(s.get("optional_documents"))
        for d in listed:
            if d not in documents:
                rep.err(path, line, f"{what}: document {d!r} is not defined under [documents]")
        for d in sorted({d for d in listed if listed.count(d) > 1}):
            rep.err(path, line, f"{what}: document {d!r} is listed twice")
        for f in str_list(s.get("fields")):
            if f not in fields:
                rep.err(path, line, f"{what}: field {f!r} is not defined under [fields]")
        own = str_list(s.get("stages"))
        for st in own:
            if st not in stages:
                rep.err(path, line, f"{what}: stage {st!r} is not defined under [stages]")
        for st in sorted({st for st in own if own.count(st) > 1}):
            rep.err(path, line, f"{what}: stage {st!r} is listed twice")
        if not own:
            rep.err(path, line, f"{what}: a service has at least one stage")
        for r in str_list(s.get("escalation")):
            if r not in KHIDMAT_ROLES:
                rep.err(path, line, f"{what}: escalation role {r!r} is not one of {', '.join(KHIDMAT_ROLES)}")
        texts(line, what, s, ("name", "name_ur", "designated_officer", "designated_officer_ur",
                              "appellate_authority", "appellate_authority_ur"))
        fees = s.get("fees") if isinstance(s.get("fees"), list) else []
        last = None
        any_urgent = False
        for f in fees:
            if not check_keys(path, line, f"{what}: fee schedule", f, "fee", rep):
                continue
            frm = f.get("from")
            if not isinstance(frm, str):
                continue  # reported by check_keys
            d = parse_date(frm)
            if d is None or not 1900 <= d.year <= 2200:
                rep.err(path, line, f"{what}: fees from {frm!r} is not a date (YYYY-MM-DD, as a string)")
                continue
            if last is not None and d <= last:
                rep.err(path, line, f"{what}: fee schedules are listed oldest first, each from a later date ({frm})")
            last = d
            any_urgent = any_urgent or "urgent" in f
            for kind in ("normal", "urgent"):
                lines = f.get(kind)
                if not isinstance(lines, dict):
                    continue
                for head, amount in lines.items():
                    if head not in KHIDMAT_FEE_HEADS:
                        rep.err(path, line, f"{what}: fee head {head!r} is not one of {', '.join(KHIDMAT_FEE_HEADS)}")
                    elif not isinstance(amount, int) or isinstance(amount, bool) or not 0 <= amount < 2**63 // 100:
                        rep.err(path, line, f"{what}: fee {head} = {amount!r} is not an amount in whole rupees")
        if not fees:
            rep.err(path, line, f"{what}: a service has at least one fee schedule (fees may be 0)")
        if ("urgent_days" in s) != any_urgent:
            rep.err(path, line, f"{what}: urgent_days and urgent fees go together")
    return {"centres": len(centres), "counters": n_counters, "services": n_services}


def check_filing(pack_dir, pcode, offices, posts, rep):
    """filing.toml: e-FOAS numbering, ranks, categories, record classes and sections.
    Mirrors the checks of daftar-filing's config::parse and pack::load that name data."""
    path = os.path.join(pack_dir, "filing.toml")
    text = read_text(path, rep)
    if text is None:
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        rep.err(path, getattr(e, "lineno", None), f"not valid TOML: {e}")
        return
    post_office = {r["code"]: r["office"] for _, r in posts}
    for key in ("categories", "record_classes", "departments"):
        if not data.get(key):
            rep.err(path, None, f"at least one [[{key}]] is required")
    for d in data.get("departments", []):
        office = d.get("office", "")
        if office not in offices:
            rep.err(path, None, f"department {office}: not an office in offices.csv")
        pattern = d.get("file_number", "")
        if pattern.count("{seq}") != 1:
            rep.err(path, None, f"department {office}: file_number must contain {{seq}} exactly once")
        for ph in re.findall(r"\{[^}]*\}", pattern):
            if ph not in ("{section}", "{seq}", "{year}"):
                rep.err(path, None, f"department {office}: unknown placeholder {ph}")
        for sec in d.get("sections", []):
            if post_office.get(sec.get("post")) != office:
                rep.err(path, None, f"department {office}: section {sec.get('code')}'s post {sec.get('post')} is not a post of the department")
            problem = urdu_problem(sec.get("name_ur", ""))
            if problem:
                rep.err(path, None, f"section {sec.get('code')} name_ur: {problem}")


def check_pack(pack_dir, rep):
    name = os.path.basename(pack_dir)
    if not os.path.isdir(pack_dir):
        rep.err(pack_dir, None, "pack folder does not exist")
        return None
    present = set(os.listdir(pack_dir))
    for f in PACK_FILES:
        if f not in present:
            rep.err(os.path.join(pack_dir, f), None, "required file is missing")
    for f in sorted(present - set(PACK_FILES) - set(OPTIONAL_FILES)):
        rep.err(os.path.join(pack_dir, f), None, "unexpected file in pack (a pack holds: " + ", ".join(PACK_FILES) + ", and optionally " + ", ".join(OPTIONAL_FILES) + ")")
    if "persons.toml" in present:
        check_persons(pack_dir, rep)
    if any(f not in present for f in PACK_FILES):
        return None
    prov = check_province(pack_dir, rep) or {}
    pcode = prov.get("code", "")
    geo = check_geography(pack_dir, pcode, rep)
    offices = check_offices(pack_dir, pcode, geo, rep)
    posts = check_posts(pack_dir, pcode, geo, offices, rep)
    holidays = check_holidays(pack_dir, rep)
    khidmat = None
    if "khidmat.toml" in present:
        used = {c: "geography.csv" for c in geo}
        used.update({c: "offices.csv" for c in offices})
        used.update({r["code"]: "posts.csv" for _, r in posts})
        khidmat = check_khidmat(pack_dir, pcode, geo, offices, used, rep)
    if "filing.toml" in present:
        check_filing(pack_dir, pcode, offices, posts, rep)
    counts = {lvl: sum(1 for v in geo.values() if v[0] == lvl) for lvl in LEVELS}
    kinds = {k: sum(1 for _, r in offices.values() if r["kind"] == k) for k in OFFICE_KINDS}
    return {"name": name, "code": pcode, "colour": prov.get("accent_colour"),
            "geo": counts, "offices": kinds, "posts": len(posts), "holidays": len(holidays),
            "khidmat": khidmat}


def main(argv):
    names = argv[1:] or sorted(
        d for d in os.listdir(HERE)
        if os.path.isdir(os.path.join(HERE, d)) and os.path.isfile(os.path.join(HERE, d, "province.toml"))
    )
    rep = Report()
    summaries = [s for s in (check_pack(os.path.join(HERE, n), rep) for n in names) if s]

    # across packs: province codes and accent colours must differ
    for key, label in (("code", "province code"), ("colour", "accent_colour")):
        vals = [str(s[key]).lower() for s in summaries]
        for v in sorted({v for v in vals if vals.count(v) > 1}):
            rep.err(HERE, None, f"{label} {v} is used by more than one pack")

    for s in summaries:
        g, o = s["geo"], s["offices"]
        print(f"{s['name']} ({s['code']}): geography province={g['province']} division={g['division']} "
              f"district={g['district']} tehsil={g['tehsil']} | offices department={o['department']} "
              f"attached_department={o['attached_department']} office={o['office']} | "
              f"posts={s['posts']} | holidays={s['holidays']}"
              + (f" | khidmat centres={k['centres']} counters={k['counters']} services={k['services']}"
                 if (k := s["khidmat"]) else ""))
    if rep.errors:
        for e in rep.errors:
            print(e)
        print(f"FAILED: {len(rep.errors)} error(s) in {len(names)} pack(s)")
        return 1
    print(f"OK: {len(names)} pack(s) valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
