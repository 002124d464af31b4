"""Settings of the live gunicorn the reliability tests share (see conftest.py), in a module of
their own so that test files can import them (a conftest.py is not imported by name)."""

TEST_REQUEST_TIMEOUT = 30  # seconds: the service's default
TEST_GUNICORN_TIMEOUT = 50
TEST_CLIENT_TIMEOUT = 3  # seconds a client may stall a read or write; the default is 10
