"""Generated Brussels-like records for the store benchmark: French and Dutch names with accents, valid numbers.

Deterministic for a seed. Enterprises get valid enterprise numbers, a commune and
postal code from the reference data, a sector; cases spread over kinds, statuses,
account managers, communes, attaché posts (export cases) and three years of updates;
visits carry a few sentences of notes in French or Dutch.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
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
from hubdesk.kernel.ids import new_id

SURNAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Lefèvre",
    "Leclercq",
    "Renard",
    "Lemaire",
    "Delvaux",
    "Collignon",
    "Hermans",
    "Van den Broeck",
    "Vermeulen",
    "Desmet",
    "De Backer",
    "Van Damme",
    "Geerts",
    "Stevens",
    "Smets",
    "Michiels",
    "El Amrani",
    "Benali",
    "Ouali",
    "Yılmaz",
    "Öztürk",
    "Nowak",
    "Da Silva",
    "Rossi",
    "Müller",
    "Kowalski",
    "Mbuyi",
    "Kabasele",
    "Nguyễn",
    "François",
    "Gérard",
    "Noël",
    "Hélin",
    "Thiry",
    "Wéry",
    "Cœurnelle",
]
FIRST_NAMES = [
    "Zoë",
    "Hélène",
    "Loïc",
    "Noël",
    "Anaïs",
    "Jérôme",
    "Françoise",
    "Mathéo",
    "Inès",
    "Joëlle",
    "Sébastien",
    "Daan",
    "Lotte",
    "Wout",
    "Ruben",
    "Ilse",
    "Sofie",
    "Maarten",
    "Eline",
    "Jef",
    "Mehdi",
    "Yasmine",
    "Fatima",
    "Karim",
    "Aïcha",
    "Chloé",
    "Léa",
    "Amélie",
    "Géraldine",
    "Raphaël",
    "Bérénice",
    "Jan",
    "Annelies",
    "Pieter",
]
BUSINESS_FR = [
    "Boulangerie",
    "Pâtisserie",
    "Brasserie",
    "Café",
    "Épicerie",
    "Librairie",
    "Atelier",
    "Fromagerie",
    "Boucherie",
    "Crèmerie",
    "Friterie",
    "Garage",
    "Imprimerie",
    "Bureau d'études",
    "Cabinet",
    "Salon",
]
BUSINESS_NL = [
    "Bakkerij",
    "Brouwerij",
    "Frituur",
    "Kapsalon",
    "Slagerij",
    "Drukkerij",
    "Schrijnwerkerij",
    "Garage",
    "Bloemenwinkel",
    "Koffiebar",
    "Boekhandel",
    "Ontwerpbureau",
    "Nachtwinkel",
    "Fietsherstel",
]
SUFFIXES = ["", "", " & Fils", " & Zonen", " SRL", " BV", " SA", " Bruxelles", " Brussel", " du Midi", " Noord"]
ACCOUNT_MANAGERS = [
    f"{first[0].lower()}.{last.split()[-1].lower()}"
    for first, last in zip(FIRST_NAMES[:24], SURNAMES[:24], strict=True)
]
CASE_TITLES = {
    CaseKind.PERMIT_ASSISTANCE: [
        "Permis d'environnement pour la terrasse",
        "Omgevingsvergunning uitbreiding atelier",
        "Permis d'urbanisme façade",
        "Vergunning terras zomerseizoen",
        "Extraction de fumées : permis",
    ],
    CaseKind.SUBSIDY_APPLICATION: [
        "Prime à l'investissement",
        "Premie voor digitalisering",
        "Aide à la transition énergétique",
        "Subsidie opleiding personeel",
        "Prime à l'embauche",
    ],
    CaseKind.EXPORT_SUPPORT: [
        "Prospection export",
        "Exportbegeleiding beurs",
        "Mission économique",
        "Salon professionnel à l'étranger",
    ],
    CaseKind.LOCATION_SEARCH: [
        "Recherche de locaux",
        "Zoektocht naar bedrijfsruimte",
        "Nouvel entrepôt",
        "Winkelpand gezocht",
    ],
    CaseKind.GENERAL_ADVICE: [
        "Conseil création d'entreprise",
        "Advies overname zaak",
        "Questions fiscales",
        "Plan financier",
    ],
}
NOTE_SENTENCES = [
    "Rencontre avec la gérante au café du coin ; l'extraction de fumées reste à vérifier.",
    "Le dossier de prime est presque complet, il manque l'attestation de l'ONSS.",
    "Bezoek ter plaatse: de bakkerij wil uitbreiden naar het pand ernaast.",
    "Telefonisch contact met de zaakvoerder over de omgevingsvergunning.",
    "La commune demande des plans de la terrasse avant l'été.",
    "Premieaanvraag besproken; offertes volgen volgende week.",
    "Appel via la ligne 1819 : questions sur le statut d'indépendant complémentaire.",
    "Het personeel volgt een opleiding digitale marketing.",
    "Visite de l'atelier : machines neuves, besoin d'un financement pour l'agrandissement.",
    "De zaakvoerder zoekt een winkelpand in de buurt van het Flageyplein.",
    "Échange par courriel avec l'attaché à Tokyo sur la mission de novembre.",
    "Afspraak met de boekhouder over het financieel plan.",
    "Le propriétaire du rez-de-chaussée accepte un bail commercial de neuf ans.",
    "Videogesprek met de exportadviseur over de beurs in São Paulo.",
]
STATUS_WEIGHTS = {
    CaseStatus.NEW: 15,
    CaseStatus.IN_PROGRESS: 30,
    CaseStatus.WAITING_ENTREPRENEUR: 15,
    CaseStatus.WAITING_AUTHORITY: 10,
    CaseStatus.COMPLETED: 25,
    CaseStatus.ABANDONED: 5,
}
START = datetime(2023, 11, 1, tzinfo=UTC)
SPAN_SECONDS = 3 * 365 * 24 * 3600


def enterprise_number(serial: int) -> str:
    """A valid number: 8 digits starting with 0 or 1, then 97 minus their remainder by 97."""
    body = 10_000_000 + serial  # "1xxxxxxx" for serials below 90 million
    return f"{body:08d}{97 - body % 97:02d}"


@dataclass
class Batch:
    enterprises: list[Enterprise] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def rows(self) -> int:
        return sum(
            len(x) for x in (self.enterprises, self.contacts, self.cases, self.status_changes, self.visits, self.tasks)
        )


class BenchData:
    def __init__(self, reference: ReferenceData, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.communes = list(reference.communes)
        self.sectors = [s.key for s in reference.sectors]
        self.posts = [str(p["city"]).split(" (")[0] for p in reference.attache_posts]
        self.references: list[str] = []
        self.numbers: list[str] = []

    def _moment(self) -> datetime:
        return START + timedelta(seconds=self.rng.randrange(SPAN_SECONDS))

    def enterprise(self, serial: int) -> Enterprise:
        rng = self.rng
        commune = rng.choice(self.communes)
        dutch = rng.random() < 0.35
        business = rng.choice(BUSINESS_NL if dutch else BUSINESS_FR)
        name = f"{business} {rng.choice(SURNAMES)}{rng.choice(SUFFIXES)}"
        number = enterprise_number(serial)
        self.numbers.append(number)
        return Enterprise(
            id=new_id(),
            number=number,
            name=name,
            legal_form=rng.choice(["SRL", "BV", "SA", "NV", "SC", "Personne physique"]),
            nace_codes=(NaceCode(f"{rng.randint(10, 96)}.{rng.randint(100, 999)}", "2025"),),
            sector=rng.choice(self.sectors),
            address=Address(
                f"{rng.choice(['Rue', 'Avenue', 'Chaussée de', 'Straat', 'Steenweg op'])} {rng.choice(SURNAMES)} "
                f"{rng.randint(1, 250)}",
                commune.postal_codes[0],
                commune.nis,
                commune.name_nl if dutch else commune.name_fr,
            ),
            language=Language.NL if dutch else Language.FR,
            vat_number=f"BE{number}",
            phone=f"+322{rng.randint(2000000, 9999999)}",
            figures=SizeFigures(Decimal(rng.randint(1, 240)), Decimal(rng.randint(50, 40_000)) * 1000, None),
            account_manager=rng.choice(ACCOUNT_MANAGERS),
            updated_at=self._moment(),
        )

    def batches(self, enterprises: int, cases: int, visits_per_case: int = 2, size: int = 5000) -> Iterator[Batch]:
        rng = self.rng
        made_cases = 0
        for start in range(0, enterprises, size):
            batch = Batch()
            for serial in range(start, min(enterprises, start + size)):
                owner = self.enterprise(serial)
                batch.enterprises.append(owner)
                batch.contacts.append(
                    Contact(
                        new_id(),
                        owner.id,
                        f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                        rng.choice(["gérante", "gérant", "zaakvoerder", "comptable", "boekhouder", "CEO"]),
                        f"+32470{rng.randint(100000, 999999)}",
                    )
                )
                quota = (cases * (serial + 1)) // enterprises - made_cases
                for _ in range(quota):
                    self._case(batch, owner, made_cases, visits_per_case)
                    made_cases += 1
            yield batch

    def _case(self, batch: Batch, owner: Enterprise, serial: int, visits: int) -> None:
        rng = self.rng
        kind = rng.choice(list(CaseKind))
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        updated = self._moment()
        opened = (updated - timedelta(days=rng.randint(0, 300))).date()
        reference = f"HD-{opened.year}-{'K7QM' if serial % 2 else 'B2XR'}-{serial:05d}"
        self.references.append(reference)
        due = None if rng.random() < 0.2 else opened + timedelta(days=rng.randint(14, 400))
        case = Case(
            id=new_id(),
            reference=reference,
            enterprise_id=owner.id,
            title=f"{rng.choice(CASE_TITLES[kind])} – {owner.name.split()[0]}",
            kind=kind,
            status=status,
            account_manager=owner.account_manager if rng.random() < 0.8 else rng.choice(ACCOUNT_MANAGERS),
            commune_nis=owner.address.commune_nis,
            attache_post=rng.choice(self.posts) if kind is CaseKind.EXPORT_SUPPORT else None,
            opened_on=opened,
            due_on=due,
            closed_on=updated.date() if status in (CaseStatus.COMPLETED, CaseStatus.ABANDONED) else None,
            updated_at=updated,
        )
        batch.cases.append(case)
        batch.status_changes.append(
            StatusChange(new_id(), case.id, None, CaseStatus.NEW, datetime.combine(opened, datetime.min.time(), UTC))
        )
        for _ in range(visits):
            notes = " ".join(rng.sample(NOTE_SENTENCES, rng.randint(1, 3)))
            batch.visits.append(
                Visit(
                    new_id(),
                    case.id,
                    self._moment(),
                    rng.choice(list(Channel)),
                    rng.choice(["", owner.address.street, "hub.brussels", "Bureau"]),
                    notes,
                    rng.choice(ACCOUNT_MANAGERS),
                )
            )
        batch.tasks.append(
            Task(
                new_id(),
                case.id,
                rng.choice(["Relancer", "Opvolgen", "Envoyer les plans", "Offerte nakijken"]),
                due,
                done=status is CaseStatus.COMPLETED,
            )
        )

    def queries(self, count: int = 100) -> list[str]:
        """Varied search text: names, prefixes being typed, accents either way, Dutch and French
        words, numbers written with dots, references, two-word queries, words from notes."""
        rng = random.Random(7)
        folded = {"é": "e", "è": "e", "ê": "e", "ë": "e", "ï": "i", "ö": "o", "ü": "u", "â": "a", "ç": "c"}

        def fold(text: str) -> str:
            return "".join(folded.get(ch, ch) for ch in text)

        makers = [
            lambda: rng.choice(SURNAMES),
            lambda: rng.choice(SURNAMES).split()[-1][: rng.randint(2, 5)].lower(),
            lambda: fold(rng.choice(BUSINESS_FR)).lower(),
            lambda: rng.choice(BUSINESS_NL).lower()[: rng.randint(3, 8)],
            lambda: f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            lambda: fold(rng.choice(FIRST_NAMES)).lower(),
            lambda: (lambda n: f"{n[:4]}.{n[4:7]}.{n[7:]}")(rng.choice(self.numbers)),
            lambda: rng.choice(self.references),
            lambda: rng.choice(["terrasse", "omgevingsvergunning", "premie", "extraction fumees", "bakkerij"]),
            lambda: rng.choice(["cafe", "café", "brussel", "bruxelles", "São Paulo", "flagey", "boekhouder"]),
        ]
        return [makers[i % len(makers)]() for i in range(count)]
