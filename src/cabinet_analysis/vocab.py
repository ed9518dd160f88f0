"""Names the code relies on. The vocabularies of the data files (tiers, ethnicities,
networks, confidence levels, source kinds) live in ``data/datapackage.json``; what is
here is what the analysis itself names, and the cross-file check makes sure the data
provide it."""

FIRST_ROUND = "2021-09-07"  # the announcement the commentary is about
EXPECTED_APPOINTEES = 33
GOVERNMENT_SINCE = (
    "2021-08-15"  # the Taliban took Kabul: every date of its government falls from here to today
)
EXPECTED_PROVINCES = 34

# The tiers (posts.csv: rank) in groups: cabinet rank, the central posts below it, provincial and
# military posts, embassies. A round's unheld names are placed in these groups (rounds.csv: unheld_ranks).
CABINET_TIERS = ("prime_minister", "deputy_prime_minister", "minister", "acting_head_of_agency")
RANK_GROUPS = {
    "cabinet": CABINET_TIERS,
    "deputy": ("deputy_minister", "other_senior"),
    "provincial": ("governor", "deputy_governor", "police_chief"),
    "military": ("corps_commander",),
    "diplomatic": ("ambassador",),
}
# Ranks the timeline measures at, each a set of rank groups: everyone in office, cabinet rank, the
# central posts below it, and the provinces and the army.
RANKS = ("all", "cabinet rank", "deputy or other", "provincial or military")
RANK_MEMBERS = {
    "all": tuple(RANK_GROUPS),
    "cabinet rank": ("cabinet",),
    "deputy or other": ("deputy",),
    "provincial or military": ("provincial", "military"),
}

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
