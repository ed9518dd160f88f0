"""Words for readers: the plain-English name of every column, group, yardstick and tier the
package shows, in one place. Tables (:mod:`cabinet_analysis.report.display`), the Markdown report and the
figures all read their headings and labels here."""

from __future__ import annotations

from ..coding.groups import FOCUS

# The focus groups' names come from their registry (cabinet_analysis.coding.groups); Hazaras by ethnicity
# are counted by the ethnic tables, not the registry.
GROUPS = {**{name: g.label for name, g in FOCUS.items()}, "hazara": "Hazaras (ethnicity)"}

YARDSTICKS = {  # what a baseline measures against, as a figure's axis or a table cell names it
    "population": "population",
    "provinces": "province (equal weight)",
    "movement": "listed cadre",
    "emirate": "listed 1996-2001 office-holders",
}

TIERS = {
    "prime_minister": "prime minister",
    "deputy_prime_minister": "deputy prime minister",
    "minister": "minister",
    "acting_head_of_agency": "head of agency",
    "deputy_minister": "deputy minister",
    "other_senior": "other senior",
}

# Column headings. A column not named here is shown with its name's words ("n_unknown" -> "N unknown").
COLUMNS = {
    "group": "Group", "observed": "In the group", "n": "Counted", "n_unknown": "Unknown", "n_total": "All",
    "share": "Share", "baseline_share": "Yardstick share", "expected": "Expected", "gap_pp": "Gap (points)",
    "ratio": "Ratio", "p_under": "p (too few)", "p_over": "p (too many)", "p_holm": "p (Holm)",
    "ci_low": "95% interval from", "ci_high": "to", "ids": "Who", "names": "Who",
    "observed_min": "At least", "observed_max": "At most", "gap_pp_at_min": "Gap at least", "gap_pp_at_max": "Gap at most",
    "p_under_at_min": "p at least", "p_under_at_max": "p at most", "origin": "Origin", "prefer": "Prefer",
    "helmandi": "Helmandi rule", "scheme": "Regions", "baseline": "Yardstick", "ethnicity": "Ethnicity",
    "coding": "Coding", "entries": "Entries", "with_a_province_in_the_evidence": "With a province in the evidence",
    "with_a_province_default_reading": "With a province (default reading)", "among_the_33": "Among the 33",
    "loosemore_hanby": "Loosemore-Hanby", "gallagher": "Gallagher", "mc_p_value": "p (simulated)",
    "mc_draws": "Draws", "mc_seed": "Seed", "combinations": "Codings", "gap_pp_min": "Gap from", "gap_pp_max": "Gap to",
    "p_under_min": "p from", "p_under_max": "p to", "share_significant": "Share significant",
    "share_significant_holm": "Share significant (Holm)", "observed_moved_by": "Count moved by",
    "significance_moved_by": "Significance moved by", "expected_low": "Expected (low share)",
    "p_under_low": "p (low share)", "p_over_low": "p over (low share)", "expected_central": "Expected (central share)",
    "p_under_central": "p (central share)", "p_over_central": "p over (central share)",
    "expected_high": "Expected (high share)", "p_under_high": "p (high share)", "p_over_high": "p over (high share)",
    "gap_pp_central": "Gap (central share)", "person_id": "Person", "name": "Name", "tie": "Tie", "field": "Field",
    "value": "Value", "basis": "Basis", "source_id": "Source", "confidence": "Confidence", "members": "Members",
    "claim_id": "Claim", "place": "Where in the commentary", "claim": "Claim (paraphrased)", "figure": "What the data show",
    "verdict": "Verdict", "holds_in": "Holds in", "moved_by": "Moved by", "robust_to_unknowns": "Whatever the unknowns",
    "date": "Date", "rank": "Rank", "holders": "Holders", "first_event": "First event", "last_event": "Last event",
    "events": "Events", "announcements": "Announcements", "persons_in_office": "Persons in office",
    "persons_at_cabinet_rank": "At cabinet rank", "reached_cabinet_rank_later": "Reached it later",
    "changes_of_hands": "Changes of hands", "to_newcomers": "To newcomers", "by_reassignment": "By reassignment",
    "year": "Year", "appointed": "Appointed", "acting": "Acting", "attested": "Attested", "left": "Left",
    "known_rounds": "Known rounds", "rounds_lacking": "Rounds the data lack", "round_id": "Round",
    "announced_on": "Announced", "description": "Description", "names_announced": "Names announced",
    "events_held": "Events held", "sources": "Number of sources", "source_ids": "Sources", "post": "Post", "from": "From",
    "to": "To", "kind": "Kind", "posts": "Posts", "first": "First day", "last": "Last day", "seq": "No.",
    "tier": "Tier", "province": "Province", "origin_basis": "Origin from", "tribe": "Tribe", "network": "Network",
    "known": "Known", "unknown": "Unknown", "imputed": "Imputed", "unknown_ids": "Unknown for", "since": "Since",
    "region": "Region", "district": "District", "values": "Values", "appointees": "Appointees",
    "direct": "Direct evidence", "holds": "Holds", "unknowns": "Unknowns", "missing": "Not named", "could_be": "Could be",
    "unnamed_posts": "Posts of unknown holder", "unheld_names": "Names not held",
    "names_held": "Names held", "held": "Held", "vacant": "Vacant", "ours": "The data",
    "low": "Lowest", "high": "Highest", "difference": "Difference", "agreement": "Agreement", "why": "Why",
    "reading": "Which districts", "population_share": "Share of the population", "provinces_share": "Share of the provinces",
    "cadre_share": "Share of the listed cadre", "p_under_cadre": "p (too few, cadre)", "people": "People", "tally_id": "Tally", "measure": "Measure", "scope": "Scope", "as_of": "As of", "unheld": "Not held",
}


def column(name: str) -> str:
    """The heading of a column."""
    return COLUMNS.get(name, name.replace("_", " ").capitalize())


def group(name: str) -> str:
    """The reader's name of a focus group (its own name where none is set)."""
    return GROUPS.get(name, name)
