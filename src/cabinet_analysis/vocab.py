"""Controlled vocabularies shared by the schemas, the codebook and the analysis."""

TIERS = (
    "prime_minister",
    "deputy_prime_minister",
    "minister",
    "acting_head_of_agency",
    "deputy_minister",
    "other_senior",
)
# Cabinet rank vs deputy rank, used wherever a two-way split is wanted.
CABINET_TIERS = ("prime_minister", "deputy_prime_minister", "minister", "acting_head_of_agency")

ORIGIN_BASES = ("birth", "family", "unknown")
EVIDENCE_BASES = ("birth", "family", "residence")

ETHNICITIES = (
    "Pashtun", "Tajik", "Hazara", "Uzbek", "Turkmen", "Aimaq", "Baloch", "Nuristani", "Pashai", "Arab", "Other",
)

NETWORKS = (
    "kandahari_core",
    "haqqani",
    "peshawar_shura",
    "doha_office",
    "helmandi",
    "military_commission",
    "other",
)

CONFIDENCES = ("high", "medium", "low")
SOURCE_KINDS = ("official", "un_list", "news", "analysis", "encyclopedia", "dataset")

# Fields a row of codings.csv may carry evidence for. The first group mirrors
# columns of appointees.csv; the second is evidence kept only in the long table.
CODED_FIELDS = (
    "post",
    "announced_on",
    "province",
    "district",
    "ethnicity",
    "tribe",
    "network",
    "guantanamo",
    "un_1988_ref",
    "emirate_1996_2001",
)
EVIDENCE_ONLY_FIELDS = ("name_variants", "birth_year", "birth_country", "tier")
CODING_FIELDS = CODED_FIELDS + EVIDENCE_ONLY_FIELDS

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
UN_REF_PATTERN = r"^TAi\.\d{3}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
