"""Reports written from a service's result (a dict): the situation report of a country as
HTML or PDF. Pure functions of their input: they read nothing and check no access (the
services did)."""
