import math

import pytest

from duo_desktop.services import validation as v
from duo_desktop.services.demo.places import municipalities
from duo_desktop.services.geo import distance_km, distance_table_km, locate, places


def test_the_whole_of_three_countries_has_postal_codes_with_coordinates():
    # counted in resources/places/README.md (GeoNames postal code dump)
    codes = {country: {p.postal_code for p in places(country)} for country in ("BE", "FR", "NL")}
    assert len(codes["BE"]) == 1146 and len(codes["FR"]) == 6338 and len(codes["NL"]) == 4086
    assert all(49.4 < p.lat < 51.6 and 2.5 < p.lon < 6.5 for p in places("BE"))
    assert all(50.7 < p.lat < 53.6 and 3.3 < p.lon < 7.3 for p in places("NL"))
    assert places("DE") == ()


def test_places_far_from_the_branches_are_known_now():
    assert locate("BE", "6700").municipality == "Arlon"
    assert locate("FR", "29200").municipality == "Brest"
    assert locate("NL", "9711 AB").municipality == "Groningen"
    assert locate("FR", "97400").municipality == "Saint-Denis"  # La Réunion, overseas France


def test_a_postal_code_shared_by_communes_finds_the_one_named():
    assert locate("FR", "01090", "Montmerle-sur-Saône").municipality == "Montmerle-sur-Saône"
    assert locate("FR", "01090", "montmerle sur saone").municipality == "Montmerle-sur-Saône"
    assert locate("FR", "75011").municipality == "Paris 11"  # the arrondissement, not the city's centre


def test_distance_between_two_known_postcodes_is_right():
    # Amsterdam centre (1012) - Rotterdam centre (3011): 57 km as the crow flies
    assert distance_km(locate("NL", "1012 AB"), locate("NL", "3011 AB")) == pytest.approx(57, abs=2)
    # Paris (75001) - Lille (59000): 204 km
    assert distance_km(locate("FR", "75001"), locate("FR", "59000")) == pytest.approx(204, abs=4)
    # Bruxelles (1000) - Antwerpen (2000): 41 km
    assert distance_km(locate("BE", "1000"), locate("BE", "2000")) == pytest.approx(41, abs=2)


def test_a_dutch_code_that_does_not_exist_is_refused():
    # 1000-1010 are not issued (Amsterdam starts at 1011); 1012 is
    assert v.check_postal_code("1012 AB", "NL") is None
    for code in ("1000 AB", "1005", "9990"):
        error = v.check_postal_code(code, "NL")
        assert error is not None and error.field == "postal_code", code
    assert locate("NL", "1000 AB") is None
    assert locate("BE", "9999") is None


def test_one_formula_for_a_pair_and_for_the_matching_table():
    schaerbeek, uccle, antwerp = locate("BE", "1030"), locate("BE", "1180"), locate("BE", "2000")
    table = distance_table_km([schaerbeek, None, uccle, antwerp])
    assert table[0, 2] == distance_km(schaerbeek, uccle) == table[2, 0]
    assert table[0, 0] == 0.0
    assert 38 < table[0, 3] < 46  # Brussels - Antwerp, as the crow flies
    assert all(math.isnan(v) for v in (*table[1], *table[:, 1]))  # an unknown place: no distance


def test_every_demo_branch_draws_from_places_with_coordinates():
    for branch in ("BXL", "ANT", "LGE", "GNT", "PAR", "RTM"):
        found = municipalities(branch)
        assert found and all(p.lat and p.lon for p in found)
    assert {p.municipality for p in municipalities("PAR")} >= {"Paris 11e"}
