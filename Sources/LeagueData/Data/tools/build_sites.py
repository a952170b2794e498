"""The sites table (sites.csv): every hospital and inpatient unit of every NHS trust, and the
clinics and offices ERIC lists, with each site's current operating trust, place, kind and
status, and the source of every field. Called by build_dataset.py; rules in the dataset README.
"""
import re
from collections import Counter, defaultdict

ETS = "nhs_trust_sites_ods_2023.csv"
ERIC = "nhs_sites_eric_2021-22.csv"
PARENTS_2026 = "nhs_site_parents_ord_2026-08.csv"
HOSPITALS_2026 = "nhs_hospital_sites_ord_2026-08.csv"
DISTRICTS = "postcode_districts_england.csv"

SOURCE = {
    "ets": "ODS ets (NHS trust sites) via github:diagonalworks/ucl-population-health data/ets.csv.gz @3a4c661 (2023)",
    "eric": "NHS England ERIC 2021/22 site level via github:diagonalworks/ucl-population-health data/eric.csv.gz @3a4c661",
    "ord2026": "ODS ORD API site parents 2026-08-08 via github:uniwalletdev/wayfinder data/ods-parents.json @e69ffae",
    "hosp2026": "ODS ORD API hospitals 2026-08-08 via github:uniwalletdev/wayfinder src/lib/venues/nhs-hospitals-data.ts @de14bd1",
    "codepoint": "OS Code-Point Open 2025-04 of the site's full postcode (shared/data section 10)",
    "districts": "shared/data/postcode_districts_england.csv town_area, local_area, post_town",
    "nhswebsite": "NHS website Hospital.csv 2020/2023 with current parents derived in shared/data/nhs_hospital_sites_current_parent.csv",
}
NHS_WEBSITE = "nhs_hospital_sites_current_parent.csv"

# ERIC site type -> kind. Mixed service hospitals (acute and community services on one site) are
# hospitals people go to for acute care, so they count as acute hospitals; the ERIC type is kept.
ERIC_KIND = {
    "General acute hospital": "acute_hospital",
    "Mixed service hospital": "acute_hospital",
    "Specialist hospital (acute only)": "specialist_hospital",
    "Community hospital (with inpatient beds)": "community_hospital",
    "Mental Health (including Specialist services)": "mental_health_unit",
    "Mental Health and Learning Disabilities": "mental_health_unit",
    "Learning Disabilities": "mental_health_unit",
    "Other inpatient": "other_inpatient",
    "Non inpatient": "clinic_or_office",
    "Support Facility": "clinic_or_office",
    "Other Reportable Site": "clinic_or_office",
    "Unoccupied": "clinic_or_office",
}

# Name inference for sites ERIC does not list. A part of a hospital ("A&E Department (Wythenshawe)",
# "Orthopaedic Clinic (Stratford Hospital)", "Royal Hallamshire Hospital - Photopheresis Service") is a
# clinic: any of these words anywhere makes the site a clinic or office.
CLINIC_WORDS = re.compile(
    r"\b(CLINIC|CLINICS|CENTRE|CENTER|DEPARTMENT|DEPT|OUTPATIENTS?|SERVICES?|TEAM|HUB|VACCINATION|COVID ?19|COVID|"
    r"TRIALS?|OFFICES?|HQ|HEADQUARTERS|PHARMACY|X-RAY|RADIOLOGY|LABORATORY|LAB|DAY HOSPITAL|ACCIDENT|A ?& ?E|"
    r"EMERGENCY|URGENT|UTC|CDC|SURGERY|PRACTICE|HOUSE|LODGE|BASE|STATION|WARD|SUITE|STORES?|CMHT|PHYSIOTHERAPY|"
    r"THEATRES?|ENDOSCOPY|MATERNITY|BIRTH|DIALYSIS|RENAL|NHS|LTD|LIMITED|TRUST|RESIDENCES?|ACCOMMODATION|"
    r"CAR PARK|RESEARCH|EDUCATION|ACADEMY|LIBRARY|KITCHEN|LAUNDRY|ESTATES?|DERMATOLOGY|NEUROLOGY|CARDIOLOGY|"
    r"OPHTHALMOLOGY|AUDIOLOGY|ONCOLOGY|HAEMATOLOGY|GYNAE|GYNAECOLOGY|OBS|ORTHOPTICS|ULTRASOUND|SCANNER|MRI|CT)\b")
COMMUNITY_WORDS = re.compile(r"\b(COMMUNITY HOSPITAL|MEMORIAL HOSPITAL|COTTAGE HOSPITAL|WAR MEMORIAL)\b")
HOSPITAL_WORDS = re.compile(r"\b(HOSPITAL|INFIRMARY)\b")
UNIT_WORDS = re.compile(r"\b(PSYCHIATRIC|MENTAL HEALTH|SECURE UNIT|INPATIENT UNIT)\b")
INPATIENT_KINDS = {"acute_hospital", "specialist_hospital", "community_hospital", "mental_health_unit", "other_inpatient"}

# Writing names as people write them (README "Site names").
ACRONYMS_WITH_VOWELS = {"NHS", "UCLH", "UCH", "QEH", "ICU", "OPD", "AMU", "ENT", "IAPT", "CAMHS", "UTC", "MIU", "ITU",
                        "SAU", "AEC", "EPU", "MAU", "ECT", "OOH", "EIS", "EIP", "ADHD", "HIV", "NICU", "SCBU", "CDU",
                        "EAU", "UCC", "UK", "HMP", "OT", "MSK", "CDC", "HQ", "BEH", "MHT", "CAMHS", "IAPT", "UEC",
                        "AIDS", "ICT", "IT", "OPAL", "PICU", "PET", "GUM", "ENT", "AAU", "EMU", "SEAU", "ACU"}
NOT_ACRONYMS = {"ST", "DR", "MR", "MRS", "MS", "LTD", "ST.", "DR.", "MT", "RD", "CT"}
SMALL = {"and", "of", "the", "upon", "on", "in", "for", "with", "at", "under", "by", "to", "le", "la", "de", "en"}
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI"}


def _word(word, first):
    """One upper-case word written as people write it (KING'S -> King's, ST -> St, CMHT -> CMHT)."""
    core = word.strip("()[],;:\"")
    lead = word[:len(word) - len(word.lstrip("([\""))]
    trail = word[len(lead) + len(core):]
    if not core:
        return word
    bare = core.replace("'", "")
    if core.upper() in ("ST", "ST."):
        out = "St"
    elif core.upper() == "DR" or core.upper() == "DR.":
        out = "Dr"
    elif core.upper() in ROMAN or core.upper() in ACRONYMS_WITH_VOWELS:
        out = core.upper()
    elif "&" in core and len(core) <= 5:                      # A&E, N&S, C&H
        out = core.upper()
    elif bare.isalpha() and not re.search(r"[AEIOUY]", bare.upper()) and core.upper() not in NOT_ACRONYMS and len(bare) >= 2:
        out = core.upper()                                    # CMHT, NMP, PRH
    elif re.fullmatch(r"[A-Z]\.([A-Z]\.)+", core.upper()):   # D.C.H.
        out = core.upper()
    elif any(c.isdigit() for c in core):
        out = core.upper()                                    # FP10, 2A
    else:
        def cap(part, first_part):
            low = part.lower()
            if part.upper() in ACRONYMS_WITH_VOWELS or (part.isalpha() and len(part) >= 2
                                                        and not re.search(r"[AEIOUY]", part.upper())):
                return part.upper()  # BEH-MHT
            if not first_part and low in SMALL:
                return low
            # an apostrophe inside keeps the rest lower (KING'S -> King's, O'NEILL -> O'neill is rare)
            return low[:1].upper() + low[1:]
        pieces = core.split("-")
        out = "-".join(cap(p, first and i == 0) if i == 0 else (p.lower() if p.lower() in SMALL else cap(p, False))
                       for i, p in enumerate(pieces))
        if not first and out.lower() in SMALL:
            out = out.lower()
    return lead + out + trail


def site_display_name(name):
    """ODS/ERIC upper-case site name -> the name as people write it: "ST MARY'S HOSPITAL" ->
    "St Mary's Hospital", "A & E DEPARTMENT (WYTHENSHAWE)" -> "A&E Department (Wythenshawe)"."""
    n = re.sub(r"\s+", " ", name.strip())
    n = re.sub(r"\bA\s*&\s*E\b", "A&E", n, flags=re.I)
    if n != n.upper():          # already mixed case in the source: keep it
        return n
    return " ".join(_word(w, i == 0) for i, w in enumerate(n.split(" ")))


def infer_kind(name):
    """Kind from the name alone, for sites ERIC does not list (flagged inferred)."""
    n = name.upper()
    if CLINIC_WORDS.search(n) and not n.endswith(("HOSPITAL", "INFIRMARY")):
        return "clinic_or_office"
    if CLINIC_WORDS.search(n.split("(")[0].split(" - ")[0]):
        return "clinic_or_office"
    if re.search(r" (AT|@) ", n):  # a service at a hospital ("L&G Dermatology at Queen Marys Hospital")
        return "clinic_or_office"
    if " - " in n or "(" in n and not re.search(r"\((HERNE BAY|[A-Z ]+)\)$", n):
        return "clinic_or_office"
    if COMMUNITY_WORDS.search(n):
        return "community_hospital"
    if HOSPITAL_WORDS.search(n):
        return "acute_hospital"
    if UNIT_WORDS.search(n):
        return "mental_health_unit"
    return "clinic_or_office"


def ods_date(v):
    v = v.strip()
    return f"{v[0:4]}-{v[4:6]}-{v[6:8]}" if re.fullmatch(r"\d{8}", v) else ""


def successor_chains(succ, derived):
    """old code -> (current code, [(old, new, date), ...]) through every succession."""
    nxt = {}
    for s in succ:
        nxt.setdefault(s["old_ods_code"].strip().upper(), (s["successor_ods_code"].strip().upper(), s["effective_date"]))
    for old, (new, date) in derived.items():
        nxt.setdefault(old, (new, date))

    def follow(code):
        seen, steps = set(), []
        while code in nxt and code not in seen:
            seen.add(code)
            new, date = nxt[code]
            steps.append((code, new, date))
            code = new
        return code, steps
    return follow


RAW_SUCC = "raw/ods_succ_github_Maglehoj_42578-Project_2026-05.csv"


def derive_closed_trust_successors(src, trows, succ, p26, fail):
    """Closed trusts that nhs_trust_successors.csv (successions from 2018) does not cover.
    First the full ODS succ file (every year, trust-level rows: old code -> new code, date); then, for
    a closed trust it does not name either, the trust its own site codes (code prefix = trust code)
    belong to in the 2026 parent map, by majority (ties to the lower code), effective the day after
    the trust's ODS close date."""
    import csv
    import datetime
    import os
    known = {s["old_ods_code"].strip().upper() for s in succ}
    raw = {}
    with open(os.path.join(src, RAW_SUCC), encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            old, new, _, date = row[0].strip().upper(), row[1].strip().upper(), row[2], row[3].strip()
            if old in trows and new in trows and old not in known:
                raw.setdefault(old, (new, f"{date[0:4]}-{date[4:6]}-{date[6:8]}"))
    by_prefix = defaultdict(Counter)
    for code, parent in p26.items():
        by_prefix[code[:3]][parent] += 1
    out = {}
    for code, t in trows.items():
        if t[6] != "N" or code in known:
            continue
        if code in raw:
            new, eff = raw[code]
            out[code] = (new, eff, "ods_succ", f"ODS succ (all years) {RAW_SUCC} @c0ee054, trust-level row {code} -> {new}")
            continue
        counts = Counter({k: v for k, v in by_prefix.get(code, Counter()).items() if k != code})
        if not counts:
            continue
        best, n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if best not in trows:
            fail(f"derived successor {best} of closed trust {code} is not a known trust")
        eff = ""
        if t[5]:
            eff = (datetime.date.fromisoformat(t[5]) + datetime.timedelta(days=1)).isoformat()
        out[code] = (best, eff, "derived_from_site_parents",
                     f"derived: {n} of the {sum(counts.values())} site codes of {code} (code prefix) belong to {best} in the "
                     "2026 parent map; effective date = the day after the ODS close date (trusts.csv)")
    return out


def build_sites(src, read_csv, fail, trows, succ):
    ets_rows = read_csv(src, ETS)
    ets = {r["site_code"].strip().upper(): r for r in ets_rows}
    eric = {}
    for r in read_csv(src, ERIC):
        code = r["site_code"].strip().upper()
        if code in eric:
            fail(f"{ERIC}: duplicate site {code}")
        if r["site_type"] not in ERIC_KIND:
            fail(f"{ERIC}: unknown site type {r['site_type']!r} for {code}")
        eric[code] = r
    p26 = {r["site_code"].strip().upper(): r["parent_ods_code"].strip().upper() for r in read_csv(src, PARENTS_2026)}
    h26 = {r["site_code"].strip().upper(): r for r in read_csv(src, HOSPITALS_2026)}
    districts = {r["outcode"]: r for r in read_csv(src, DISTRICTS)}
    # the NHS website's hospitals: only for codes no other source has (old codes ODS still lists in
    # 2026, e.g. RQ8L0 Broomfield, RW602 North Manchester General), with that file's derived parent
    web = {r["site_code"].strip().upper(): r for r in read_csv(src, NHS_WEBSITE)
           if r["current_parent_ods_code"].strip()}

    derived = derive_closed_trust_successors(src, trows, succ, p26, fail)
    follow = successor_chains(succ, {k: (v[0], v[1]) for k, v in derived.items()})

    # which sites: every ERIC site, every ets site whose name says hospital or infirmary (or an
    # inpatient unit), every hospital of the 2026 list
    codes = set(eric)
    for code, r in ets.items():
        if HOSPITAL_WORDS.search(r["site_name"].upper()) or UNIT_WORDS.search(r["site_name"].upper()):
            codes.add(code)
    codes |= set(h26)
    codes |= {c for c in web if c in p26}

    def current_trust(code, ets_parent, eric_parent):
        if code in p26:
            # ORD keeps some sites under a trust that has since merged (RVY, RAP): follow the chain
            trust, steps = follow(p26[code])
            return trust, ("ods_2026_parent" if not steps else "ods_2026_parent_via_successor")
        base = ets_parent or eric_parent
        trust, steps = follow(base)
        if not steps:
            return trust, ("ets_parent" if ets_parent else "eric_parent")
        return trust, ("parent_via_derived_successor" if any(derived[s[0]][2] != "ods_succ" for s in steps if s[0] in derived)
                       else "parent_via_ods_successor")

    # open site codes per postcode and current trust, over every open ets site (not only the ones
    # listed here): the evidence the main-operator rule weighs (README "Main operator")
    at_postcode = defaultdict(Counter)
    for code, r in ets.items():
        if r["close_date"].strip() or not r["postcode"].strip():
            continue
        tr, _ = current_trust(code, r["parent_ods_code"].strip().upper(), "")
        at_postcode[r["postcode"].strip().upper()][tr] += 1

    rows = []
    kinds = Counter()
    for code in sorted(codes):
        e, t, h = eric.get(code), ets.get(code), h26.get(code)
        w = web.get(code) if not (e or t or h) else None
        # name: ets (ODS, the register) first, then ERIC, then the 2026 list
        if t:
            raw_name, name_src = t["site_name"], "ets"
        elif e:
            raw_name, name_src = e["site_name"], "eric"
        elif w:
            raw_name, name_src = w["site_name"], "nhswebsite"
        else:
            raw_name, name_src = h["site_name"], "hosp2026"
        name = site_display_name(raw_name)
        # operating trust: 2026 parent, else the ets (or ERIC) parent through the successor chain
        ets_parent = t["parent_ods_code"].strip().upper() if t else ""
        eric_parent = e["parent_ods_code"].strip().upper() if e else ""
        if w:
            # that file settles splits by hand (RW6: North Manchester General to R0A)
            trust, steps = follow(w["current_parent_ods_code"].strip().upper())
            link = "nhs_website_derived_parent" + ("_via_successor" if steps else "")
        else:
            trust, link = current_trust(code, ets_parent, eric_parent)
        if trust not in trows:
            continue  # not an NHS trust in the ODS trust list (e.g. a care trust code unknown here)
        # place
        postcode = (t["postcode"] if t and t["postcode"] else (e or h or w)["postcode"]).strip().upper()
        lat = lon = ""
        coord_src = ""
        for cand, csrc in ((t, "codepoint"), (e, "codepoint"), (h, "hosp2026"), (w, "nhswebsite")):
            if cand and cand.get("latitude", "").strip():
                lat, lon, coord_src = cand["latitude"].strip(), cand["longitude"].strip(), csrc
                break
        town = site_display_name(t["town"]) if t and t["town"].strip() else ""
        places = []
        for p in [town] + ([] if not postcode else _district_places(districts.get(postcode.split(" ")[0]))):
            p = p.strip()
            if p and p.lower() not in (x.lower() for x in places):
                places.append(p)
        # kind
        if e:
            kind, inferred, eric_type = ERIC_KIND[e["site_type"]], "N", e["site_type"]
        else:
            kind, inferred, eric_type = infer_kind(raw_name), "Y", ""
        kinds[(kind, inferred)] += 1
        # status
        close = ods_date(t["close_date"]) if t else ""
        open_date = ods_date(t["open_date"]) if t else ""
        is_open = "N" if close else "Y"
        status_src = "ets" if t else ("eric" if e else ("hosp2026" if h else "ord2026"))
        trust_src = "nhswebsite" if w else ("ord2026" if link.startswith("ods_2026") else ("ets" if ets_parent else "eric"))
        field_src = f"name:{name_src}; trust:{trust_src}+succ; " \
                    f"postcode:{'ets' if t and t['postcode'] else ('eric' if e else ('hosp2026' if h else 'nhswebsite'))}; coordinates:{coord_src}; " \
                    f"kind:{'eric' if e else 'name'}; status:{status_src}; places:{'ets+districts' if t else 'districts'}"
        others = []
        for cand in (e["site_name"] if e else "", h["site_name"] if h else ""):
            alt = site_display_name(cand) if cand else ""
            if alt and _norm(alt) != _norm(name) and _norm(alt) not in (_norm(o) for o in others):
                others.append(alt)
        pc_counts = "; ".join(f"{k} {v}" for k, v in sorted(at_postcode.get(postcode, Counter()).items(),
                                                              key=lambda kv: (-kv[1], kv[0])))
        rows.append([code, name, raw_name, "; ".join(others), trust, link, ets_parent, eric_parent, postcode, town, "; ".join(places),
                     lat, lon, kind, inferred, eric_type, is_open, open_date, close, pc_counts, field_src])
    header = ["site_code", "name", "name_in_source", "other_names", "current_trust_code", "trust_link_method", "ets_parent_code",
              "eric_parent_code", "postcode", "town", "place_names", "latitude", "longitude", "kind", "kind_inferred",
              "eric_site_type", "is_open", "open_date", "close_date", "open_codes_at_postcode", "field_sources"]
    return header, rows, derived, kinds


def _norm(name):
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("'", "")).strip()


def _district_places(d):
    if not d:
        return []
    out = [x for x in d["town_area"].split(",")]
    out.append(d["local_area"])
    out.append(d["post_town"].replace("St. ", "St "))
    return out
