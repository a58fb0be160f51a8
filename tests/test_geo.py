from duo_desktop.services.geo import distance_km, locate, places


def test_every_branch_city_has_municipalities_with_coordinates():
    branches = {p.branch for p in places()}
    assert branches == {"BXL", "ANT", "LGE", "GNT", "PAR", "RTM"}


def test_distance_between_two_brussels_communes_is_a_few_km():
    schaerbeek, uccle = locate("BE", "1030"), locate("BE", "1180")
    assert 6 < distance_km(schaerbeek, uccle) < 9
    assert locate("NL", "3011 AB").municipality == "Rotterdam"
    assert locate("BE", "9999") is None


def test_one_formula_for_a_pair_and_for_the_matching_table():
    import math

    from duo_desktop.services.geo import distance_table_km

    schaerbeek, uccle, antwerp = locate("BE", "1030"), locate("BE", "1180"), locate("BE", "2000")
    table = distance_table_km([schaerbeek, None, uccle, antwerp])
    assert table[0, 2] == distance_km(schaerbeek, uccle) == table[2, 0]
    assert table[0, 0] == 0.0
    assert 38 < table[0, 3] < 44  # Brussels - Antwerp, as the crow flies
    assert all(math.isnan(v) for v in (*table[1], *table[:, 1]))  # an unknown place: no distance
