import dioxide


def test_imports():
    assert dioxide is not None
