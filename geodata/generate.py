#!/usr/bin/env python3
"""Generate (and check) Arealbank's illustrative sample region in geodata/.

Usage (from the repository root or from geodata/):
    python3 geodata/generate.py            # write the GeoJSON files, then run the checks
    python3 geodata/generate.py --check    # only check the files that are there

Standard library only, deterministic (fixed seed, fixed input).  The official
municipality boundaries are read from ../shared/reference/kommuner.geojson
(relative to the repository root) ONLY to verify that every point and polygon
lies inside its municipality; they are never copied into geodata/.

Everything written here is illustrative: plots, plans, zones, hazard zones, prices
and texts are invented.  Only the village / centre coordinates are public facts
(kommuner.csv and public encyclopaedia coordinates, see README.md).
"""
import argparse
import csv
import json
import math
import os
import random
import re
import sys

SEED = 20240611
NOTE = ("Illustrative sample data authored for Arealbank from public place coordinates; "
        "not official plans or plots.")
M_PER_DEG = 111320.0          # metres per degree of latitude (and of longitude at the equator)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
REF = os.path.normpath(os.path.join(REPO, "..", "shared", "reference"))

# ---------------------------------------------------------------------------------------------
# Municipalities, contacts
# ---------------------------------------------------------------------------------------------
# Phone numbers are the municipalities' switchboards as remembered by the author: illustrative,
# verify before showing them as official contact data.
MUNICIPALITIES = {
    "4022": {"name": "Seljord", "slug": "seljord", "desk": "Seljord kommune, tenestetorget", "phone": "+47 35 06 51 00"},
    "4028": {"name": "Kviteseid", "slug": "kviteseid", "desk": "Kviteseid kommune, tenestetorget", "phone": "+47 35 06 81 00"},
    "4030": {"name": "Nissedal", "slug": "nissedal", "desk": "Nissedal kommune, tenestetorget", "phone": "+47 35 04 84 00"},
    "4032": {"name": "Fyresdal", "slug": "fyresdal", "desk": "Fyresdal kommune, tenestetorget", "phone": "+47 35 06 71 00"},
    "4034": {"name": "Tokke", "slug": "tokke", "desk": "Tokke kommune, tenestetorget", "phone": "+47 35 07 50 00"},
    "4036": {"name": "Vinje", "slug": "vinje", "desk": "Vinje kommune, tenestetorget", "phone": "+47 35 06 20 00"},
    "4640": {"name": "Sogndal", "slug": "sogndal", "desk": "Sogndal kommune, servicetorget", "phone": "+47 57 62 96 00"},
    "4644": {"name": "Luster", "slug": "luster", "desk": "Luster kommune, servicetorget", "phone": "+47 57 68 55 00"},
}

# ---------------------------------------------------------------------------------------------
# Places.  Kommunesenter: coordinates of ../shared/reference/kommuner.csv (read at run time).
# Villages: public coordinates (Wikipedia/SNL infoboxes) rounded; "approx" where the author had
# only a coarse coordinate (see README.md).
# ---------------------------------------------------------------------------------------------
VILLAGES = [
    # name, municipality, lat, lon, note
    ("Flatdal", "4022", 59.56783, 8.56703, "Wikipedia"),
    ("Brunkeberg", "4028", 59.44700, 8.48500, "approx: about 5 km north of Kviteseid (Wikipedia text)"),
    ("Morgedal", "4028", 59.47727, 8.41858, "Wikipedia"),
    ("Vrådal", "4028", 59.32601, 8.48480, "Wikipedia"),
    ("Kyrkjebygda", "4030", 59.16190, 8.50580, "Nissedal kyrkje, Wikipedia"),
    ("Lårdal", "4034", 59.42412, 8.18619, "Wikipedia"),
    ("Høydalsmo", "4034", 59.50000, 8.20000, "approx: 59°30'N 8°12'E (Wikipedia de)"),
    ("Rauland", "4036", 59.73300, 8.00000, "approx: 59°44'N 8°00'E (Wikipedia)"),
    ("Haukeli", "4036", 59.73482, 7.55163, "Wikipedia"),
    ("Hermansverk", "4640", 61.18300, 6.85100, "approx (Leikanger/Hermansverk, north shore of Sognefjorden)"),
    ("Kaupanger", "4640", 61.18444, 7.24222, "Wikipedia"),
    ("Balestrand", "4640", 61.20800, 6.53600, "approx"),
    ("Fjærland", "4640", 61.40500, 6.77000, "approx (Mundal, head of Fjærlandsfjorden)"),
    ("Hafslo", "4644", 61.31528, 7.20083, "Wikipedia"),
    ("Luster", "4644", 61.44306, 7.45972, "Wikipedia"),
    ("Skjolden", "4644", 61.48800, 7.60500, "approx (head of Lustrafjorden)"),
]

HUBS = [
    ("Vest-Telemark Næringshage", "4028", 59.40350, 8.49400,
     "Næringshage i Kviteseidbyen med kontorfellesskap, rettleiing for etablerarar og regionale utviklingsprosjekt."),
    ("Seljord næringshage", "4022", 59.48350, 8.62300,
     "Kontorfellesskap og næringsmiljø i Seljord sentrum, nær E134."),
    ("Nissedal næringshage", "4030", 59.02150, 8.52500,
     "Næringsmiljø i Treungen med kontorplassar og hjelp til nyetablerarar i Nissedal."),
    ("Fyresdal Næringshage", "4032", 59.18500, 8.09500,
     "Næringshage på Moland med kontorfellesskap og utviklingsprosjekt for næringslivet i Fyresdal."),
    ("Tokke teknologipark", "4034", 59.44200, 7.99750,
     "Teknologi- og næringspark i Dalen med kontor, verkstadlokale og kompetansemiljø."),
    ("Vinje næringshage", "4036", 59.57350, 7.98000,
     "Næringshage på Åmot med kontorfellesskap og rettleiing for nye verksemder i Vinje."),
    ("Leikanger næringshage", "4640", 61.18650, 6.85200,
     "Kontorfellesskap på Hermansverk for kunnskapsverksemder og nyetablerarar i Sogn."),
    ("Sogndal næringshage", "4640", 61.22900, 7.09600,
     "Næringsmiljø i Sogndalsfjøra nær Campus Fosshaugane, høgskulen og forskingsmiljøa."),
    ("Luster næringshage", "4644", 61.40950, 7.28400,
     "Næringsmiljø i Gaupne med kontorplassar og rettleiing for verksemder i Luster."),
]

# ---------------------------------------------------------------------------------------------
# Fields (clusters of plots).  Each field has an anchor (lat, lon) and a row direction `angle`
# (degrees counter-clockwise from east); plots are laid out in a local metric frame u (along the
# rows) / v (across), then rotated and placed.  Blocks inside a field are rows of plots with one
# purpose.  The anchors were placed inland from the village centres, away from the lakes and
# fjords (checked against a shoreline data set while authoring, see README.md).
# ---------------------------------------------------------------------------------------------
ROW_ROAD = 14.0   # metres between two housing rows (the access road)
BLOCK_GAP = 24.0  # metres between two blocks of a field

FIELDS = [
    # ------------------------------------------------------------------ Kviteseid 4028
    {"id": "K1", "kn": "4028", "anchor": (59.41500, 8.49900), "angle": 95, "region": "telemark",
     "near": ("Kviteseid sentrum", "Kviteseid sentrum", "Kviteseid centre"), "centre": (59.4022, 8.4927),
     "road": "Rv41", "plan": "4028-2015001", "gnr": 37, "bnr0": 112,
     "blocks": [
         {"name": "Kviteseid næringsområde", "purpose": "business", "n": 5, "rows": 1,
          "uses": ["naering", "industri", "lager"], "code": 1300, "zone": "BN1",
          "areas": [2600, 4200, 6500, 9000, 14500]},
         {"name": "Kviteseid næringsområde", "purpose": "business", "n": 3, "rows": 1,
          "uses": ["kontor", "forretning"], "code": 1810, "zone": "BFK1", "areas": [2100, 2800, 3600]},
     ]},
    {"id": "K2", "kn": "4028", "anchor": (59.40950, 8.51050), "angle": 20, "region": "telemark",
     "near": ("Kviteseid sentrum", "Kviteseid sentrum", "Kviteseid centre"), "centre": (59.4022, 8.4927),
     "plan": "4028-2019002", "gnr": 41, "bnr0": 205, "road_zone": True,
     "blocks": [{"name": "Bustadfelt Lia", "purpose": "housing", "n": 4, "rows": 2,
                 "uses": ["bustad"], "code": 1111, "zone": "BFS"}]},
    {"id": "K3", "kn": "4028", "anchor": (59.45000, 8.49300), "angle": 10, "region": "telemark",
     "near": ("Brunkeberg", "Brunkeberg", "Brunkeberg"), "centre": (59.4470, 8.4850),
     "plan": None, "gnr": 58, "bnr0": 41,
     "blocks": [{"name": "Brunkeberg bustad- og hyttefelt", "purpose": "combined", "n": 3, "rows": 2,
                 "uses": ["bustad", "fritidsbustad"], "code": 1800}]},
    {"id": "K4", "kn": "4028", "anchor": (59.33350, 8.49900), "angle": 30, "region": "telemark",
     "near": ("Vrådal", "Vrådal", "Vrådal"), "centre": (59.32601, 8.4848),
     "plan": "4028-2011003", "gnr": 96, "bnr0": 318,
     "blocks": [{"name": "Hyttefelt Vrådal nord", "purpose": "leisure", "n": 6, "rows": 1,
                 "uses": ["fritidsbustad"], "code": 1120, "zone": "BFR1", "status": 2}]},
    # ------------------------------------------------------------------ Seljord 4022
    {"id": "S1", "kn": "4022", "anchor": (59.47900, 8.60500), "angle": 35, "region": "telemark",
     "near": ("Seljord sentrum", "Seljord sentrum", "Seljord centre"), "centre": (59.4828, 8.6267),
     "plan": "4022-2018001", "gnr": 62, "bnr0": 140, "road_zone": True,
     "blocks": [{"name": "Bustadfelt Vestsida", "purpose": "housing", "n": 5, "rows": 2,
                 "uses": ["bustad"], "code": 1111, "zone": "BFS"}]},
    {"id": "S2", "kn": "4022", "anchor": (59.47350, 8.59900), "angle": 30, "region": "telemark",
     "near": ("Seljord sentrum", "Seljord sentrum", "Seljord centre"), "centre": (59.4828, 8.6267),
     "road": "E134", "plan": None, "gnr": 64, "bnr0": 22,
     "blocks": [{"name": "Seljord næringsområde", "purpose": "business", "n": 6, "rows": 1,
                 "uses": ["naering", "industri", "lager"], "code": 1300,
                 "areas": [2300, 3200, 4800, 5500, 7500, 11000]}]},
    {"id": "S3", "kn": "4022", "anchor": (59.57050, 8.57700), "angle": -65, "region": "telemark",
     "near": ("Flatdal", "Flatdal", "Flatdal"), "centre": (59.56783, 8.56703),
     "plan": None, "gnr": 21, "bnr0": 77,
     "blocks": [{"name": "Flatdal, Lia bustad- og hyttefelt", "purpose": "combined", "n": 4, "rows": 1,
                 "uses": ["bustad", "fritidsbustad"], "code": 1800}]},
    # ------------------------------------------------------------------ Nissedal 4030
    {"id": "N1", "kn": "4030", "anchor": (59.02100, 8.54000), "angle": 75, "region": "telemark",
     "near": ("Treungen sentrum", "Treungen sentrum", "Treungen centre"), "centre": (59.0206, 8.5202),
     "road": "Rv41", "plan": "4030-2016003", "gnr": 14, "bnr0": 60, "road_zone": True,
     "blocks": [
         {"name": "Bustadfelt Treungen aust", "purpose": "housing", "n": 4, "rows": 2,
          "uses": ["bustad"], "code": 1111, "zone": "BFS"},
         {"name": "Treungen næringsområde", "purpose": "business", "n": 6, "rows": 1,
          "uses": ["naering", "industri", "lager"], "code": 1300, "zone": "BN1",
          "areas": [2200, 2900, 3800, 5200, 6800, 9500]},
     ]},
    {"id": "N3", "kn": "4030", "anchor": (59.16400, 8.52300), "angle": 85, "region": "telemark",
     "near": ("Kyrkjebygda", "Kyrkjebygda", "Kyrkjebygda"), "centre": (59.1619, 8.5058),
     "plan": None, "gnr": 71, "bnr0": 130,
     "blocks": [
         {"name": "Kyrkjebygda, Nisserlia", "purpose": "combined", "n": 3, "rows": 1,
          "uses": ["bustad", "fritidsbustad"], "code": 1800},
         {"name": "Hyttefelt Nisserlia", "purpose": "leisure", "n": 3, "rows": 1,
          "uses": ["fritidsbustad"], "code": 1121},
     ]},
    # ------------------------------------------------------------------ Fyresdal 4032
    {"id": "F1", "kn": "4032", "anchor": (59.18650, 8.10600), "angle": 15, "region": "telemark",
     "near": ("Moland", "Moland", "Moland"), "centre": (59.1834, 8.0921),
     "plan": "4032-2017002", "gnr": 33, "bnr0": 90,
     "blocks": [{"name": "Bustadfelt Moland aust", "purpose": "housing", "n": 4, "rows": 2,
                 "uses": ["bustad"], "code": 1111, "zone": "BFS"}]},
    {"id": "F2", "kn": "4032", "anchor": (59.19200, 8.09600), "angle": 60, "region": "telemark",
     "near": ("Moland", "Moland", "Moland"), "centre": (59.1834, 8.0921),
     "road": "Fv355", "plan": None, "gnr": 35, "bnr0": 48,
     "blocks": [{"name": "Fyresdal næringsområde", "purpose": "business", "n": 6, "rows": 1,
                 "uses": ["naering", "industri", "lager"], "code": 1300,
                 "areas": [2400, 3100, 4000, 5600, 8200, 12500]}]},
    {"id": "F3", "kn": "4032", "anchor": (59.20100, 8.11500), "angle": -20, "region": "telemark",
     "near": ("Moland", "Moland", "Moland"), "centre": (59.1834, 8.0921),
     "plan": None, "gnr": 39, "bnr0": 210,
     "blocks": [{"name": "Hyttefelt Fyresdal nord", "purpose": "leisure", "n": 6, "rows": 1,
                 "uses": ["fritidsbustad"], "code": 1120}]},
    # ------------------------------------------------------------------ Tokke 4034
    {"id": "T1", "kn": "4034", "anchor": (59.44750, 8.00000), "angle": 5, "region": "telemark",
     "near": ("Dalen sentrum", "Dalen sentrum", "Dalen centre"), "centre": (59.4408, 8.0019),
     "plan": "4034-2020001", "gnr": 52, "bnr0": 170, "road_zone": True,
     "blocks": [{"name": "Bustadfelt Dalen nord", "purpose": "housing", "n": 5, "rows": 2,
                 "uses": ["bustad"], "code": 1111, "zone": "BFS"}]},
    {"id": "T2", "kn": "4034", "anchor": (59.43800, 7.98000), "angle": 15, "region": "telemark",
     "near": ("Dalen sentrum", "Dalen sentrum", "Dalen centre"), "centre": (59.4408, 8.0019),
     "road": "Fv38", "plan": "4034-2012004", "gnr": 50, "bnr0": 301,
     "blocks": [
         {"name": "Dalen næringsområde", "purpose": "business", "n": 4, "rows": 1,
          "uses": ["naering", "industri", "lager"], "code": 1300, "zone": "BN1",
          "areas": [2500, 3400, 5200, 7800]},
         {"name": "Dalen næringsområde", "purpose": "business", "n": 2, "rows": 1,
          "uses": ["kontor", "lager"], "code": 1825, "zone": "BKL1", "areas": [2200, 3000]},
     ]},
    {"id": "T3", "kn": "4034", "anchor": (59.50300, 8.20300), "angle": 0, "region": "telemark",
     "near": ("Høydalsmo", "Høydalsmo", "Høydalsmo"), "centre": (59.5000, 8.2000),
     "plan": None, "gnr": 11, "bnr0": 55,
     "blocks": [{"name": "Bustadfelt Høydalsmo", "purpose": "housing", "n": 4, "rows": 1,
                 "uses": ["bustad"], "code": 1110}]},
    {"id": "T4", "kn": "4034", "anchor": (59.43000, 8.19000), "angle": 10, "region": "telemark",
     "near": ("Lårdal", "Lårdal", "Lårdal"), "centre": (59.42412, 8.18619),
     "plan": None, "gnr": 78, "bnr0": 92,
     "blocks": [{"name": "Hyttefelt Lårdal", "purpose": "leisure", "n": 4, "rows": 1,
                 "uses": ["fritidsbustad"], "code": 1120}]},
    # ------------------------------------------------------------------ Vinje 4036
    {"id": "V1", "kn": "4036", "anchor": (59.57700, 7.96900), "angle": 30, "region": "telemark",
     "near": ("Åmot sentrum", "Åmot sentrum", "Åmot centre"), "centre": (59.5725, 7.9814),
     "plan": "4036-2019003", "gnr": 102, "bnr0": 240,
     "blocks": [
         {"name": "Bustadfelt Åmot vest", "purpose": "housing", "n": 4, "rows": 2,
          "uses": ["bustad"], "code": 1111, "zone": "BFS"},
         {"name": "Åmot vest, bustad og næring", "purpose": "combined", "n": 4, "rows": 1,
          "uses": ["bustad", "naering"], "code": 1800, "zone": "BKB1"},
     ]},
    {"id": "V2", "kn": "4036", "anchor": (59.57950, 7.99000), "angle": 60, "region": "telemark",
     "near": ("Åmot sentrum", "Åmot sentrum", "Åmot centre"), "centre": (59.5725, 7.9814),
     "road": "E134", "plan": None, "gnr": 104, "bnr0": 15,
     "blocks": [{"name": "Åmot næringsområde", "purpose": "business", "n": 6, "rows": 1,
                 "uses": ["industri", "lager"], "code": 1826,
                 "areas": [2200, 3000, 3900, 4700, 6600, 8800]}]},
    {"id": "V3", "kn": "4036", "anchor": (59.73900, 7.99500), "angle": -10, "region": "telemark",
     "near": ("Rauland", "Rauland", "Rauland"), "centre": (59.7330, 8.0000),
     "plan": None, "gnr": 160, "bnr0": 402,
     "blocks": [{"name": "Hyttefelt Rauland nord", "purpose": "leisure", "n": 6, "rows": 1,
                 "uses": ["fritidsbustad"], "code": 1120}]},
    # ------------------------------------------------------------------ Sogndal 4640
    {"id": "G1", "kn": "4640", "anchor": (61.23000, 7.08400), "angle": 20, "region": "sogn",
     "near": ("Sogndalsfjøra", "Sogndalsfjøra", "Sogndalsfjøra"), "centre": (61.2256, 7.1017),
     "plan": "4640-2019004", "gnr": 23, "bnr0": 410, "road_zone": True,
     "blocks": [{"name": "Bustadfelt Sogndal vest", "purpose": "housing", "n": 4, "rows": 2,
                 "uses": ["bustad"], "code": 1111, "zone": "BFS"}]},
    {"id": "G2", "kn": "4640", "anchor": (61.19200, 7.25000), "angle": 10, "region": "sogn",
     "near": ("Kaupanger", "Kaupanger", "Kaupanger"), "centre": (61.18444, 7.24222),
     "road": "Rv5", "plan": "4640-2018005", "gnr": 8, "bnr0": 160,
     "blocks": [
         {"name": "Kaupanger næringsområde", "purpose": "business", "n": 4, "rows": 1,
          "uses": ["naering", "industri", "lager"], "code": 1300, "zone": "BN1",
          "areas": [3000, 4600, 9000, 6200]},
         {"name": "Kaupanger næringsområde", "purpose": "business", "n": 2, "rows": 1,
          "uses": ["kontor"], "code": 1310, "zone": "BK1", "areas": [2100, 2700]},
     ]},
    {"id": "G3", "kn": "4640", "anchor": (61.19150, 6.85600), "angle": 5, "region": "sogn",
     "near": ("Hermansverk", "Hermansverk", "Hermansverk"), "centre": (61.1830, 6.8510),
     "plan": None, "gnr": 72, "bnr0": 88,
     "blocks": [{"name": "Bustadfelt Leikanger aust", "purpose": "housing", "n": 3, "rows": 2,
                 "uses": ["bustad"], "code": 1110}]},
    {"id": "G4", "kn": "4640", "anchor": (61.20400, 6.52500), "angle": 80, "region": "sogn",
     "near": ("Balestrand", "Balestrand", "Balestrand"), "centre": (61.2080, 6.5360),
     "plan": None, "gnr": 14, "bnr0": 51,
     "blocks": [{"name": "Balestrand, bustad- og hyttefelt", "purpose": "combined", "n": 4, "rows": 1,
                 "uses": ["bustad", "fritidsbustad"], "code": 1800}]},
    {"id": "G5", "kn": "4640", "anchor": (61.40400, 6.78500), "angle": 80, "region": "sogn",
     "near": ("Fjærland", "Fjærland", "Fjærland"), "centre": (61.4050, 6.7700),
     "plan": None, "gnr": 120, "bnr0": 19,
     "blocks": [{"name": "Hyttefelt Fjærland", "purpose": "leisure", "n": 3, "rows": 1,
                 "uses": ["fritidsbustad"], "code": 1120}]},
    # ------------------------------------------------------------------ Luster 4644
    {"id": "L1", "kn": "4644", "anchor": (61.41300, 7.27000), "angle": 30, "region": "sogn",
     "near": ("Gaupne sentrum", "Gaupne sentrum", "Gaupne centre"), "centre": (61.4081, 7.2856),
     "plan": "4644-2022001", "gnr": 140, "bnr0": 320, "road_zone": False,
     "blocks": [{"name": "Bustadfelt Gaupne nord", "purpose": "housing", "n": 5, "rows": 2,
                 "uses": ["bustad"], "code": 1111, "zone": "BFS"}]},
    {"id": "L2", "kn": "4644", "anchor": (61.41650, 7.29600), "angle": 80, "region": "sogn",
     "near": ("Gaupne sentrum", "Gaupne sentrum", "Gaupne centre"), "centre": (61.4081, 7.2856),
     "road": "Fv55", "plan": None, "gnr": 142, "bnr0": 75,
     "blocks": [{"name": "Gaupne næringsområde", "purpose": "business", "n": 6, "rows": 1,
                 "uses": ["naering", "industri", "lager"], "code": 1300,
                 "areas": [2400, 3300, 4400, 6000, 7700, 10500]}]},
    {"id": "L3", "kn": "4644", "anchor": (61.32000, 7.20200), "angle": 20, "region": "sogn",
     "near": ("Hafslo", "Hafslo", "Hafslo"), "centre": (61.31528, 7.20083),
     "plan": None, "gnr": 181, "bnr0": 140,
     "blocks": [{"name": "Bustadfelt Hafslo nord", "purpose": "housing", "n": 4, "rows": 1,
                 "uses": ["bustad"], "code": 1110}]},
    {"id": "L4", "kn": "4644", "anchor": (61.44650, 7.44500), "angle": 60, "region": "sogn",
     "near": ("Luster", "Luster", "Luster village"), "centre": (61.44306, 7.45972),
     "plan": None, "gnr": 230, "bnr0": 66,
     "blocks": [{"name": "Luster, Dalsdalen bustad- og hyttefelt", "purpose": "combined", "n": 4, "rows": 1,
                 "uses": ["bustad", "fritidsbustad"], "code": 1800}]},
]

PLANS = {
    "4028-2015001": {"name": "Detaljregulering for Kviteseid næringsområde", "type": 35, "status": 3,
                     "date": "2015-06-18"},
    "4028-2019002": {"name": "Detaljregulering for bustadfelt Lia", "type": 35, "status": 3,
                     "date": "2019-11-21"},
    "4028-2011003": {"name": "Kommunedelplan for Vrådal", "type": 21, "status": 3, "date": "2011-09-15"},
    "4022-2018001": {"name": "Detaljregulering for bustadfelt Vestsida", "type": 35, "status": 3,
                     "date": "2018-04-26"},
    "4030-2016003": {"name": "Områderegulering for Treungen aust", "type": 34, "status": 3,
                     "date": "2016-10-13"},
    "4032-2017002": {"name": "Detaljregulering for bustadfelt Moland aust", "type": 35, "status": 3,
                     "date": "2017-05-30"},
    "4034-2020001": {"name": "Detaljregulering for bustadfelt Dalen nord", "type": 35, "status": 3,
                     "date": "2020-12-10"},
    "4034-2012004": {"name": "Detaljregulering for Dalen næringsområde", "type": 35, "status": 3,
                     "date": "2012-03-22"},
    "4036-2019003": {"name": "Detaljregulering for Åmot vest", "type": 35, "status": 3, "date": "2019-09-19"},
    "4640-2019004": {"name": "Detaljregulering for bustadfelt Sogndal vest", "type": 35, "status": 3,
                     "date": "2019-06-13"},
    "4640-2018005": {"name": "Detaljregulering for Kaupanger næringsområde", "type": 35, "status": 3,
                     "date": "2018-02-15"},
    "4644-2022001": {"name": "Detaljregulering for bustadfelt Gaupne nord", "type": 35, "status": 2,
                     "date": "2022-08-25"},
}

# Hazard zones: placed across one edge of a given plot (field, block, index), reaching `reach`
# metres outwards on side "v-" (below the first row) or "v+" (above the last row) or "u-"/"u+".
HAZARDS = [
    {"name": "H320_1", "code": 320, "field": "S3", "block": 0, "plot": 1, "side": "v-", "reach": 260,
     "nn": "Flaumsone langs Flatdøla og dalbotnen i Flatdal. Elva og jordbruksareala går ofte over sine breidder."},
    {"name": "H320_1", "code": 320, "field": "T2", "block": 0, "plot": 1, "side": "v-", "reach": 90,
     "nn": "Flaumsone langs Tokkeåi ved innløpet til Bandak. Golvnivå må liggje over 200-årsflaum."},
    {"name": "H310_1", "code": 310, "field": "T1", "block": 0, "plot": 7, "side": "v+", "reach": 140,
     "nn": "Aktsemdsområde for steinsprang under bratt lisida nord for Dalen."},
    {"name": "H320_1", "code": 320, "field": "F2", "block": 0, "plot": 2, "side": "v-", "reach": 110,
     "nn": "Flaumsone langs elva og bekkefaret inn mot Fyresvatn på Moland."},
    {"name": "H320_1", "code": 320, "field": "N1", "block": 0, "plot": 0, "side": "u-", "reach": 120,
     "nn": "Flaumsone langs bekken som renn gjennom Treungen aust ned mot Nisseråna."},
    {"name": "H310_1", "code": 310, "field": "G3", "block": 0, "plot": 4, "side": "v+", "reach": 150,
     "nn": "Aktsemdsområde for jord- og flaumskred under den bratte lia ovanfor Hermansverk."},
    {"name": "H320_1", "code": 320, "field": "L2", "block": 0, "plot": 0, "side": "u-", "reach": 130,
     "nn": "Flaumsone langs Jostedøla og sidebekken nord for Gaupne sentrum."},
    {"name": "H310_1", "code": 310, "field": "L4", "block": 0, "plot": 3, "side": "v+", "reach": 150,
     "nn": "Aktsemdsområde for snø- og steinskred under fjellsida i Dalsdalen."},
]

# ---------------------------------------------------------------------------------------------
# Geometry helpers (local tangent-plane approximation; plots are a few hundred metres across)
# ---------------------------------------------------------------------------------------------


class Frame:
    """Local metric frame at an anchor, u axis rotated `angle` degrees counter-clockwise from east."""

    def __init__(self, lat, lon, angle):
        self.lat, self.lon = lat, lon
        self.kx = M_PER_DEG * math.cos(math.radians(lat))
        self.c, self.s = math.cos(math.radians(angle)), math.sin(math.radians(angle))

    def to_lonlat(self, u, v):
        x = u * self.c - v * self.s
        y = u * self.s + v * self.c
        return (self.lon + x / self.kx, self.lat + y / M_PER_DEG)

    def to_uv(self, lon, lat):
        x = (lon - self.lon) * self.kx
        y = (lat - self.lat) * M_PER_DEG
        return (x * self.c + y * self.s, -x * self.s + y * self.c)


def r6(v):
    return round(v + 0.0, 6)


def ring_lonlat(frame, pts):
    """Closed ring of rounded lon/lat positions from local (u, v) points."""
    ring = [[r6(a), r6(b)] for a, b in (frame.to_lonlat(u, v) for u, v in pts)]
    ring.append(list(ring[0]))
    return ring


def signed_area_m2(ring):
    """Signed shoelace area in m² of a lon/lat ring (local equirectangular projection)."""
    lat0 = sum(p[1] for p in ring) / len(ring)
    kx = M_PER_DEG * math.cos(math.radians(lat0))
    a = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        a += (x1 * kx) * (y2 * M_PER_DEG) - (x2 * kx) * (y1 * M_PER_DEG)
    return a / 2.0


def polygons_of(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    raise ValueError("not a polygon: %s" % geom["type"])


def geom_area_m2(geom):
    return sum(signed_area_m2(p[0]) + sum(signed_area_m2(h) for h in p[1:]) for p in polygons_of(geom))


def point_in_ring(x, y, ring):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_polygon(x, y, poly):
    return point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:])


def point_in_geom(x, y, geom):
    return any(point_in_polygon(x, y, p) for p in polygons_of(geom))


def _orient(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_intersect(p1, p2, q1, q2):
    """True if closed segments p1p2 and q1q2 share a point."""
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    if ((d1 > 0 and d2 < 0) or (d1 < 0 and d2 > 0)) and ((d3 > 0 and d4 < 0) or (d3 < 0 and d4 > 0)):
        return True

    def on_seg(a, b, c):
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])
    if d1 == 0 and on_seg(q1, q2, p1):
        return True
    if d2 == 0 and on_seg(q1, q2, p2):
        return True
    if d3 == 0 and on_seg(p1, p2, q1):
        return True
    if d4 == 0 and on_seg(p1, p2, q2):
        return True
    return False


def rings_of(geom):
    return [r for p in polygons_of(geom) for r in p]


def edges_of(geom):
    return [(r[i], r[i + 1]) for r in rings_of(geom) for i in range(len(r) - 1)]


def bbox_of(geom):
    xs = [pt[0] for r in rings_of(geom) for pt in r]
    ys = [pt[1] for r in rings_of(geom) for pt in r]
    return (min(xs), min(ys), max(xs), max(ys))


def bbox_overlap(a, b):
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def geoms_intersect(g1, g2):
    """True if two (multi)polygons share any point (boundaries touching counts)."""
    if not bbox_overlap(bbox_of(g1), bbox_of(g2)):
        return False
    e2 = edges_of(g2)
    for a, b in edges_of(g1):
        for c, d in e2:
            if segments_intersect(a, b, c, d):
                return True
    # no boundary contact: one may lie inside the other
    p1 = polygons_of(g1)[0][0][0]
    p2 = polygons_of(g2)[0][0][0]
    return point_in_geom(p1[0], p1[1], g2) or point_in_geom(p2[0], p2[1], g1)


def geom_within(inner, outer):
    """inner lies within outer: all vertices inside and no boundary crossing."""
    for r in rings_of(inner):
        for x, y in r[:-1]:
            if not point_in_geom(x, y, outer):
                return False
    eo = edges_of(outer)
    for a, b in edges_of(inner):
        for c, d in eo:
            if segments_intersect(a, b, c, d):
                return False
    return True


def dist_point_segment_m(p, a, b):
    kx = M_PER_DEG * math.cos(math.radians(p[1]))
    ax, ay = (a[0] - p[0]) * kx, (a[1] - p[1]) * M_PER_DEG
    bx, by = (b[0] - p[0]) * kx, (b[1] - p[1]) * M_PER_DEG
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0.0 if L == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / L))
    return math.hypot(ax + t * dx, ay + t * dy)


def min_dist_to_boundary_m(geom, boundary_geom):
    eb = edges_of(boundary_geom)
    return min(dist_point_segment_m(p, a, b) for r in rings_of(geom) for p in r[:-1] for a, b in eb)


def haversine_m(lat1, lon1, lat2, lon2):
    R = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R * math.asin(math.sqrt(h))


def ring_self_intersects(ring):
    n = len(ring) - 1
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue
            if segments_intersect(ring[i], ring[i + 1], ring[j], ring[j + 1]):
                return True
    return False


# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------


def load_reference():
    def rows(name):
        with open(os.path.join(REF, name), newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    ref = {
        "kommuner": {r["kommunenummer"]: r for r in rows("kommuner.csv")},
        "arealformaal": {int(r["code"]): r for r in rows("arealformaal.csv")},
        "hensyn": {int(r["code"]): r for r in rows("hensynssoner.csv")},
        "plantype": {int(r["code"]): r for r in rows("plantype.csv")},
        "planstatus": {int(r["code"]): r for r in rows("planstatus.csv")},
    }
    with open(os.path.join(REF, "kommuner.geojson"), encoding="utf-8") as f:
        kg = json.load(f)
    ref["boundaries"] = {ft["properties"]["kommunenummer"]: ft["geometry"] for ft in kg["features"]}
    return ref


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------

SIZE = {  # purpose: (min, max) m² for generated plots
    "housing": (680, 1420),
    "leisure": (880, 1900),
    "combined": (1050, 1900),
}
DEPTH = {"housing": (30, 36), "leisure": (32, 42), "combined": (34, 40), "business": (55, 95)}
GAP = {"housing": 2.0, "leisure": 12.0, "combined": 6.0, "business": 5.0}


def jitter_quad(rng, u0, v0, u1, v1, j):
    """Rectangle corners (counter-clockwise) with small corner jitter -> irregular quadrilateral."""
    return [(u0 + rng.uniform(-j, j), v0 + rng.uniform(-j, j)),
            (u1 + rng.uniform(-j, j), v0 + rng.uniform(-j, j)),
            (u1 + rng.uniform(-j, j), v1 + rng.uniform(-j, j)),
            (u0 + rng.uniform(-j, j), v1 + rng.uniform(-j, j))]


def layout_block(rng, block, vstart):
    """Return list of plots (each a list of local polygons, each polygon a list of rings of (u, v)).

    The block starts at v = vstart; rows are DEPTH-max + ROW_ROAD apart."""
    purpose = block["purpose"]
    plots = []
    for row in range(block["rows"]):
        depth = rng.uniform(*DEPTH[purpose])
        v0 = vstart + row * (DEPTH[purpose][1] + ROW_ROAD)
        u = rng.uniform(-6, 6) + (row * rng.uniform(4, 10))
        for i in range(block["n"]):
            if purpose == "business":
                area = block["areas"][i] * rng.uniform(0.97, 1.03)
                d = min(max(math.sqrt(area) * rng.uniform(0.7, 0.9), 45), 110)
                w = area / d
                j = 0.8
            else:
                lo, hi = SIZE[purpose]
                area = rng.uniform(lo, hi)
                d = depth
                w = area / d
                j = 0.6 if purpose == "housing" else 1.2
            dv = rng.uniform(-9, 9) if purpose == "leisure" else 0.0
            quad = jitter_quad(rng, u, v0 + dv, u + w, v0 + dv + d, j)
            plots.append([[quad]])
            u += w + GAP[purpose] + (rng.uniform(0, 10) if purpose == "leisure" else 0)
    return plots


def bounds_uv(polys):
    us = [p[0] for poly in polys for ring in poly for p in ring]
    vs = [p[1] for poly in polys for ring in poly for p in ring]
    return min(us), min(vs), max(us), max(vs)


def wobbly_rect(rng, u0, v0, u1, v1, amp, n_long=4):
    """Counter-clockwise polygon around a rectangle with irregular (wobbly) long edges."""
    pts = []
    for k in range(n_long + 1):
        t = k / n_long
        pts.append((u0 + t * (u1 - u0), v0 + (0 if k in (0, n_long) else rng.uniform(-amp, amp))))
    for k in range(n_long + 1):
        t = k / n_long
        pts.append((u1 - t * (u1 - u0), v1 + (0 if k in (0, n_long) else rng.uniform(-amp, amp))))
    return pts


def text_km(m, lang):
    km = m / 1000.0
    s = ("%.1f" % km)
    return (s.replace(".", ",") if lang != "en" else s) + " km"


def build(ref):
    rng = random.Random(SEED)
    kommuner = ref["kommuner"]

    # ---------------- places
    places = []
    for kn in sorted(MUNICIPALITIES, key=lambda k: MUNICIPALITIES[k]["name"]):
        k = kommuner[kn]
        places.append(point_feature(float(k["centre_lon"]), float(k["centre_lat"]),
                                    {"name": k["admin_centre"], "kind": "kommunesenter", "municipalityNumber": kn}))
    for name, kn, lat, lon, _src in VILLAGES:
        places.append(point_feature(lon, lat, {"name": name, "kind": "tettstad", "municipalityNumber": kn}))

    hubs = [point_feature(lon, lat, {"name": name, "municipalityNumber": kn, "website": None,
                                     "description": {"nn": desc}})
            for name, kn, lat, lon, desc in HUBS]

    # ---------------- plots (geometry first)
    plot_feats, plan_feats, zone_feats, hazard_feats = [], [], [], []
    field_geo = {}
    for f in FIELDS:
        fr = Frame(f["anchor"][0], f["anchor"][1], f["angle"])
        blocks_local = []
        vstart = 0.0
        for b in f["blocks"]:
            bl_ = layout_block(rng, b, vstart)
            blocks_local.append(bl_)
            vstart = bounds_uv([poly for plot in bl_ for poly in plot])[3] + BLOCK_GAP
        field_geo[f["id"]] = (fr, blocks_local)

    # special geometry: two MultiPolygons and one polygon with a hole
    _, bl = field_geo["T2"]
    last = bl[0][-1][0][0]
    u0, v0, u1, v1 = bounds_uv([[last]])
    bl[0][-1].append([[(u0 + 10, v0 - 16 - 26), (u0 + 42, v0 - 16 - 26), (u0 + 42, v0 - 16), (u0 + 10, v0 - 16)]])
    _, bl = field_geo["V3"]
    first = bl[0][0][0][0]
    u0, v0, u1, v1 = bounds_uv([[first]])
    bl[0][0].append([[(u0 - 40, v0 + 2), (u0 - 22, v0 + 2), (u0 - 22, v0 + 16), (u0 - 40, v0 + 16)]])
    _, bl = field_geo["G2"]
    big = bl[0][2][0]
    u0, v0, u1, v1 = bounds_uv([big])
    cu, cv = (u0 + u1) / 2, (v0 + v1) / 2
    # hole (an existing transformer kiosk with its own parcel), clockwise
    big.append([(cu - 6, cv - 5), (cu - 6, cv + 5), (cu + 6, cv + 5), (cu + 6, cv - 5)])

    # ---------------- plans and zones
    plan_geom = {}
    for f in FIELDS:
        if not f["plan"]:
            continue
        fr, blocks_local = field_geo[f["id"]]
        pid = f["plan"]
        allp = [poly for b in blocks_local for plot in b for poly in plot]
        u0, v0, u1, v1 = bounds_uv(allp)
        m = 28.0
        u0, v0, u1, v1 = u0 - m, v0 - m, u1 + m, v1 + m
        ch = 22.0
        pts = [(u0 + ch, v0), (u1, v0), (u1, v1 - ch), (u1 - ch, v1), (u0, v1), (u0, v0 + ch)]
        geom = {"type": "Polygon", "coordinates": [ring_lonlat(fr, pts)]}
        plan_geom[pid] = geom
        p = PLANS[pid]
        plan_feats.append({"type": "Feature", "geometry": geom, "properties": {
            "planId": pid, "municipalityNumber": f["kn"], "name": p["name"], "planType": p["type"],
            "planStatus": p["status"], "decisionDate": p["date"], "documentUrl": None}})
        zn = {}
        for b, bl_ in zip(f["blocks"], blocks_local):
            rows = b["rows"]
            per_row = b["n"]
            row_bounds = []
            for r in range(rows):
                rp = [poly[:1] for plot in bl_[r * per_row:(r + 1) * per_row] for poly in plot[:1]]
                row_bounds.append(bounds_uv(rp))
            for r, (a0, b0, a1, b1) in enumerate(row_bounds):
                prefix = b.get("zone", "B")
                zname = prefix if prefix[-1].isdigit() else "%s%d" % (prefix, zn.setdefault(prefix, 0) + 1)
                if not prefix[-1].isdigit():
                    zn[prefix] += 1
                zpts = [(a0 - 4, b0 - 3), (a1 + 4, b0 - 3), (a1 + 4, b1 + 3), (a0 - 4, b1 + 3)]
                uses = b["uses"]
                zone_feats.append({"type": "Feature", "geometry": {"type": "Polygon",
                                                                   "coordinates": [ring_lonlat(fr, zpts)]},
                                   "properties": {"planId": pid, "landUseCode": b["code"],
                                                  "landUseStatus": b.get("status", 1 if p["date"] < "2016" else 2),
                                                  "allowedUses": list(uses),
                                                  "name": zone_label(zname, b["code"], ref)}})
            if rows == 2 and f.get("road_zone"):
                (a0, b0, a1, b1), (c0, d0, c1, d1) = row_bounds
                rpts = [(min(a0, c0) - 4, b1 + 3.5), (max(a1, c1) + 4, b1 + 3.5),
                        (max(a1, c1) + 4, d0 - 3.5), (min(a0, c0) - 4, d0 - 3.5)]
                zone_feats.append({"type": "Feature", "geometry": {"type": "Polygon",
                                                                   "coordinates": [ring_lonlat(fr, rpts)]},
                                   "properties": {"planId": pid, "landUseCode": 2011, "landUseStatus": 2,
                                                  "allowedUses": [], "name": zone_label("o_SKV1", 2011, ref)}})

    # ---------------- hazards
    hz_geom = []
    for h in HAZARDS:
        f = field_by_id(h["field"])
        fr, blocks_local = field_geo[h["field"]]
        target = blocks_local[h["block"]][h["plot"]][0]
        u0, v0, u1, v1 = bounds_uv([target])
        reach = h["reach"]
        if h["side"] == "v-":
            box = (u0 - 35, v0 - reach, u1 + 35, v0 + 0.35 * (v1 - v0))
        elif h["side"] == "v+":
            box = (u0 - 35, v1 - 0.35 * (v1 - v0), u1 + 35, v1 + reach)
        elif h["side"] == "u-":
            box = (u0 - reach, v0 - 30, u0 + 0.35 * (u1 - u0), v1 + 30)
        else:
            box = (u1 - 0.35 * (u1 - u0), v0 - 30, u1 + reach, v1 + 30)
        pts = wobbly_rect(rng, *box, amp=6)
        geom = {"type": "Polygon", "coordinates": [ring_lonlat(fr, pts)]}
        hz_geom.append(geom)
        hazard_feats.append({"type": "Feature", "geometry": geom, "properties": {
            "code": h["code"], "name": h["name"], "municipalityNumber": f["kn"], "description": {"nn": h["nn"]}}})

    # ---------------- plot attributes
    for f in FIELDS:
        fr, blocks_local = field_geo[f["id"]]
        kn = f["kn"]
        bnr = f["bnr0"]
        for bi, (b, bl_) in enumerate(zip(f["blocks"], blocks_local)):
            for i, plot in enumerate(bl_):
                polys = []
                for poly in plot:
                    rings = [ring_lonlat(fr, poly[0])]
                    for hole in poly[1:]:
                        rings.append(ring_lonlat(fr, hole))
                    polys.append(rings)
                geom = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                        else {"type": "MultiPolygon", "coordinates": polys})
                seq = sum(blk["n"] * blk["rows"] for blk in f["blocks"][:bi]
                          if blk["name"] == b["name"]) + i + 1
                props = plot_properties(rng, f, b, seq, geom, bnr)
                bnr += rng.choice([1, 1, 1, 2])
                plot_feats.append({"type": "Feature", "geometry": geom, "properties": props})

    finalize_plots(rng, plot_feats, plan_geom)
    return {
        "places.geojson": places,
        "business-hubs.geojson": hubs,
        "plans.geojson": plan_feats,
        "zones.geojson": zone_feats,
        "hazards.geojson": hazard_feats,
        "plots.geojson": plot_feats,
    }


def field_by_id(fid):
    for f in FIELDS:
        if f["id"] == fid:
            return f
    raise KeyError(fid)


def zone_label(zname, code, ref):
    row = ref["arealformaal"][code]
    label = row["name_nn"] or row["name_nb"]
    if code == 1800:
        label = "Kombinert formål"
    return "%s (%s)" % (zname, label)


def point_feature(lon, lat, props):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r6(lon), r6(lat)]},
            "properties": props}


# texts ------------------------------------------------------------------------------------------
DESC = {
    "housing": [
        ("Solrik bustadtomt i {felt}, om lag {d} frå {near}. {infra_nn}",
         "Solrik boligtomt i {felt}, omtrent {d} fra {near_nb}. {infra_nb}",
         "Sunny housing plot in {felt}, about {d_en} from {near_en}. {infra_en}"),
        ("Lett bebyggjeleg tomt med utsikt, gangavstand til skule og barnehage. {infra_nn}",
         "Lettbebygd tomt med utsikt, gangavstand til skole og barnehage. {infra_nb}",
         "Easy-to-build plot with a view, walking distance to school and kindergarten. {infra_en}"),
        ("Tomt i eit roleg felt nær turløyper og skiløyper, {d} frå {near}. {infra_nn}",
         "Tomt i et rolig felt nær turstier og skiløyper, {d} fra {near_nb}. {infra_nb}",
         "Plot in a quiet area close to hiking and ski trails, {d_en} from {near_en}. {infra_en}"),
        ("Tomt i nytt bustadfelt med kveldssol og kort veg til butikk og buss. {infra_nn}",
         "Tomt i nytt boligfelt med kveldssol og kort vei til butikk og buss. {infra_nb}",
         "Plot in a new residential area with evening sun, close to shop and bus. {infra_en}"),
    ],
    "leisure": [
        ("Hyttetomt i skogkledd li med kveldssol, {d} frå {near}.",
         "Hyttetomt i skogkledd li med kveldssol, {d} fra {near_nb}.",
         "Cabin plot on a wooded slope with evening sun, {d_en} from {near_en}."),
        ("Fritidstomt med utsikt og skiløyper rett utanfor døra. Straum ved tomtegrensa.",
         "Fritidstomt med utsikt og skiløyper rett utenfor døren. Strøm ved tomtegrensen.",
         "Leisure plot with a view and ski trails on the doorstep. Power at the plot boundary."),
        ("Hyttetomt i eit lite felt med felles parkering og kort veg til løypenettet.",
         "Hyttetomt i et lite felt med felles parkering og kort vei til løypenettet.",
         "Cabin plot in a small area with shared parking, close to the trail network."),
    ],
    "business": [
        ("Næringstomt langs {road} med god tilkomst for tunge køyretøy, {d} frå {near}.",
         "Næringstomt langs {road} med god adkomst for tunge kjøretøy, {d} fra {near_nb}.",
         "Business plot along {road} with good access for heavy vehicles, {d_en} from {near_en}."),
        ("Opparbeidd og planert næringstomt, eigna for verkstad, lager eller lett industri.",
         "Opparbeidet og planert næringstomt, egnet for verksted, lager eller lett industri.",
         "Levelled business plot, suitable for a workshop, warehouse or light industry."),
        ("Næringstomt i etablert næringsområde med straum og fiber ved tomtegrensa.",
         "Næringstomt i etablert næringsområde med strøm og fiber ved tomtegrensen.",
         "Business plot in an established business area with power and fibre at the boundary."),
    ],
    "combined": [
        ("Tomt der du kan byggje bustad for heilårsbruk eller fritidsbustad, {d} frå {near}.",
         "Tomt der du kan bygge bolig for helårsbruk eller fritidsbolig, {d} fra {near_nb}.",
         "Plot where you may build a permanent home or a leisure home, {d_en} from {near_en}."),
        ("Kombinert område: fast busetnad og fritidsbustader side om side. Fint utgangspunkt for turar.",
         "Kombinert område: fast bosetting og fritidsboliger side om side. Fint utgangspunkt for turer.",
         "Combined area: permanent homes and leisure homes side by side. A good base for outdoor trips."),
    ],
    "combined_naering": [
        ("Tomt for bustad med høve til næring i same bygg, til dømes kontor eller verkstad.",
         "Tomt for bolig med mulighet for næring i samme bygg, for eksempel kontor eller verksted.",
         "Plot for a home with room for a business in the same building, e.g. an office or workshop."),
    ],
}

FEE_NOTE = {
    "sale": {"nn": "Dokumentavgift 2,5 % av kjøpesum kjem i tillegg.",
             "nb": "Dokumentavgift 2,5 % av kjøpesummen kommer i tillegg.",
             "en": "Stamp duty of 2.5% of the purchase price comes in addition."},
    "leasehold": {"nn": "Festeavgifta vert regulert etter konsumprisindeksen.",
                  "nb": "Festeavgiften reguleres etter konsumprisindeksen.",
                  "en": "The ground rent is adjusted in line with the consumer price index."},
    "private": {"nn": "Tilknyting til privat vassverk og reinseanlegg vert avtalt med tomteseljar.",
                "nb": "Tilknytning til privat vannverk og renseanlegg avtales med tomteselger.",
                "en": "Connection to the private water and sewage system is agreed with the seller."},
}

INCENTIVE_FREE = {"nn": "Gratis tomt for den som byggjer bustad og buset seg i kommunen (buplikt 5 år).",
                  "nb": "Gratis tomt for den som bygger bolig og bosetter seg i kommunen (boplikt 5 år).",
                  "en": "Free plot for those who build a home and settle in the municipality (5-year residence obligation)."}
INCENTIVE_GRANT = {"nn": "Etableringstilskot på 50 000 kr til unge under 35 år som byggjer bustad på tomta.",
                   "nb": "Etableringstilskudd på 50 000 kr til unge under 35 år som bygger bolig på tomten.",
                   "en": "A settlement grant of NOK 50,000 for people under 35 who build a home on the plot."}
INCENTIVE_HUB = {"nn": "Næringshagen gir gratis rettleiing til nyetablerarar som kjøper tomt her.",
                 "nb": "Næringshagen gir gratis veiledning til nyetablerere som kjøper tomt her.",
                 "en": "The business hub offers free guidance to start-ups buying a plot here."}


def infra_text(infra):
    if all(infra[k] == "yes" for k in ("road", "water", "sewer", "power")):
        return ("Tomta er byggjeklar.", "Tomten er byggeklar.", "The plot is ready to build on.")
    if infra["road"] == "planned":
        return ("Veg, vatn og avløp vert opparbeidd.", "Vei, vann og avløp opparbeides.",
                "Road, water and sewage will be built.")
    return ("Veg og straum er på plass; vatn og avløp kjem.", "Vei og strøm er på plass; vann og avløp kommer.",
            "Road and power are in place; water and sewage are coming.")


def plot_properties(rng, f, b, seq, geom, bnr):
    kn, purpose = f["kn"], b["purpose"]
    mun = MUNICIPALITIES[kn]
    area = geom_area_m2(geom)
    sogn = f["region"] == "sogn"
    props = {
        "municipalityNumber": kn,
        "name": "%s, tomt %d" % (b["name"], seq),
        "matrikkel": {"gnr": f["gnr"], "bnr": bnr, "fnr": None, "snr": None},
        "purpose": purpose,
        "allowedUses": list(b["uses"]),
        "landUseCode": b["code"],
        "availability": "available",
        "tenure": "sale",
        "priceTotal": None,
        "pricePerM2": None,
        "groundRentYearly": None,
        "fees": None,
        "allocation": "first_come",
        "applicationDeadline": None,
        "reservationDays": 30,
        "buildingDeadlineYears": None,
        "residenceObligationYears": None,
        "incentives": None,
        "infrastructure": {"road": "yes", "water": "yes", "sewer": "yes", "power": "yes", "fibre": "yes"},
        "planId": None,
        "contact": {"name": mun["desk"], "email": "postmottak@%s.kommune.no" % mun["slug"], "phone": mun["phone"]},
        "description": None,
        "published": True,
    }
    infra = props["infrastructure"]
    fees = {"survey": rng.choice([18000, 20000, 22000, 24000, 26000, 28000, 30000]),
            "document": None, "water": None, "sewer": None, "development": 0, "note": FEE_NOTE["sale"]}
    if purpose == "housing":
        base = rng.uniform(320000, 590000) if sogn else rng.uniform(110000, 340000)
        props["priceTotal"] = int(round(base / 5000.0) * 5000)
        props["buildingDeadlineYears"] = 2
        fees["water"] = rng.choice([18000, 22000, 25000, 30000, 35000])
        fees["sewer"] = rng.choice([20000, 25000, 30000, 40000])
        infra["fibre"] = rng.choice(["yes", "yes", "planned"])
    elif purpose == "leisure":
        props["priceTotal"] = int(round(rng.uniform(280000, 780000) / 10000.0) * 10000)
        fees["water"] = rng.choice([15000, 20000, 25000])
        fees["sewer"] = rng.choice([15000, 20000, 30000])
        fees["development"] = rng.choice([0, 35000, 45000])
        infra.update({"water": rng.choice(["yes", "planned"]), "sewer": rng.choice(["yes", "planned", "no"]),
                      "fibre": rng.choice(["yes", "planned", "no"])})
        if infra["sewer"] == "no":
            fees["water"], fees["sewer"] = None, None
            fees["note"] = FEE_NOTE["private"]
    elif purpose == "combined":
        base = rng.uniform(260000, 520000) if sogn else rng.uniform(150000, 380000)
        props["priceTotal"] = int(round(base / 5000.0) * 5000)
        props["buildingDeadlineYears"] = 2
        fees["water"] = rng.choice([20000, 25000, 30000])
        fees["sewer"] = rng.choice([25000, 30000, 35000])
        infra["fibre"] = rng.choice(["yes", "planned"])
    else:  # business
        ppm = rng.choice([250, 280, 300, 320, 350, 380]) if sogn else rng.choice([60, 75, 90, 110, 125, 150])
        props["pricePerM2"] = ppm
        props["buildingDeadlineYears"] = 3
        fees["survey"] = rng.choice([25000, 30000, 35000])
        fees["water"] = rng.choice([30000, 40000, 50000, 60000])
        fees["sewer"] = rng.choice([30000, 40000, 50000, 60000])
        infra["fibre"] = "yes" if kn == "4028" else rng.choice(["yes", "yes", "planned"])
    props["fees"] = fees

    nn_near, nb_near, en_near = f["near"]
    dist = haversine_m(f["anchor"][0], f["anchor"][1], f["centre"][0], f["centre"][1])
    key = "combined_naering" if purpose == "combined" and "naering" in b["uses"] else purpose
    tmpl = DESC[key][(seq - 1 + len(f["id"])) % len(DESC[key])]
    inn, inb, ien = infra_text(infra)
    fmt = {"felt": b["name"], "d": text_km(dist, "nn"), "d_en": text_km(dist, "en"), "near": nn_near,
           "near_nb": nb_near, "near_en": en_near, "road": f.get("road", "vegen"),
           "infra_nn": inn, "infra_nb": inb, "infra_en": ien}
    props["description"] = {"nn": tmpl[0].format(**fmt), "nb": tmpl[1].format(**fmt), "en": tmpl[2].format(**fmt)}
    props["_area"] = area
    props["_field"] = f["id"]
    props["_seq"] = seq
    return props


# Deterministic special cases, by (field, plot name sequence number) -------------------------------
AVAILABILITY = {
    ("K1", 2): "sold", ("K1", 7): "reserved", ("K2", 1): "sold", ("K2", 2): "sold", ("K2", 6): "reserved",
    ("K3", 5): "reserved", ("K4", 2): "sold", ("K4", 6): "planned",
    ("S1", 3): "sold", ("S1", 4): "reserved", ("S1", 9): "planned", ("S1", 10): "planned",
    ("S2", 1): "sold", ("S3", 4): "planned",
    ("N1", 2): "reserved", ("N3", 1): "sold",
    ("F1", 7): "planned", ("F1", 8): "planned", ("F2", 5): "reserved", ("F3", 3): "sold",
    ("T1", 1): "sold", ("T1", 2): "sold", ("T1", 6): "reserved", ("T2", 3): "reserved", ("T4", 4): "planned",
    ("V1", 3): "reserved", ("V2", 6): "planned", ("V3", 2): "sold", ("V3", 5): "reserved",
    ("G1", 1): "sold", ("G1", 5): "reserved", ("G2", 4): "reserved", ("G3", 6): "planned",
    ("G5", 3): "planned", ("L1", 10): "planned", ("L2", 2): "sold", ("L4", 1): "reserved",
}
DRAFTS = {("S1", 9), ("S1", 10), ("F1", 8), ("T4", 4), ("V2", 6), ("G3", 6), ("G5", 3), ("L1", 10)}
FREE_PLOTS = {("N1", 3), ("F1", 2), ("T3", 2)}
GRANT_PLOTS = {("N1", 4), ("F1", 1), ("F1", 3), ("T1", 3), ("T3", 1), ("V1", 2), ("K2", 3)}
HUB_PLOTS = {("K1", 1), ("K1", 3), ("N1", 10), ("F2", 1)}
RESIDENCE5 = {("N1", 3), ("N1", 4), ("F1", 1), ("F1", 2), ("F1", 3), ("T3", 1), ("T3", 2), ("T1", 3),
              ("T1", 4), ("V1", 1), ("V1", 2)}
LEASEHOLD = {("T2", 4): 42000, ("T2", 6): 18000, ("V2", 4): 26000, ("V3", 3): 14000}
NO_MATRIKKEL = {("K2", 8), ("S1", 9), ("S1", 10), ("N3", 6), ("F1", 8), ("F3", 6), ("T4", 4), ("V2", 6),
                ("V3", 6), ("G1", 8), ("G3", 6), ("G5", 3), ("L1", 10), ("L2", 6), ("L4", 4),
                ("S3", 4), ("K4", 6), ("T2", 6), ("G4", 4)}
WAITING_LIST = {"G1", "G3", "K4"}
LOTTERY = {"L1": "2027-02-01", "L3": "2027-04-15"}


def finalize_plots(rng, feats, plan_geom):
    counters = {}
    for ft in feats:
        p = ft["properties"]
        fid = p["_field"]
        counters[fid] = counters.get(fid, 0) + 1
        key = (fid, counters[fid])
        f = field_by_id(fid)
        infra = p["infrastructure"]
        if key in AVAILABILITY:
            p["availability"] = AVAILABILITY[key]
        if p["availability"] == "planned":
            infra.update({"road": "planned", "water": "planned", "sewer": "planned", "power": "planned",
                          "fibre": "planned"})
            p["description"] = {k: v.replace("Tomta er byggjeklar.", "Veg, vatn og avløp vert opparbeidd.")
                                .replace("Tomten er byggeklar.", "Vei, vann og avløp opparbeides.")
                                .replace("The plot is ready to build on.", "Road, water and sewage will be built.")
                                for k, v in p["description"].items()}
        if key in DRAFTS:
            p["published"] = False
        if key in FREE_PLOTS:
            p["priceTotal"] = 0
            p["incentives"] = dict(INCENTIVE_FREE)
        elif key in GRANT_PLOTS:
            p["incentives"] = dict(INCENTIVE_GRANT)
        elif key in HUB_PLOTS:
            p["incentives"] = dict(INCENTIVE_HUB)
        if key in RESIDENCE5:
            p["residenceObligationYears"] = 5
        if key in LEASEHOLD:
            p["tenure"] = "leasehold"
            p["priceTotal"] = None
            p["pricePerM2"] = None
            p["groundRentYearly"] = LEASEHOLD[key]
            p["fees"]["note"] = FEE_NOTE["leasehold"]
        if key in NO_MATRIKKEL:
            p["matrikkel"] = None
        if p["purpose"] == "housing" and fid in LOTTERY:
            p["allocation"] = "lottery"
            p["applicationDeadline"] = LOTTERY[fid]
            p["reservationDays"] = 21
        elif fid in WAITING_LIST and p["purpose"] in ("housing", "leisure"):
            p["allocation"] = "waiting_list"
        if p["availability"] == "sold":
            p["reservationDays"] = None
        if f["plan"] and geom_within(ft["geometry"], plan_geom[f["plan"]]):
            p["planId"] = f["plan"]
        for k in ("_area", "_field", "_seq", "_fieldseq"):
            p.pop(k, None)


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def dump_collection(path, features):
    head = '{"type": "FeatureCollection", "note": %s, "features": [\n' % json.dumps(NOTE, ensure_ascii=False)
    body = ",\n".join(json.dumps(ft, ensure_ascii=False, separators=(", ", ": ")) for ft in features)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(head + body + "\n]}\n")


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------
PLOT_KEYS = ["municipalityNumber", "name", "matrikkel", "purpose", "allowedUses", "landUseCode", "availability",
             "tenure", "priceTotal", "pricePerM2", "groundRentYearly", "fees", "allocation", "applicationDeadline",
             "reservationDays", "buildingDeadlineYears", "residenceObligationYears", "incentives", "infrastructure",
             "planId", "contact", "description", "published"]
USES = {"bustad", "fritidsbustad", "naering", "kontor", "industri", "lager", "forretning", "tenesteyting"}
NORWAY = (4.0, 57.8, 31.5, 71.3)
SIZE_RULES = {"housing": (600, 1500), "leisure": (800, 2000), "combined": (1000, 2000), "business": (2000, 25000)}
MIN_BOUNDARY_MARGIN_M = 100.0


class Checker:
    def __init__(self):
        self.errors, self.notes = [], []

    def err(self, msg):
        self.errors.append(msg)

    def ok(self, cond, msg):
        if not cond:
            self.err(msg)
        return cond


def six_decimals(geom):
    def walk(c):
        if isinstance(c, (int, float)):
            return round(c, 6) == c
        return all(walk(x) for x in c)
    return walk(geom["coordinates"])


def check_polygon_geom(ck, geom, label):
    if geom["type"] not in ("Polygon", "MultiPolygon"):
        ck.err("%s: geometry type %s" % (label, geom["type"]))
        return False
    good = True
    for poly in polygons_of(geom):
        for k, ring in enumerate(poly):
            if len(ring) < 4 or ring[0] != ring[-1]:
                ck.err("%s: ring not closed / too short" % label)
                good = False
                continue
            a = signed_area_m2(ring)
            if k == 0 and a <= 0:
                ck.err("%s: exterior ring not counter-clockwise" % label)
                good = False
            if k > 0 and a >= 0:
                ck.err("%s: hole not clockwise" % label)
                good = False
            if ring_self_intersects(ring):
                ck.err("%s: ring self-intersects" % label)
                good = False
            if k > 0:
                if not all(point_in_ring(x, y, poly[0]) for x, y in ring[:-1]):
                    ck.err("%s: hole outside exterior" % label)
                    good = False
    polys = polygons_of(geom)
    for i in range(len(polys)):
        for j in range(i + 1, len(polys)):
            if geoms_intersect({"type": "Polygon", "coordinates": polys[i]},
                               {"type": "Polygon", "coordinates": polys[j]}):
                ck.err("%s: multipolygon parts touch or overlap" % label)
                good = False
    if not six_decimals(geom):
        ck.err("%s: coordinates not rounded to 6 decimals" % label)
    for r in rings_of(geom):
        for x, y in r:
            if not (NORWAY[0] <= x <= NORWAY[2] and NORWAY[1] <= y <= NORWAY[3]):
                ck.err("%s: outside Norway's extent" % label)
                return False
    return good


def load_collection(ck, name):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        ck.err("%s missing" % name)
        return []
    with open(path, encoding="utf-8") as fh:
        fc = json.load(fh)
    ck.ok(fc.get("type") == "FeatureCollection", "%s: not a FeatureCollection" % name)
    ck.ok(fc.get("note") == NOTE, "%s: note member missing or different" % name)
    ck.ok("crs" not in fc, "%s: RFC 7946 has no crs member" % name)
    return fc.get("features", [])


def run_checks(ref, verbose=True):
    ck = Checker()
    bounds = ref["boundaries"]
    kommuner = ref["kommuner"]
    ok_kn = set(MUNICIPALITIES)

    for name in os.listdir(HERE):
        if name.endswith(".geojson") and name not in ("places.geojson", "business-hubs.geojson", "plans.geojson",
                                                       "zones.geojson", "hazards.geojson", "plots.geojson"):
            ck.err("unexpected file geodata/%s (municipality boundaries must not be copied here)" % name)

    # places -----------------------------------------------------------------------------------
    places = load_collection(ck, "places.geojson")
    centres = [p for p in places if p["properties"].get("kind") == "kommunesenter"]
    villages = [p for p in places if p["properties"].get("kind") == "tettstad"]
    ck.ok(len(centres) == 8, "places: %d kommunesenter, want 8" % len(centres))
    ck.ok(12 <= len(villages) <= 20, "places: %d tettstader, want 12-20" % len(villages))
    for p in places:
        pr, g = p["properties"], p["geometry"]
        ck.ok(set(pr) == {"name", "kind", "municipalityNumber"}, "places: keys %s" % sorted(pr))
        ck.ok(g["type"] == "Point" and six_decimals(g), "places %s: geometry" % pr.get("name"))
        kn = pr.get("municipalityNumber")
        if ck.ok(kn in ok_kn, "places %s: municipality %s" % (pr.get("name"), kn)):
            ck.ok(point_in_geom(g["coordinates"][0], g["coordinates"][1], bounds[kn]),
                  "places %s: outside municipality %s" % (pr["name"], kn))
        if pr.get("kind") == "kommunesenter":
            k = kommuner[kn]
            ck.ok(g["coordinates"] == [r6(float(k["centre_lon"])), r6(float(k["centre_lat"]))]
                  and pr["name"] == k["admin_centre"], "places %s: differs from kommuner.csv" % pr["name"])
    ck.ok({p["properties"]["municipalityNumber"] for p in centres} == ok_kn, "places: one centre per municipality")

    # hubs -------------------------------------------------------------------------------------
    hubs = load_collection(ck, "business-hubs.geojson")
    ck.ok(len(hubs) >= 8, "business hubs: %d" % len(hubs))
    for h in hubs:
        pr, g = h["properties"], h["geometry"]
        ck.ok(set(pr) == {"name", "municipalityNumber", "website", "description"}, "hub keys %s" % sorted(pr))
        ck.ok(isinstance(pr.get("description"), dict) and pr["description"].get("nn"), "hub %s: nn" % pr["name"])
        ck.ok(pr["municipalityNumber"] in ok_kn and point_in_geom(g["coordinates"][0], g["coordinates"][1],
                                                                  bounds[pr["municipalityNumber"]]),
              "hub %s outside its municipality" % pr["name"])
    ck.ok({h["properties"]["municipalityNumber"] for h in hubs} == ok_kn, "hubs: every municipality has one")

    # plans ------------------------------------------------------------------------------------
    plans = load_collection(ck, "plans.geojson")
    ck.ok(8 <= len(plans) <= 12, "plans: %d, want 8-12" % len(plans))
    plan_by_id = {}
    for p in plans:
        pr, g = p["properties"], p["geometry"]
        label = "plan %s" % pr.get("planId")
        ck.ok(set(pr) == {"planId", "municipalityNumber", "name", "planType", "planStatus", "decisionDate",
                          "documentUrl"}, "%s: keys" % label)
        ck.ok(re.fullmatch(r"\d{4}-\d{7}", pr["planId"] or "") and pr["planId"][:4] == pr["municipalityNumber"],
              "%s: id format" % label)
        ck.ok(pr["planType"] in ref["plantype"], "%s: plantype %s unknown" % (label, pr["planType"]))
        ck.ok(pr["planStatus"] in ref["planstatus"], "%s: planstatus unknown" % label)
        ck.ok(re.fullmatch(r"\d{4}-\d{2}-\d{2}", pr["decisionDate"] or ""), "%s: date" % label)
        check_polygon_geom(ck, g, label)
        ck.ok(geom_within(g, bounds[pr["municipalityNumber"]]), "%s: not inside municipality" % label)
        ck.ok(pr["planId"] not in plan_by_id, "%s: duplicate" % label)
        plan_by_id[pr["planId"]] = p
    ck.ok(len({p["properties"]["municipalityNumber"] for p in plans}) >= 7, "plans: spread over municipalities")

    # zones ------------------------------------------------------------------------------------
    zones = load_collection(ck, "zones.geojson")
    ck.ok(15 <= len(zones) <= 30, "zones: %d, want 15-30" % len(zones))
    for z in zones:
        pr, g = z["properties"], z["geometry"]
        label = "zone %s/%s" % (pr.get("planId"), pr.get("name"))
        ck.ok(set(pr) == {"planId", "landUseCode", "landUseStatus", "allowedUses", "name"}, "%s: keys" % label)
        code = pr["landUseCode"]
        row = ref["arealformaal"].get(code)
        ck.ok(row is not None and row["status"] == "active", "%s: code %s unknown or inactive" % (label, code))
        ck.ok(pr["landUseStatus"] in (1, 2), "%s: landUseStatus" % label)
        ck.ok(isinstance(pr["allowedUses"], list) and set(pr["allowedUses"]) <= USES, "%s: allowedUses" % label)
        if code in (1800, 1900):
            ck.ok(len(pr["allowedUses"]) >= 2, "%s: combined zone needs an explicit list" % label)
        elif row and row["allowed_uses"]:
            ck.ok(set(row["allowed_uses"].split(";")) <= set(pr["allowedUses"]) or code == 1300,
                  "%s: allowedUses do not match the code" % label)
        check_polygon_geom(ck, g, label)
        plan = plan_by_id.get(pr["planId"])
        if ck.ok(plan is not None, "%s: unknown plan" % label):
            ck.ok(geom_within(g, plan["geometry"]), "%s: not inside its plan" % label)
    for i in range(len(zones)):
        for j in range(i + 1, len(zones)):
            if zones[i]["properties"]["planId"] == zones[j]["properties"]["planId"]:
                ck.ok(not geoms_intersect(zones[i]["geometry"], zones[j]["geometry"]),
                      "zones %s and %s overlap" % (zones[i]["properties"]["name"], zones[j]["properties"]["name"]))

    # plots ------------------------------------------------------------------------------------
    plots = load_collection(ck, "plots.geojson")
    ck.ok(len(plots) >= 170, "plots: %d, want >= 170" % len(plots))
    stats = {"by_kn": {}, "by_purpose": {}, "by_kn_purpose": {}}
    matr = set()
    null_matr = drafts = multi = holes = 0
    areas = []
    valid = []
    for idx, p in enumerate(plots):
        pr, g = p["properties"], p["geometry"]
        label = "plot %d %s" % (idx, pr.get("name"))
        ck.ok(list(pr) == PLOT_KEYS, "%s: property keys/order differ from docs/plot-format.md" % label)
        if set(PLOT_KEYS) - set(pr):
            ck.err("%s: missing %s; further checks of this plot skipped" % (label, sorted(set(PLOT_KEYS) - set(pr))))
            continue
        kn = pr.get("municipalityNumber")
        if not ck.ok(kn in ok_kn, "%s: municipality" % label):
            continue
        valid.append(p)
        stats["by_kn"][kn] = stats["by_kn"].get(kn, 0) + 1
        pu = pr["purpose"]
        stats["by_purpose"][pu] = stats["by_purpose"].get(pu, 0) + 1
        stats["by_kn_purpose"][(kn, pu)] = stats["by_kn_purpose"].get((kn, pu), 0) + 1
        ck.ok(pu in SIZE_RULES, "%s: purpose" % label)
        ck.ok(pr["allowedUses"] and set(pr["allowedUses"]) <= USES, "%s: allowedUses" % label)
        want_uses = {"housing": {"bustad"}, "leisure": {"fritidsbustad"}}.get(pu)
        if want_uses:
            ck.ok(set(pr["allowedUses"]) == want_uses, "%s: allowedUses for %s" % (label, pu))
        if pu == "combined":
            ck.ok(pr["landUseCode"] == 1800 and len(pr["allowedUses"]) >= 2, "%s: combined needs 1800 + list" % label)
        if pu == "business":
            ck.ok(not ({"bustad", "fritidsbustad"} & set(pr["allowedUses"])), "%s: business uses" % label)
        row = ref["arealformaal"].get(pr["landUseCode"])
        ck.ok(row is not None and row["status"] == "active", "%s: landUseCode %s" % (label, pr["landUseCode"]))
        if row and pu != "combined":
            ck.ok(row["arealbank_category"] == pu, "%s: code category %s vs %s" % (label, row["arealbank_category"], pu))
        ck.ok(pr["availability"] in ("available", "reserved", "sold", "planned"), "%s: availability" % label)
        ck.ok(pr["tenure"] in ("sale", "leasehold"), "%s: tenure" % label)
        ck.ok(pr["allocation"] in ("first_come", "lottery", "waiting_list"), "%s: allocation" % label)
        if pr["allocation"] == "lottery":
            ck.ok(bool(re.fullmatch(r"2027-\d{2}-\d{2}", pr["applicationDeadline"] or "")), "%s: deadline" % label)
        for k in ("road", "water", "sewer", "power", "fibre"):
            ck.ok(pr["infrastructure"].get(k) in ("yes", "no", "planned"), "%s: infrastructure.%s" % (label, k))
        for k in ("priceTotal", "pricePerM2", "groundRentYearly"):
            ck.ok(pr[k] is None or (isinstance(pr[k], int) and pr[k] >= 0), "%s: %s" % (label, k))
        fees = pr["fees"]
        ck.ok(set(fees) == {"survey", "document", "water", "sewer", "development", "note"}, "%s: fee keys" % label)
        ck.ok(15000 <= fees["survey"] <= 35000, "%s: survey fee" % label)
        for k in ("water", "sewer"):
            ck.ok(fees[k] is None or 10000 <= fees[k] <= 60000, "%s: %s fee" % (label, k))
        if pr["tenure"] == "leasehold":
            ck.ok(pr["groundRentYearly"] and pr["groundRentYearly"] > 0, "%s: ground rent" % label)
        elif pu == "business":
            ck.ok(pr["priceTotal"] is None and 50 <= (pr["pricePerM2"] or 0) <= 400, "%s: business price" % label)
        elif pu == "housing":
            ck.ok(pr["priceTotal"] == 0 or 100000 <= pr["priceTotal"] <= 600000, "%s: housing price" % label)
            if pr["priceTotal"] == 0:
                ck.ok(pr["incentives"] and pr["incentives"].get("nn"), "%s: free plot needs incentives" % label)
            ck.ok(pr["buildingDeadlineYears"] == 2, "%s: building deadline" % label)
        d = pr["description"]
        ck.ok(isinstance(d, dict) and all(d.get(k) for k in ("nn", "nb", "en")), "%s: description" % label)
        c = pr["contact"]
        ck.ok(c["email"] == "postmottak@%s.kommune.no" % MUNICIPALITIES[kn]["slug"] and c["phone"].startswith("+47 ")
              and c["name"], "%s: contact" % label)
        if pr["matrikkel"] is None:
            null_matr += 1
        else:
            m = pr["matrikkel"]
            ck.ok(isinstance(m["gnr"], int) and isinstance(m["bnr"], int) and m["fnr"] is None and m["snr"] is None,
                  "%s: matrikkel" % label)
            key = (kn, m["gnr"], m["bnr"])
            ck.ok(key not in matr, "%s: duplicate matrikkel %s" % (label, key))
            matr.add(key)
        if not pr["published"]:
            drafts += 1
        if g["type"] == "MultiPolygon":
            multi += 1
        holes += sum(len(poly) - 1 for poly in polygons_of(g))
        check_polygon_geom(ck, g, label)
        area = geom_area_m2(g)
        areas.append(area)
        lo, hi = SIZE_RULES.get(pu, (0, 1e9))
        ck.ok(lo <= area <= hi, "%s: area %.0f m² outside %s for %s" % (label, area, (lo, hi), pu))
        if ck.ok(geom_within(g, bounds[kn]), "%s: not completely inside municipality %s" % (label, kn)):
            margin = min_dist_to_boundary_m(g, bounds[kn])
            ck.ok(margin >= MIN_BOUNDARY_MARGIN_M, "%s: only %.0f m from the municipality boundary" % (label, margin))
        if pr["planId"] is not None:
            plan = plan_by_id.get(pr["planId"])
            if ck.ok(plan is not None, "%s: unknown plan %s" % (label, pr["planId"])):
                ck.ok(geom_within(g, plan["geometry"]), "%s: not inside plan %s" % (label, pr["planId"]))
                zs = [z for z in zones if z["properties"]["planId"] == pr["planId"]
                      and point_in_geom(*centroid(polygons_of(g)[0][0]), z["geometry"])]
                ck.ok(len(zs) == 1 and zs[0]["properties"]["landUseCode"] == pr["landUseCode"]
                      and zs[0]["properties"]["allowedUses"] == pr["allowedUses"],
                      "%s: not in a zone with the same landUseCode/allowedUses" % label)
        else:
            for pid, plan in plan_by_id.items():
                ck.ok(not geom_within(g, plan["geometry"]), "%s: inside plan %s but planId null" % (label, pid))
    # overlaps
    bbs = [bbox_of(p["geometry"]) for p in valid]
    order = sorted(range(len(valid)), key=lambda i: bbs[i][0])
    for a in range(len(order)):
        i = order[a]
        for b in range(a + 1, len(order)):
            j = order[b]
            if bbs[j][0] > bbs[i][2]:
                break
            if bbox_overlap(bbs[i], bbs[j]) and geoms_intersect(valid[i]["geometry"], valid[j]["geometry"]):
                ck.err("plots overlap: %s / %s" % (valid[i]["properties"]["name"], valid[j]["properties"]["name"]))
    n = max(len(plots), 1)
    for kn in ok_kn:
        ck.ok(stats["by_kn"].get(kn, 0) >= 12, "municipality %s has %d plots" % (kn, stats["by_kn"].get(kn, 0)))
    share = {k: v / n for k, v in stats["by_purpose"].items()}
    for pu, (lo, hi) in {"housing": (0.38, 0.52), "leisure": (0.10, 0.20), "business": (0.20, 0.30),
                         "combined": (0.10, 0.20)}.items():
        ck.ok(lo <= share.get(pu, 0) <= hi, "purpose %s share %.2f outside %s" % (pu, share.get(pu, 0), (lo, hi)))
    ck.ok(multi == 2, "MultiPolygon plots: %d, want 2" % multi)
    ck.ok(holes >= 1, "plots with holes: %d" % holes)
    ck.ok(6 <= drafts <= 10, "draft plots: %d, want about 8" % drafts)
    ck.ok(0.05 <= null_matr / n <= 0.15, "plots without matrikkel: %d" % null_matr)
    kv_big = [p for p in valid if p["properties"]["municipalityNumber"] == "4028"
              and p["properties"]["purpose"] == "business" and geom_area_m2(p["geometry"]) > 2000
              and p["properties"]["infrastructure"]["fibre"] == "yes"]
    ck.ok(len(kv_big) >= 3, "Kviteseid business plots > 2000 m² with fibre: %d" % len(kv_big))
    dalen = kommuner["4034"]
    near_dalen = [p for p in valid if p["properties"]["purpose"] == "housing" and
                  haversine_m(float(dalen["centre_lat"]), float(dalen["centre_lon"]),
                              *reversed(centroid(polygons_of(p["geometry"])[0][0]))) <= 5000]
    ck.ok(len(near_dalen) >= 3, "housing plots within 5 km of Dalen: %d" % len(near_dalen))
    lottery = [p for p in valid if p["properties"]["municipalityNumber"] == "4644"
               and p["properties"]["purpose"] == "housing" and p["properties"]["allocation"] == "lottery"]
    ck.ok(len(lottery) >= 5, "Luster lottery housing plots: %d" % len(lottery))
    ck.ok(sum(1 for p in valid if p["properties"]["priceTotal"] == 0) >= 2, "free plots")
    ck.ok(sum(1 for p in valid if p["properties"]["tenure"] == "leasehold") >= 2, "leasehold plots")
    for pid in plan_by_id:
        cnt = sum(1 for p in valid if p["properties"]["planId"] == pid)
        ck.ok(cnt >= 3, "plan %s contains only %d plots" % (pid, cnt))

    # hazards ----------------------------------------------------------------------------------
    hazards = load_collection(ck, "hazards.geojson")
    ck.ok(6 <= len(hazards) <= 10, "hazards: %d, want 6-10" % len(hazards))
    for h in hazards:
        pr, g = h["properties"], h["geometry"]
        label = "hazard %s/%s" % (pr.get("municipalityNumber"), pr.get("name"))
        ck.ok(set(pr) == {"code", "name", "municipalityNumber", "description"}, "%s: keys" % label)
        row = ref["hensyn"].get(pr["code"])
        ck.ok(row is not None and row["kind"] == "fare" and pr["code"] in (310, 320), "%s: code" % label)
        ck.ok(re.fullmatch(r"H%d_\d+" % pr["code"], pr["name"] or ""), "%s: name" % label)
        ck.ok(pr["description"].get("nn"), "%s: description" % label)
        check_polygon_geom(ck, g, label)
        ck.ok(geom_within(g, bounds[pr["municipalityNumber"]]), "%s: not inside municipality" % label)
        hits = [p for p in valid if p["properties"]["municipalityNumber"] == pr["municipalityNumber"]
                and geoms_intersect(g, p["geometry"])]
        ck.ok(len(hits) >= 1, "%s: overlaps no plot" % label)

    if verbose:
        print("plots: %d (MultiPolygon %d, holes %d, drafts %d, no matrikkel %d)" % (
            len(plots), multi, holes, drafts, null_matr))
        names = {k: MUNICIPALITIES[k]["name"] for k in MUNICIPALITIES}
        purposes = ["housing", "leisure", "business", "combined"]
        print("%-12s %6s  %s" % ("municipality", "plots", "  ".join("%8s" % p for p in purposes)))
        for kn in sorted(ok_kn):
            print("%-12s %6d  %s" % (names[kn], stats["by_kn"].get(kn, 0),
                                     "  ".join("%8d" % stats["by_kn_purpose"].get((kn, p), 0) for p in purposes)))
        print("%-12s %6d  %s" % ("total", len(plots), "  ".join(
            "%7.0f%%" % (100 * share.get(p, 0)) for p in purposes)))
        print("places %d, hubs %d, plans %d, zones %d, hazards %d" % (
            len(places), len(hubs), len(plans), len(zones), len(hazards)))
        if areas:
            print("plot areas: %.0f..%.0f m²" % (min(areas), max(areas)))
    return ck


def centroid(ring):
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        cr = x1 * y2 - x2 * y1
        a += cr
        cx += (x1 + x2) * cr
        cy += (y1 + y2) * cr
    a /= 2.0
    return (cx / (6 * a), cy / (6 * a))


# ---------------------------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only check the existing files")
    args = ap.parse_args(argv)
    ref = load_reference()
    if not args.check:
        out = build(ref)
        for name, feats in out.items():
            dump_collection(os.path.join(HERE, name), feats)
            print("wrote geodata/%s (%d features)" % (name, len(feats)))
    ck = run_checks(ref)
    for e in ck.errors:
        print("ERROR:", e)
    print("check: %s (%d problems)" % ("OK" if not ck.errors else "FAILED", len(ck.errors)))
    return 0 if not ck.errors else 1


if __name__ == "__main__":
    sys.exit(main())
