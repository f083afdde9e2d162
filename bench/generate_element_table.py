"""Regenerates materials/src/main/resources/tomo/materials/elements.tsv from the `mendeleev` package.

    pip install mendeleev==1.1.0 && python bench/generate_element_table.py

mendeleev is a maintained element-property library; what each column holds and where mendeleev takes it from
is documented in materials/src/main/resources/tomo/materials/ELEMENTS.md. An empty cell: mendeleev has no value.
"""
import pathlib

from mendeleev import element

OUT = pathlib.Path(__file__).resolve().parent.parent / "materials/src/main/resources/tomo/materials/elements.tsv"
LAST_Z = 103
COLUMNS = ["z", "symbol", "name", "mass_amu", "group", "period", "block", "electronegativity_pauling",
           "covalent_radius_angstrom", "valence_electrons", "first_ionization_energy_ev",
           "electron_affinity_ev", "atomic_volume_cm3_per_mol"]


def fmt(v, digits):
    if v is None or v != v:  # None or NaN
        return ""
    return f"{float(v):.{digits}f}".rstrip("0").rstrip(".")


def row(z):
    e = element(z)
    radius = e.covalent_radius_pyykko
    return [str(z), e.symbol, e.name, fmt(e.atomic_weight, 6),
            "" if e.group_id is None else str(e.group_id), str(e.period), e.block,
            fmt(e.en_pauling, 3), fmt(None if radius is None else radius / 100.0, 3),
            str(e.nvalence()), fmt(e.ionenergies.get(1), 4), fmt(e.electron_affinity, 4),
            fmt(e.atomic_volume, 3)]


def main():
    lines = ["\t".join(COLUMNS)] + ["\t".join(row(z)) for z in range(1, LAST_Z + 1)]
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT} ({LAST_Z} elements)")


if __name__ == "__main__":
    main()
