"""Settings of the live gunicorn the reliability tests share (see conftest.py); a module of its
own so that test files import them by a name no other conftest.py shadows."""

TEST_REQUEST_TIMEOUT = 30  # seconds: the service's default
TEST_GUNICORN_TIMEOUT = 50
TEST_CLIENT_TIMEOUT = 3  # seconds a client may stall a read or write; the default is 10
