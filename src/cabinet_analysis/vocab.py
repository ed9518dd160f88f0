"""Names the code relies on. The vocabularies of the data files (tiers, ethnicities,
networks, confidence levels, source kinds) live in ``data/datapackage.json``; what is
here is what the analysis itself names, and the cross-file check makes sure the data
provide it."""

FIRST_ROUND = "2021-09-07"  # the announcement the commentary is about
EXPECTED_APPOINTEES = 33
EXPECTED_PROVINCES = 34

# Cabinet rank vs deputy rank, wherever a two-way split is wanted.
CABINET_TIERS = ("prime_minister", "deputy_prime_minister", "minister", "acting_head_of_agency")
# Ranks the timeline measures at: everyone in office, cabinet rank (the tiers above), the rest.
RANKS = ("all", "cabinet rank", "deputy or other")

FOCUS_GROUPS = ("west", "southwest", "west_or_southwest", "hazarajat", "helmandi_networks")
HAZARAJAT = "Hazarajat"
HAZARAJAT_CONFIDENCE = ("high", "medium")  # rows of hazarajat.csv that count
HELMAND = "Helmand"
HELMANDI_TRIBES = ("Ishaqzai", "Alizai")

# Region schemes the analysis, report and notebooks use, and the regions each must have.
RUSI_SCHEMES = ("rusi", "rusi_farah_southwest")  # the commentary's usage; Hazarajat is a region of its own
REQUIRED_REGIONS = {
    "rusi": ("west", "southwest", "south", HAZARAJAT),
    "rusi_farah_southwest": ("west", "southwest", HAZARAJAT),
    "unama": (),
    "isaf": (),
}
