"""A realistic demo workspace: Brussels enterprises, their cases, visits and tasks, generated fast.

Names are French and Dutch with their accents, enterprise numbers pass the mod-97 and
first-digit rules, IBANs use real Belgian bank codes, addresses use the real postal
codes and communes of the reference data. The same seed gives the same workspace.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hubdesk.domain.entities import (
    Address,
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Contact,
    Enterprise,
    Language,
    NaceCode,
    SizeFigures,
    StatusChange,
    Task,
    Visit,
)
from hubdesk.domain.reference import ReferenceData
from hubdesk.domain.references import device_code, make_case_reference
from hubdesk.domain.workflow import ALLOWED_TRANSITIONS
from hubdesk.kernel.ids import new_id
from hubdesk.kernel.jobs import NULL_REPORTER, Reporter

FIRST_NAMES = (
    "Amélie",
    "Benoît",
    "Céline",
    "Théo",
    "Zoë",
    "Loïc",
    "Hélène",
    "François",
    "Noémie",
    "Jérôme",
    "Anaïs",
    "Gaëlle",
    "Joëlle",
    "Raphaël",
    "Maëlle",
    "Lise",
    "Wouter",
    "Griet",
    "Sofie",
    "Jens",
    "Liesbeth",
    "Pieter",
    "Ine",
    "Bram",
    "Anke",
    "Stijn",
    "Eline",
    "Youssef",
    "Fatima",
    "Mehmet",
    "Ayşe",
    "Kofi",
    "Agnieszka",
    "Nikolaï",
    "Inès",
    "Aurélie",
    "Björn",
    "Chloé",
    "Sébastien",
    "Daan",
)
SURNAMES = (
    "Dubois",
    "Lefèvre",
    "Peeters",
    "Janssens",
    "Maes",
    "Wouters",
    "Dupont",
    "Lambert",
    "Mertens",
    "De Smet",
    "Vermeulen",
    "Claes",
    "Goossens",
    "Hermans",
    "Dewaele",
    "Van den Broeck",
    "Leclercq",
    "Desmet",
    "Renard",
    "Nuñez",
    "El Amrani",
    "Benali",
    "Yılmaz",
    "Kowalski",
    "Ngoma",
    "Moreau",
    "Bogaert",
    "Van Damme",
    "Willems",
    "Lemaître",
    "Fontaine",
    "Michiels",
    "Thiry",
    "Geeraerts",
)
BUSINESS_FR = (
    "Boulangerie {s}",
    "Café {f}",
    "Brasserie du Coin",
    "Épicerie {s}",
    "Atelier {f} & Fils",
    "Pâtisserie {f}",
    "Librairie {s}",
    "Fromagerie {s}",
    "Menuiserie {s}",
    "Crèmerie {f}",
    "Traiteur {s}",
    "Boucherie {s}",
    "Friterie {f}",
    "Studio {f} Créations",
    "Garage {s}",
)
BUSINESS_NL = (
    "Bakkerij {s}",
    "Brouwerij {s}",
    "Kapsalon {f}",
    "Bloemen {s}",
    "Schrijnwerkerij {s}",
    "Frituur {f}",
    "Slagerij {s}",
    "Koffiebar {f}",
    "Drukkerij {s}",
    "Fietsen {s}",
    "Eetcafé {f}",
    "Kaashandel {s}",
    "Atelier {f}",
    "Brasserie {s}",
    "Groenten {s}",
)
STREETS_FR = (
    "Rue de la Loi",
    "Chaussée d'Ixelles",
    "Avenue Louise",
    "Rue Haute",
    "Rue Neuve",
    "Chaussée de Waterloo",
    "Rue du Midi",
    "Boulevard Anspach",
    "Place Flagey",
    "Rue Royale",
)
STREETS_NL = (
    "Wetstraat",
    "Elsensesteenweg",
    "Louizalaan",
    "Hoogstraat",
    "Nieuwstraat",
    "Waterloosesteenweg",
    "Zuidstraat",
    "Anspachlaan",
    "Flageyplein",
    "Koningsstraat",
)
LEGAL_FORMS = ("SRL/BV", "SA/NV", "SC/CV", "ASBL/VZW", "personne physique/natuurlijk persoon")
NACE_BY_SECTOR = {
    "retail": ("47.110", "47.240", "47.716", "47.790"),
    "horeca": ("56.110", "56.120", "56.210"),
    "construction": ("41.200", "43.320", "43.210"),
    "manufacturing_innovative_materials": ("22.290", "25.620"),
    "agri_food": ("10.710", "10.890"),
    "health": ("86.210", "86.901"),
    "creative_cultural": ("74.100", "90.011"),
    "ict": ("62.010", "63.120"),
}
# Real Belgian bank codes (first three digits of the BBAN) from the NBB list.
BANK_CODES = ("001", "063", "068", "096", "103", "310", "320", "363", "630", "734", "735", "751")
ACCOUNT_MANAGERS = (
    "a.dubois",
    "b.peeters",
    "c.lambert",
    "d.janssens",
    "e.maes",
    "f.benali",
    "g.wouters",
    "h.renard",
    "i.claes",
    "j.fontaine",
    "k.mertens",
    "l.thiry",
)
TITLES = {
    CaseKind.PERMIT_ASSISTANCE: (
        "Permis d'environnement — {n}",
        "Milieuvergunning — {n}",
        "Terrasse — {n}",
        "Terras — {n}",
        "Enseigne — {n}",
        "Uithangbord — {n}",
    ),
    CaseKind.SUBSIDY_APPLICATION: (
        "Prime matériel et travaux — {n}",
        "Premie materieel en werken — {n}",
        "Prime consultance — {n}",
        "Premie consultancy — {n}",
    ),
    CaseKind.EXPORT_SUPPORT: ("Prospection {m} — {n}", "Prospectie {m} — {n}", "Salon {m} — {n}", "Beurs {m} — {n}"),
    CaseKind.LOCATION_SEARCH: ("Recherche de local — {n}", "Zoektocht naar handelspand — {n}"),
    CaseKind.GENERAL_ADVICE: (
        "Création d'entreprise — {n}",
        "Starten als zelfstandige — {n}",
        "Question financement — {n}",
        "Vraag over financiering — {n}",
    ),
}
MARKETS = ("Paris", "Casablanca", "Tokyo", "New York", "São Paulo", "Dakar", "Kraków", "Montréal")
NOTES = (
    "Visite de l'atelier : l'installation frigorifique dépasse {k} kW, vérifier la classe.",
    "Bezoek ter plaatse: de ondernemer wil een terras van {k} m² aan de straatkant.",
    "L'entrepreneur hésite entre Ixelles et Saint-Gilles ; budget serré, {k} m² minimum.",
    "Telefonisch contact: offerte voor de ovens ontvangen, premieaanvraag vóór bestelling indienen.",
    "Rendez-vous au 1819 : questions sur la prime de lancement et le statut d'indépendant.",
    "Videogesprek met de handelsattaché over beurs in {m}, kosten en planning.",
    "E-mail : documents manquants (plans, fiche technique) pour le dossier urbanisme.",
    "Visite : café-restaurant, extraction de fumées et nuisances sonores après minuit.",
)


@dataclass(frozen=True)
class DemoBatch:
    """One slice of generated records, ready for the store's bulk loader."""

    enterprises: list[Enterprise]
    contacts: list[Contact]
    cases: list[Case]
    status_changes: list[StatusChange]
    visits: list[Visit]
    tasks: list[Task]


def enterprise_number(rng: random.Random) -> str:
    first8 = rng.randrange(2_000_000, 10_000_000) if rng.random() < 0.95 else rng.randrange(10_000_000, 11_000_000)
    return f"{first8:08d}{97 - first8 % 97:02d}"


def belgian_iban(rng: random.Random) -> str:
    first10 = rng.choice(BANK_CODES) + f"{rng.randrange(10_000_000):07d}"
    bban = first10 + f"{int(first10) % 97 or 97:02d}"
    # ISO 13616 check digits: BBAN + "BE00" as digits (B=11, E=14), 98 - mod 97.
    check = 98 - int(bban + "111400") % 97
    return f"BE{check:02d}{bban}"


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"+324{rng.randrange(70, 100)}{rng.randrange(1_000_000):06d}"
    return f"+322{rng.choice((2, 5, 6, 7))}{rng.randrange(100_000, 1_000_000):06d}"


class DemoGenerator:
    """Generates enterprises and cases in slices so memory stays flat at any size."""

    def __init__(self, reference: ReferenceData, *, seed: int = 2026, today: date | None = None) -> None:
        self.rng = random.Random(seed)
        self.today = today or date.today()
        self.codes = [(code, pc.commune_nis[0]) for code, pc in reference.postal_codes.items()]
        self.sectors = [s.key for s in reference.sectors] or list(NACE_BY_SECTOR)
        self.posts = [p["city"] for p in reference.attache_posts] or list(MARKETS)
        self.reference_code = device_code("demo-workspace")

    def batches(
        self, enterprises: int, cases: int, *, batch_size: int = 5_000, reporter: Reporter = NULL_REPORTER
    ) -> Iterator[DemoBatch]:
        made_cases = 0
        for start in range(0, enterprises, batch_size):
            count = min(batch_size, enterprises - start)
            # Spread the cases over the enterprises evenly, batch by batch.
            target = round(cases * (start + count) / max(enterprises, 1))
            yield self._batch(count, target - made_cases, made_cases)
            made_cases = target
            reporter.report(start + count, enterprises)

    def _batch(self, enterprise_count: int, case_count: int, case_offset: int) -> DemoBatch:
        rng = self.rng
        enterprises = [self._enterprise() for _ in range(enterprise_count)]
        contacts = [self._contact(e) for e in enterprises for _ in range(rng.choice((1, 1, 2)))]
        batch = DemoBatch(enterprises, contacts, [], [], [], [])
        for index in range(case_count):
            self._case(batch, rng.choice(enterprises), case_offset + index + 1)
        return batch

    def _enterprise(self) -> Enterprise:
        rng = self.rng
        language = Language.NL if rng.random() < 0.3 else Language.FR
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        pattern = rng.choice(BUSINESS_NL if language is Language.NL else BUSINESS_FR)
        postal_code, nis = rng.choice(self.codes)
        street = rng.choice(STREETS_NL if language is Language.NL else STREETS_FR)
        sector = rng.choice(self.sectors)
        number = enterprise_number(rng)
        headcount = Decimal(rng.choice((1, 2, 3, 5, 8, 12, 25, 60, 300)))
        turnover = Decimal(rng.randrange(50, 60_000)) * 1000
        return Enterprise(
            id=new_id(),
            number=number,
            name=pattern.format(s=surname, f=first),
            legal_form=rng.choice(LEGAL_FORMS),
            nace_codes=(NaceCode(rng.choice(NACE_BY_SECTOR.get(sector, ("47.110",))), "2025"),),
            sector=sector,
            address=Address(f"{street} {rng.randrange(1, 250)}", postal_code, nis, "", "BE"),
            language=language,
            vat_number="BE" + number if rng.random() < 0.8 else None,
            iban=belgian_iban(rng),
            email=f"info@{surname.lower().replace(' ', '')}{rng.randrange(1000)}.be",
            phone=_phone(rng),
            figures=SizeFigures(headcount, turnover, (turnover * Decimal("0.6")).quantize(Decimal(1))),
            account_manager=rng.choice(ACCOUNT_MANAGERS),
        )

    def _contact(self, enterprise: Enterprise) -> Contact:
        rng = self.rng
        role = rng.choice(("gérant·e", "zaakvoerder", "comptable", "boekhouder", "associé·e"))
        return Contact(
            id=new_id(),
            enterprise_id=enterprise.id,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            role=role,
            phone=_phone(rng),
            email=f"contact{rng.randrange(100_000)}@example.be",
        )

    def _case(self, batch: DemoBatch, enterprise: Enterprise, sequence: int) -> None:
        rng = self.rng
        kind = rng.choices(list(CaseKind), weights=(35, 30, 12, 10, 13))[0]
        opened = self.today - timedelta(days=rng.randrange(1, 900))
        history = [CaseStatus.NEW]
        for _ in range(rng.randrange(0, 4)):
            history.append(rng.choice(ALLOWED_TRANSITIONS[history[-1]]))
        status = history[-1]
        # Titles alternate French, Dutch in TITLES: pick one in the enterprise's language.
        titles = TITLES[kind][1 if enterprise.language is Language.NL else 0 :: 2] or TITLES[kind]
        title = rng.choice(titles).format(n=enterprise.name, m=rng.choice(MARKETS))
        case = Case(
            id=new_id(),
            reference=make_case_reference(self.reference_code, opened.year, sequence),
            enterprise_id=enterprise.id,
            title=title,
            kind=kind,
            status=status,
            account_manager=enterprise.account_manager,
            commune_nis=enterprise.address.commune_nis,
            attache_post=rng.choice(self.posts) if kind is CaseKind.EXPORT_SUPPORT else None,
            opened_on=opened,
            due_on=opened + timedelta(days=rng.randrange(20, 200)),
            closed_on=opened + timedelta(days=rng.randrange(20, 300))
            if status in (CaseStatus.COMPLETED, CaseStatus.ABANDONED)
            else None,
            updated_at=datetime.combine(opened, datetime.min.time(), UTC)
            + timedelta(days=rng.randrange(0, 60), minutes=rng.randrange(0, 1440)),
        )
        batch.cases.append(case)
        moment = datetime.combine(opened, datetime.min.time(), UTC) + timedelta(hours=9)
        previous: CaseStatus | None = None
        for step in history:
            batch.status_changes.append(StatusChange(new_id(), case.id, previous, step, moment, case.account_manager))
            previous, moment = step, moment + timedelta(days=rng.randrange(1, 30))
        for _ in range(2):
            note = rng.choice(NOTES).format(k=rng.randrange(5, 400), m=rng.choice(MARKETS))
            batch.visits.append(
                Visit(
                    id=new_id(),
                    case_id=case.id,
                    occurred_at=min(
                        datetime.combine(opened, datetime.min.time(), UTC)
                        + timedelta(days=rng.randrange(0, 120), hours=rng.randrange(8, 18)),
                        datetime.combine(self.today, datetime.min.time(), UTC) + timedelta(hours=9),
                    ),
                    channel=rng.choice(list(Channel)),
                    place=enterprise.address.street,
                    notes=note,
                    author=case.account_manager,
                )
            )
        if rng.random() < 0.7:
            batch.tasks.append(
                Task(
                    id=new_id(),
                    case_id=case.id,
                    title=rng.choice(
                        (
                            "Envoyer la liste des documents",
                            "Offertes opvragen",
                            "Relancer la commune",
                            "Plannen indienen",
                            "Vérifier l'éligibilité SME",
                            "Afspraak met attaché",
                        )
                    ),
                    due_on=self.today + timedelta(days=rng.randrange(-30, 60)),
                    done=status in (CaseStatus.COMPLETED, CaseStatus.ABANDONED),
                )
            )
