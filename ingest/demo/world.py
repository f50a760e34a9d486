"""The demo data set's world: corridors, places (with coordinates), border crossings, banks,
sectors and the name pools the generator draws from. Invented people and companies; real
countries, towns and crossings, so that charts and maps look like the regions they show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Corridor:
    """Origin, transit and destination countries of one migration route."""

    name: str
    origins: tuple[str, ...]
    transit: str
    destinations: tuple[str, ...]
    crossings: tuple[tuple[Place, str], ...]  # (crossing, the country on its other side)
    hub_crossing: Place  # the busy crossing that many unrelated cases pass
    currency: dict[str, str]


SECTORS = ("agriculture", "construction", "domestic_work", "factories", "fishing")
EXPLOITATION_BY_SECTOR = {
    "agriculture": "forced_labour", "construction": "forced_labour",
    "domestic_work": "domestic_servitude", "factories": "forced_labour",
    "fishing": "forced_labour",
}

CITIES: dict[str, tuple[Place, ...]] = {
    "GT": (Place("Ciudad de Guatemala", "GT", 14.6349, -90.5069),
           Place("Quetzaltenango", "GT", 14.8347, -91.5180),
           Place("Huehuetenango", "GT", 15.3197, -91.4714),
           Place("San Marcos", "GT", 14.9631, -91.7944)),
    "HN": (Place("San Pedro Sula", "HN", 15.5042, -88.0250),
           Place("Tegucigalpa", "HN", 14.0723, -87.1921)),
    "SV": (Place("San Salvador", "SV", 13.6929, -89.2182),
           Place("San Miguel", "SV", 13.4833, -88.1833)),
    "MX": (Place("Tapachula", "MX", 14.9056, -92.2630),
           Place("Ciudad de México", "MX", 19.4326, -99.1332),
           Place("Culiacán", "MX", 24.8091, -107.3940),
           Place("Monterrey", "MX", 25.6866, -100.3161)),
    "US": (Place("Immokalee", "US", 26.4187, -81.4173),
           Place("Houston", "US", 29.7604, -95.3698),
           Place("Los Angeles", "US", 34.0522, -118.2437)),
    "KH": (Place("Phnom Penh", "KH", 11.5564, 104.9282),
           Place("Battambang", "KH", 13.0957, 103.2022),
           Place("Siem Reap", "KH", 13.3671, 103.8448)),
    "MM": (Place("Yangon", "MM", 16.8409, 96.1735), Place("Mawlamyine", "MM", 16.4905, 97.6283)),
    "LA": (Place("Vientiane", "LA", 17.9757, 102.6331), Place("Pakse", "LA", 15.1202, 105.7990)),
    "TH": (Place("Bangkok", "TH", 13.7563, 100.5018),
           Place("Samut Sakhon", "TH", 13.5475, 100.2744),
           Place("Songkhla", "TH", 7.1898, 100.5954),
           Place("Chiang Mai", "TH", 18.7883, 98.9853)),
    "MY": (Place("Kuala Lumpur", "MY", 3.1390, 101.6869),
           Place("Johor Bahru", "MY", 1.4927, 103.7414),
           Place("Penang", "MY", 5.4164, 100.3327)),
}

TECUN_UMAN = Place("Tecún Umán - Ciudad Hidalgo", "GT", 14.6776, -92.1453)
EL_CARMEN = Place("El Carmen - Talismán", "GT", 14.9100, -92.1100)
LA_MESILLA = Place("La Mesilla - Ciudad Cuauhtémoc", "GT", 15.6347, -91.9869)
NUEVO_LAREDO = Place("Nuevo Laredo - Laredo", "MX", 27.4998, -99.5075)
POIPET = Place("Aranyaprathet - Poipet", "TH", 13.6595, 102.5647)
MAE_SOT = Place("Mae Sot - Myawaddy", "TH", 16.7130, 98.5746)
SADAO = Place("Sadao - Bukit Kayu Hitam", "TH", 6.6400, 100.4200)
NONG_KHAI = Place("Nong Khai - Friendship Bridge", "TH", 17.8783, 102.7129)

CENTRAL_AMERICA = Corridor(
    name="Central America and Mexico",
    origins=("GT", "HN", "SV"), transit="MX", destinations=("MX", "US"),
    crossings=((TECUN_UMAN, "MX"), (EL_CARMEN, "MX"), (LA_MESILLA, "MX"), (NUEVO_LAREDO, "US")),
    hub_crossing=TECUN_UMAN,
    currency={"GT": "GTQ", "HN": "HNL", "SV": "USD", "MX": "MXN", "US": "USD"},
)
SOUTH_EAST_ASIA = Corridor(
    name="South-East Asia",
    origins=("KH", "MM", "LA"), transit="TH", destinations=("TH", "MY"),
    crossings=((POIPET, "KH"), (MAE_SOT, "MM"), (SADAO, "MY"), (NONG_KHAI, "LA")),
    hub_crossing=POIPET,
    currency={"KH": "KHR", "MM": "MMK", "LA": "LAK", "TH": "THB", "MY": "MYR"},
)
CORRIDORS = {"CA": CENTRAL_AMERICA, "SEA": SOUTH_EAST_ASIA}

# Busy banks: a bank is a property of an account, never a node, so sharing it links nothing.
BANKS: dict[str, tuple[str, ...]] = {
    "GT": ("Banco Industrial", "Banrural", "Banco G&T Continental"),
    "HN": ("Banco Atlántida", "BAC Honduras"), "SV": ("Banco Agrícola", "Banco Cuscatlán"),
    "MX": ("BBVA México", "Banco Azteca", "Banorte"), "US": ("Wells Fargo", "Bank of America"),
    "KH": ("ACLEDA Bank", "Wing Bank"), "MM": ("KBZ Bank", "AYA Bank"), "LA": ("BCEL",),
    "TH": ("Bangkok Bank", "Kasikornbank", "Krungthai Bank"), "MY": ("Maybank", "CIMB Bank"),
}
# Four-letter codes that IBAN countries' accounts start with (invented, shaped as required).
IBAN_BANK_CODES = {"GT": ("INDL", "BRRL", "GTCO"), "HN": ("ATLN", "BACH"), "SV": ("AGRI", "CUSC")}

STREETS: dict[str, tuple[str, ...]] = {
    "GT": ("Calzada Roosevelt", "Avenida Las Américas", "Calle Real", "Diagonal 6"),
    "HN": ("Barrio Guamilito", "Colonia Kennedy"), "SV": ("Colonia Escalón", "Calle Arce"),
    "MX": ("Calle Hidalgo", "Avenida Juárez", "Calle Morelos", "Privada Zaragoza"),
    "US": ("Main Street", "Farm Road", "Oak Avenue", "Lake Trafford Road"),
    "KH": ("Street 271", "Street 598", "Monivong Boulevard"), "MM": ("Bogyoke Road", "Strand Road"),
    "LA": ("Lane Xang Avenue", "Samsenthai Road"),
    "TH": ("Soi Rama 2", "Thanon Ekachai", "Soi Sukhumvit 71", "Moo 4 Tha Chin"),
    "MY": ("Jalan Ampang", "Jalan Tebrau", "Lorong Kulit"),
}

# Name pools: (given names, surnames). Latin America writes two surnames.
GIVEN: dict[str, tuple[str, ...]] = {
    "latam_f": ("María", "Ana", "Rosa", "Lucía", "Carmen", "Sofía", "Gabriela", "Elena",
                "Marta", "Juana", "Patricia", "Dulce", "Alejandra", "Verónica"),
    "latam_m": ("José", "Juan", "Carlos", "Luis", "Miguel", "Pedro", "Jorge", "Mario",
                "Óscar", "Víctor", "Andrés", "Rubén", "Tomás", "Edgar"),
    "kh": ("Sok", "Chan", "Srey", "Dara", "Vanna", "Sophea", "Rathana", "Bopha", "Kosal",
           "Sokha", "Pisey", "Vuthy"),
    "mm": ("Aung", "Kyaw", "Min", "Thida", "Mya", "Zaw", "Hla", "Nyein", "Tun", "Su"),
    "la": ("Khamla", "Souk", "Bounmy", "Phet", "Noy", "Vilay", "Keo", "Somphone"),
    "th": ("Somchai", "Somsak", "Malee", "Niran", "Prasert", "Suda", "Wichai", "Kanya"),
    "my": ("Ahmad", "Siti", "Nur", "Muhammad", "Tan", "Lim", "Rajesh", "Aisyah"),
    "us": ("John", "Mary", "Robert", "Linda", "James", "Karen", "Michael", "Susan"),
}
SURNAMES: dict[str, tuple[str, ...]] = {
    "latam": ("García", "López", "Hernández", "Pérez", "Martínez", "Ramírez", "Gómez",
              "Morales", "Castillo", "Jiménez", "Ruiz", "Chávez", "Cruz", "Ortiz", "Méndez",
              "Velásquez", "Orellana", "Aguilar", "Reyes", "Flores"),
    "kh": ("Sok", "Chea", "Keo", "Meas", "Heng", "Pich", "Ouk", "Seng", "Noun", "Touch"),
    "mm": ("Win", "Oo", "Htun", "Naing", "Lwin", "Myint", "Soe", "Thein"),
    "la": ("Phommachanh", "Sisavath", "Vongsa", "Keomany", "Chanthavong", "Sayavong"),
    "th": ("Rattanakorn", "Srisuk", "Chaiyaporn", "Wongsawat", "Boonmee", "Saetang"),
    "my": ("Abdullah", "Ismail", "Wong", "Ibrahim", "Krishnan", "Osman"),
    "us": ("Smith", "Miller", "Davis", "Wilson", "Anderson", "Taylor"),
}
NAME_STYLE = {"GT": "latam", "HN": "latam", "SV": "latam", "MX": "latam", "US": "us",
              "KH": "kh", "MM": "mm", "LA": "la", "TH": "th", "MY": "my"}

COMPANY_WORDS = {
    "agriculture": ("Agrícola", "Farms", "Plantation", "Huertas"),
    "construction": ("Construcciones", "Builders", "Engineering", "Obras"),
    "domestic_work": ("Household Services", "Servicios Domésticos", "Home Care"),
    "factories": ("Manufacturing", "Garments", "Textiles", "Industries"),
    "fishing": ("Fishing", "Seafood", "Marine Products", "Pesquera"),
}
# Legal suffixes per country of registration.
COMPANY_SUFFIX = {"GT": "S.A.", "HN": "S. de R.L.", "SV": "S.A. de C.V.", "MX": "S.A. de C.V.",
                  "US": "LLC", "KH": "Co., Ltd.", "MM": "Co., Ltd.", "LA": "Sole Co., Ltd.",
                  "TH": "Co., Ltd.", "MY": "Sdn. Bhd."}
AD_PLATFORMS = ("Facebook", "WhatsApp group", "Telegram channel", "Radio spot", "Flyer",
                "TikTok", "Job board")


def city(country: str, index: int) -> Place:
    places = CITIES[country]
    return places[index % len(places)]


def all_places() -> list[Place]:
    """Every place with coordinates: cities and crossings (the Location gazetteer)."""
    places = [p for group in CITIES.values() for p in group]
    for corridor in CORRIDORS.values():
        places.extend(crossing for crossing, _ in corridor.crossings)
    return places
