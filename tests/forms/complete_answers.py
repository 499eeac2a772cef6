"""Complete, valid, submitted answer sets for every shipped form: shared by the form tests and the benchmark."""

from __future__ import annotations

from datetime import date
from typing import Any

TODAY = date(2026, 3, 1)
QUOTE_SHA = "ab" * 32

ENTERPRISE = {
    "headcount": 4,
    "turnover": "300000",
    "balance_sheet": 150000,
    "related": [{"name": "Holding Zoë", "relation": "partner", "share": 30, "headcount": 2, "turnover": 100000}],
    "establishment_postal_code": "1030",
    "sector": "horeca",
    "enterprise_number": "0403.019.261",
    "vat_number": "BE 0403.019.261",
    "nace": "56.101",
    "iban": "BE68 5390 0754 7034",
    "contact_phone": "02 422 00 20",
    "contact_email": "zoe@friterie.be",
    "de_minimis_received": 20000,
    "firm_in_difficulty": False,
}
DATES = {"application_on": "2026-03-02", "expense_committed_on": "2026-04-15"}

# A complete, valid, submitted answer set for every shipped form (newest version).
COMPLETE: dict[str, dict[str, Any]] = {
    "env_permit": {
        "premises": {"postal_code": "1040", "commune_nis": "21005"},
        "public_applicant": False,
        "mixed_project": False,
        "installations": [
            {"activity": "bakery", "description": "Four à sole"},
            {"activity": "air_conditioning"},
            {"activity": "car_park", "places": 12},
            {"activity": "other", "class": "3", "rubric": "40", "description": "Compresseur"},
        ],
        "filed_on": "2026-02-10",
        "file_complete_on": "2026-03-02",
        "planned_start_on": "2026-09-01",
        "site_plan": {"sha256": QUOTE_SHA, "name": "plan.pdf"},
    },
    "urban_permit": {
        "premises": "1030",
        "works": True,
        "change_of_use": True,
        "current_use": "Magasin de vêtements",
        "new_use": "Snack",
        "retail": False,
        "public_applicant": False,
        "tenant": True,
        "architect": True,
        "delegated_official_opinion": False,
        "special_publicity": False,
        "parallel_environmental_permit": False,
        "file_complete_on": "2026-03-02",
    },
    "terrace": {
        "premises": {"postal_code": "1040", "commune_nis": "21005"},
        "occupation": "annual",
        "surface_m2": 12,
        "free_passage_m": 1.5,
        "terrace_width_m": 4,
        "shopfront_width_m": 4,
        "fixed_floor": False,
        "regional_road": False,
        "start_on": "2026-05-01",
        "file_complete_on": "2026-03-10",
    },
    "food_business": {
        "activity": "restaurant",
        "premises": "1060",
        "enterprise_number": "0403019261",
        "establishment_unit": "2123.456.789",
        "opening_on": "2026-06-01",
    },
    "sign_permit": {
        "premises": "1000",
        "zone": "prohibited",
        "illuminated": True,
        "width_m": 2.5,
        "start_on": "2026-06-01",
        "beyond_regulation": False,
        "third_party_brand": False,
        "granted_on": "2026-05-15",
    },
    "investment_aid": {
        **ENTERPRISE,
        "description": "Nouveau four et chambre froide",
        "investment_kind": "equipment",
        "project_type": "extension",
        "starter": False,
        "development_zone": False,
        "business_takeover": False,
        "eligible_costs": "40000",
        **DATES,
        "quotes": [
            {"supplier": "Fours Dupont", "amount": "25000", "document": {"sha256": QUOTE_SHA, "name": "four.pdf"}},
            {"supplier": "Frigo NV", "amount": "15000"},
        ],
    },
    "consultancy_aid": {
        **ENTERPRISE,
        "description": "Étude de marché",
        "mission_scope": "analysis",
        "recurring": False,
        "in_house_skills": False,
        "eligible_costs": 10000,
        **DATES,
        "quotes": [{"supplier": "Conseil SRL", "amount": 10000}],
    },
    "transition_consultancy": {
        **ENTERPRISE,
        "description": "Plan de diversité",
        "mission_scope": "diversity",
        "eligible_costs": 8000,
        **DATES,
    },
    "launch_aid": {
        "has_enterprise_number": False,
        "adult": True,
        "self_employed_last_3_years": False,
        "accompanied_months": 8,
        "business_plan": True,
        "structure": "JobYourself",
        "contact_phone": "0470 12 34 56",
        "contact_email": "zoe@example.be",
        "iban": "BE71 0961 2345 6769",
        "description": "Atelier de couture",
        "eligible_costs": 10000,
        **DATES,
    },
    "export_aid": {
        "aid_type": "trade_fair",
        "destination": "Tokyo",
        "starter": False,
        "event_name": "Foodex Japan",
        "event_start_on": "2026-05-10",
        "event_days": 4,
        "own_stand": True,
        **ENTERPRISE,
        "description": "Stand à Foodex",
        "eligible_costs": 6000,
        **DATES,
    },
    "export_support": {
        "target_market": "Japon",
        "enterprise_number": "0403.019.261",
        "attache_post": "Paris",
        "support_type": ["partner_search", "b2b_meetings"],
        "products": "Chocolat",
        "wanted_by": "2026-09-01",
        "partners": [
            {
                "name": "Tokyo Foods",
                "city": "Tokyo",
                "country": "Japon",
                "contact": "info@tokyofoods.jp",
                "kind": "importer",
            }
        ],
    },
    "location_search": {
        "premises_type": "shop",
        "surface_min": 80,
        "surface_max": 150,
        "budget_monthly": 2500,
        "preferred_communes": ["21015", "21005"],
        "available_from": "2026-06-01",
        "premises": [
            {"address": "Rue Royale Sainte-Marie 10", "postal_code": "1030", "surface": 100, "rent": 2000},
            {
                "address": "Avenue d'Auderghem 50",
                "postal_code": {"postal_code": "1040", "commune_nis": "21004"},
                "surface": 120,
                "rent": 2400,
            },
        ],
    },
}
