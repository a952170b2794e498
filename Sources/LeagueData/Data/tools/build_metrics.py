"""Metrics part of the canonical dataset: metrics.csv (catalogue) and metric_values.csv.

Called by build_dataset.py. Reads NHS England's long-format NOF trust-data files in shared/data
(SOURCES.md sections 11-12), keeps every measured metric (OF00xx/OF01xx value rows, each joined with its
OF10xx/OF20xx metric-score row) and every score-only metric (a score row without a value row), and drops
domain scores/segments and summary rows (already in rankings.csv / domain_scores.csv).

Derived, never invented:
- direction: from the published ranks (rank order against value order, block by block); a block
  whose values are all equal says nothing; blocks must never disagree, or the build fails;
- ranked_count: ranked rows in the (quarter, table, metric) block;
- rank_check: how the published rank re-derives from the published value (see README).
"""
import csv
import os
from collections import Counter, defaultdict

from metrics_catalogue import CATALOGUE, SAME_MEASURE, SUSPICIOUS_UNITS

FILES = {
    "acute": ("nof_metrics_acute_2025-26_q1-2026-27_patient.csv",
              "NHS England NOF acute trust-data files (2025/26, 2026/27) via github:teatkins/NOFChartsTool "
              "data/nof_data_acute_2526.csv and nof_data_acute_2627.csv @93489f5, transcribed block by block "
              "(shared/data/nof_metrics_acute_2025-26_q1-2026-27_patient.csv; SOURCES.md section 12)"),
    "non-acute": ("nof_metrics_non_acute_2025-26.csv",
                  "NHS England NOF mental health and community trust-data file via github:teatkins/NOFChartsTool "
                  "data/nof_data_mhcom.csv @2ca4c11 (shared/data/nof_metrics_non_acute_2025-26.csv; SOURCES.md section 11)"),
    "ambulance": ("nof_metrics_ambulance_2025-26.csv",
                  "NHS England NOF ambulance trust-data file via github:teatkins/NOFChartsTool "
                  "data/nof_data_ambulance.csv @2ca4c11 (shared/data/nof_metrics_ambulance_2025-26.csv; SOURCES.md section 11)"),
}

DOMAIN_KEYS = {
    "2025/26": {"Access to services": "access", "Effectiveness and experience": "effectiveness_experience",
                "Patient safety": "patient_safety", "People and workforce": "people_workforce",
                "Finance and productivity": "finance_productivity"},
    "2026/27": {"Access to services": "access", "Patient safety": "patient_safety",
                "Finance, productivity and innovation": "finance_productivity_innovation", "People": "people",
                "Experience of care": "experience_of_care",
                "Effectiveness of care and population health": "effectiveness_population_health"},
}
SCORE_PREFIX = {"2025/26": "OF1", "2026/27": "OF2"}


def _num(v):
    v = v.strip()
    return "" if v == "" else v


def _int(v, fail, what):
    v = v.strip()
    if v == "":
        return ""
    f = float(v)
    if f != int(f):
        fail(f"{what}: rank {v!r} is not a whole number")
    return str(int(f))


def build_metrics(src, out, write_csv, fail, quarter_order, table_order, ranking_rows):
    """Writes metrics.csv and metric_values.csv; returns ({file: rows}, [check notes])."""
    notes = []
    in_table = defaultdict(set)  # (quarter, table) -> ods codes in the league table
    for r in ranking_rows:
        in_table[(r["quarter"], r["table"])].add(r["ods_code"])

    value_rows = {}   # (fy, id, quarter, table, ods) -> source row
    score_rows = {}
    meta = defaultdict(lambda: {"desc": Counter(), "units": Counter(), "domain": Counter(), "sub": Counter(),
                                "tables": set(), "quarters": set()})
    for table, (name, _) in FILES.items():
        with open(os.path.join(src, name), encoding="utf-8-sig", newline="") as f:
            for line, r in enumerate(csv.DictReader(f), start=2):
                q, mid = r["Quarter"], r["Metric_ID"].strip()
                if q not in quarter_order:
                    fail(f"{name}:{line}: unknown quarter {q!r}")
                fy = q.split(" ")[1]
                if not mid.startswith(("OF0", "OF1", "OF2")):
                    continue  # domain scores/segments (OF4xxx) and summary rows (OF5xxx)
                ods = r["Trust_code"].strip().upper()
                if ods not in in_table[(q, table)]:
                    fail(f"{name}:{line}: {ods} is not in the {q} {table} league table")
                key = (fy, mid, q, table, ods)
                target = value_rows if mid.startswith("OF0") else score_rows
                if key in target:
                    fail(f"{name}:{line}: duplicate {key}")
                target[key] = r
                m = meta[(fy, mid)]
                m["desc"][r["Metric_description"].strip()] += 1
                m["units"][r["Units"].strip()] += 1
                m["domain"][r["Domain"].strip()] += 1
                m["sub"][r["Sub-domain"].strip()] += 1
                m["tables"].add(table)
                m["quarters"].add(q)

    value_ids = {(fy, mid) for (fy, mid) in meta if mid.startswith("OF0")}
    score_only = {(fy, mid) for (fy, mid) in meta
                  if not mid.startswith("OF0") and (fy, "OF0" + mid[3:]) not in value_ids}
    # OF2029 scores OF0029 and OF0030 together (published as "Combined CYP and adult CMH ..."): keep it
    # as its own score-only metric rather than guessing which value it belongs to.
    score_only |= {("2026/27", "OF2029")} & set(meta)
    catalogue_ids = sorted(value_ids | score_only, key=lambda k: (k[0], k[1]))
    for k in catalogue_ids:
        if k not in CATALOGUE:
            fail(f"metric {k} has no plain-English name in metrics_catalogue.py")

    # ---------------------------------------------------------------- per-trust rows
    out_rows = []
    blocks = defaultdict(list)  # (fy, id, quarter, table) -> rows
    for (fy, mid) in catalogue_ids:
        is_value = (fy, mid) in value_ids
        keys = [k for k in (value_rows if is_value else score_rows) if k[0] == fy and k[1] == mid]
        for key in keys:
            r = (value_rows if is_value else score_rows)[key]
            _, _, q, table, ods = key
            score = ""
            if is_value:
                sr = score_rows.get((fy, SCORE_PREFIX[fy] + mid[3:], q, table, ods))
                if sr is not None:
                    score = _num(sr["Value"])
                    if _int(sr["Rank"], fail, str(key)) != _int(r["Rank"], fail, str(key)):
                        fail(f"{key}: score row rank {sr['Rank']!r} differs from value row rank {r['Rank']!r}")
            else:
                score = _num(r["Value"])
            if score and not (1.0 <= float(score) <= 4.0):
                fail(f"{key}: metric score {score} outside 1-4")
            row = {"quarter": q, "table": table, "ods_code": ods, "metric_id": mid, "framework": fy,
                   "reporting_date": r["Reporting_date"].strip(), "units": r["Units"].strip() if is_value else "",
                   "value": _num(r["Value"]) if is_value else "",
                   "rank": _int(r["Rank"], fail, str(key)) if is_value else "",
                   "median": _num(r["Median_value"]) if is_value else "",
                   "lower_quartile": _num(r["Lower_quartile"]) if is_value else "",
                   "upper_quartile": _num(r["Upper_quartile"]) if is_value else "",
                   "metric_score": score}
            if row["rank"] and row["value"] == "":
                fail(f"{key}: ranked without a value")
            out_rows.append(row)
            blocks[(fy, mid, q, table)].append(row)

    # ---------------------------------------------------------------- direction and rank checks
    direction = {}
    evidence = defaultdict(Counter)
    checks = Counter()
    for (fy, mid, q, table), rows in sorted(blocks.items()):
        ranked = [r for r in rows if r["rank"]]
        for r in rows:
            r["ranked_count"] = str(len(ranked)) if ranked else ""
            r["rank_check"] = ""
        if not ranked:
            continue
        by_rank = sorted(ranked, key=lambda r: int(r["rank"]))
        vals = [float(r["value"]) for r in by_rank]
        up = all(a <= b for a, b in zip(vals, vals[1:]))
        down = all(a >= b for a, b in zip(vals, vals[1:]))
        if not up and not down:
            fail(f"{q} {table} {mid}: published ranks do not order the values")
        d = None if (up and down) else ("lower_better" if up else "higher_better")
        evidence[(fy, mid)][d or "uninformative"] += 1
        if d:
            if direction.setdefault((fy, mid), d) != d:
                fail(f"{mid} ({fy}): {q} {table} ranks say {d}, other quarters {direction[(fy, mid)]}")
        for r in ranked:
            v = float(r["value"])
            better = sum(1 for o in ranked if (float(o["value"]) < v if d == "lower_better" else float(o["value"]) > v)) if d else 0
            same = sum(1 for o in ranked if float(o["value"]) == v)
            rk = int(r["rank"])
            if not (better + 1 <= rk <= better + same):
                fail(f"{q} {table} {mid} {r['ods_code']}: rank {rk} outside {better + 1}-{better + same} from the values")
            if same == 1:
                r["rank_check"] = "unique"
            elif sum(1 for o in ranked if float(o["value"]) == v and o["rank"] == r["rank"]) == same:
                r["rank_check"] = "tie_shared"
            else:
                r["rank_check"] = "tie_split"
            checks[r["rank_check"]] += 1
    for k in catalogue_ids:
        if k in SAME_MEASURE and k not in direction:
            # one-trust blocks only (e.g. OF0017 2026/27): the continued 2025/26 metric's ranks decide
            prev = (("2025/26", SAME_MEASURE[k]))
            if prev in direction:
                direction[k] = direction[prev]
                evidence[k]["from " + SAME_MEASURE[k] + " 2025/26"] += 1
        prev = SAME_MEASURE.get(k)
        if prev and k in direction and ("2025/26", prev) in direction and direction[k] != direction[("2025/26", prev)]:
            fail(f"{k}: direction {direction[k]} differs from the 2025/26 metric it continues")

    # ---------------------------------------------------------------- catalogue
    cat_rows = []
    for k in catalogue_ids:
        fy, mid = k
        m = meta[k]
        name, expl = CATALOGUE[k]
        dom = m["domain"].most_common(1)[0][0]
        if len(m["domain"]) != 1:
            fail(f"{k}: published in more than one domain {dict(m['domain'])}")
        dkey = DOMAIN_KEYS[fy].get(dom)
        if dkey is None:
            fail(f"{k}: unknown domain {dom!r}")
        units = " | ".join(u for u, _ in m["units"].most_common()) if k in value_ids else "score"
        unote = []
        if k in SUSPICIOUS_UNITS:
            unote.append(f"the source labels these values '{SUSPICIOUS_UNITS[k]}', which looks wrong for this measure "
                         "(SOURCES.md section 12); shown as published")
        prev = SAME_MEASURE.get(k)
        if prev and k in value_ids and ("2025/26", prev) in meta and k not in SUSPICIOUS_UNITS:
            before = set(meta[("2025/26", prev)]["units"])
            if before != set(m["units"]):
                unote.append(f"the unit label '{units}' differs from the 2025/26 label '{' | '.join(sorted(before))}' "
                             "of the same measure; shown as published")
        if len(m["units"]) > 1 and k in value_ids:
            unote.append("the unit label differs between trusts, as published: " +
                         ", ".join(f"{u} ({n} rows)" for u, n in m["units"].most_common()))
        ev = evidence.get(k, Counter())
        if k in direction:
            dnote = ", ".join(f"{n} block{'s' if n != 1 else ''} {w}" for w, n in sorted(ev.items()))
        elif k in score_only:
            dnote = "score only: 1 best to 4 worst; no value is published"
        elif ev:
            dnote = "not known: every ranked block has a single value (one trust), so the ranks show no order"
        else:
            dnote = "not known: NHS England publishes no rank for this metric"
        tables = sorted(m["tables"], key=lambda t: table_order[t])
        quarters = sorted(m["quarters"], key=lambda q: quarter_order[q])
        srcs = "; ".join(FILES[t][1] for t in tables)
        score_id = "" if k in score_only else (SCORE_PREFIX[fy] + mid[3:] if any(
            r["metric_score"] for b, rows in blocks.items() if b[:2] == k for r in rows) else "")
        cat_rows.append([mid, fy, "score_only" if k in score_only else "value", name, expl, units, "; ".join(unote),
                         direction.get(k, ""), dnote, dkey, dom, m["sub"].most_common(1)[0][0],
                         m["desc"].most_common(1)[0][0], score_id, SAME_MEASURE.get(k, ""),
                         " ".join(tables), " ".join(quarters), srcs])

    counts = {}
    counts["metrics.csv"] = write_csv(out, "metrics.csv",
                                      ["metric_id", "framework", "kind", "name", "explanation", "units", "units_note",
                                       "direction", "direction_evidence", "domain", "domain_as_published",
                                       "sub_domain_as_published", "description_as_published", "score_metric_id",
                                       "continues_metric_id", "tables", "quarters", "source"], cat_rows)
    header = ["quarter", "table", "ods_code", "metric_id", "reporting_date", "units", "value", "rank", "ranked_count",
              "rank_check", "median", "lower_quartile", "upper_quartile", "metric_score"]
    out_rows.sort(key=lambda r: (quarter_order[r["quarter"]], table_order[r["table"]], r["metric_id"],
                                 int(r["rank"] or 10**6), r["ods_code"]))
    counts["metric_values.csv"] = write_csv(out, "metric_values.csv", header, [[r[h] for h in header] for r in out_rows])
    notes.append(f"metrics: {len(cat_rows)} catalogue entries ({len(score_only)} score-only); "
                 f"{sum(checks.values())} published ranks re-derive from the values "
                 f"({checks['unique']} unique, {checks['tie_shared']} shared ties, {checks['tie_split']} split ties "
                 f"among equal published values); direction agrees in every ranked block")
    return counts, notes
