from acme._acme import *  # noqa: F401,F403
