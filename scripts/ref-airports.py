#!/usr/bin/env python3
"""Make data/airports.csv from OurAirports' airports.csv and runways.csv.

    python3 scripts/ref-airports.py AIRPORTS.csv RUNWAYS.csv > data/airports.csv

Keeps medium and large airports (the rows a jet can use; OurAirports
types them from their runways and services) and small airports that have
a four-letter ICAO-style ident and an open paved runway of at least
4,000 ft, the usual minimum for business jets.  Only the columns ghosttrack
reads are kept, plus `runway_ft`, the longest open runway.  OurAirports
data is public domain (https://ourairports.com/data/).
"""
import csv
import re
import sys

PAVED = re.compile(r"ASP|CON|PEM|BIT|TAR|PAV", re.I)


def main():
    airports, runways = sys.argv[1], sys.argv[2]
    longest, paved = {}, {}
    with open(runways, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r.get("closed") == "1":
                continue
            try:
                ft = int(float(r["length_ft"] or 0))
            except ValueError:
                continue
            ref = r["airport_ref"]
            if ft > longest.get(ref, 0):
                longest[ref] = ft
            if PAVED.search(r.get("surface") or "") and ft > paved.get(ref, 0):
                paved[ref] = ft
    cols = ["ident", "type", "name", "latitude_deg", "longitude_deg", "elevation_ft",
            "iso_country", "iata_code", "gps_code", "runway_ft"]
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(cols)
    rows = []
    with open(airports, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            t = r["type"]
            if t == "small_airport":
                icao = r["ident"] if re.fullmatch(r"[A-Z]{4}", r["ident"]) else ""
                if not icao or paved.get(r["id"], 0) < 4000:
                    continue
            elif t not in ("medium_airport", "large_airport"):
                continue
            r["runway_ft"] = str(longest.get(r["id"], "")) if r["id"] in longest else ""
            rows.append([r.get(c, "") for c in cols])
    rows.sort(key=lambda x: x[0])
    w.writerows(rows)


if __name__ == "__main__":
    main()
