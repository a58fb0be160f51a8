from duo_desktop.services.geo import distance_km, locate, places


def test_every_branch_city_has_municipalities_with_coordinates():
    branches = {p.branch for p in places()}
    assert branches == {"BXL", "ANT", "LGE", "GNT", "PAR", "RTM"}


def test_distance_between_two_brussels_communes_is_a_few_km():
    schaerbeek, uccle = locate("BE", "1030"), locate("BE", "1180")
    assert 6 < distance_km(schaerbeek, uccle) < 9
    assert locate("NL", "3011 AB").municipality == "Rotterdam"
    assert locate("BE", "9999") is None
