import acme


def test_import():
    assert acme
