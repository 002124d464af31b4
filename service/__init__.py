"""Statement attribution service: the HTTP layer around :mod:`service.attribution`."""
