"""Control characters in an address are a bad request (400), never a server error."""

import pytest

pytestmark = pytest.mark.django_db

URLS = [
    "/api/areas/%00/",
    "/areas/%00/",
    "/areas/?q=%00",
    "/api/areas/?level=%00",
    "/api/observations/?area=E08000035%00",
    "/missions/health%00/",
    "/metrics/%00/data.csv",
    "/areas/?q=leeds%0Aforged",
    "/areas/?q=%0D%0ASet-Cookie:x=1",
    "/api/areas/E08%1B000035/",
    "/areas/?q%00=leeds",
    "/areas/%7F/",
]


@pytest.mark.parametrize("url", URLS)
def test_a_control_character_in_the_address_is_a_bad_request(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json() == {"detail": "control characters are not allowed in the address"}
