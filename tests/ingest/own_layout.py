"""The sample persons and placements as a Guatemalan authority's system exports them: Spanish
headers, first and last names apart, day-first dates, F/M, Sí/No, the nationality by name,
several phones in one cell, decimal commas, semicolons, Windows-1252 (Excel on Spanish
Windows). With their mappings, they are the twins of samples.SAMPLE's native rows."""

from __future__ import annotations

from pathlib import Path

PERSONAS = (
    "Código;Nombres;Apellidos;Alias;Fecha de nacimiento;Sexo;Nacionalidad;Pasaporte;"
    "Teléfonos;Correo electrónico;Dirección;País dirección\r\n"
    "P-1;José;Pérez;Chepe, El Flaco;01/05/1985;M;Guatemala;;5555 1234;Chepe@Example.com;"
    "\"4a Calle 5-10, Zona 1\";Guatemala\r\n"
    "P-2;María;López;;03/02/1999;F;Guatemala;A 123-456;+502 5555-9999 / 4444 5555;;;\r\n"
    "P-3;Ana;Ruiz;;01/07/2012;F;Guatemala;;;;;\r\n"
)

PERSONAS_MAPPING = """\
name: pnc-personas
files: ["personas*.csv"]
encoding: cp1252
delimiter: ";"
dates: {order: day_first}
templates:
  - template: persons
    columns:
      person_id: Código
      full_name: {join: [Nombres, Apellidos]}
      aliases: {column: Alias, split: ","}
      date_of_birth: Fecha de nacimiento
      gender: {column: Sexo, values: {F: female, M: male}}
      nationality: {column: Nacionalidad, values: {Guatemala: GT}}
      passport_number: Pasaporte
      phones: {column: Teléfonos, split: /}
      emails: Correo electrónico
      address: Dirección
      address_country: {column: País dirección, values: {Guatemala: GT}}
"""

COLOCACIONES = (
    "Víctima;Agencia;Empleador;Fecha de reclutamiento;País de reclutamiento;Cuota;Moneda;"
    "Salario prometido;Salario pagado;Engaño;Retención de documentos\r\n"
    "P-2;A-1;E-1;02/11/2023;GT;1.500,50;USD;800;150;Sí;Sí\r\n"
)

COLOCACIONES_MAPPING = """\
name: pnc-colocaciones
files: colocaciones*.csv
encoding: cp1252
delimiter: ";"
dates: {order: day_first}
decimal_comma: true
templates:
  - template: placements
    columns:
      person_id: Víctima
      agency_id: Agencia
      employer_id: Empleador
      recruited_on: Fecha de reclutamiento
      recruited_in: País de reclutamiento
      fee: Cuota
      currency: Moneda
      promised_wage: Salario prometido
      paid_wage: Salario pagado
      deceptive: {column: Engaño, values: {Sí: true, No: false}}
      documents_retained: {column: Retención de documentos, values: {Sí: true, No: false}}
"""


def write_own_layout(folder: Path) -> tuple[list[Path], list[Path]]:
    """The two files (Windows-1252) and their mappings (UTF-8) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / "personas_2024-03.csv", folder / "colocaciones_2024-03.csv"]
    files[0].write_bytes(PERSONAS.encode("cp1252"))
    files[1].write_bytes(COLOCACIONES.encode("cp1252"))
    maps = [folder / "personas.mapping.yaml", folder / "colocaciones.mapping.yaml"]
    maps[0].write_text(PERSONAS_MAPPING, encoding="utf-8")
    maps[1].write_text(COLOCACIONES_MAPPING, encoding="utf-8")
    return files, maps
