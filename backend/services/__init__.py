"""Business rules, one module per concept. Each function takes the ``Graph`` and/or the
app-state ``Session`` and the ``Viewer`` it works for; access rules are enforced here (never in
the routers or the Dash callbacks), and every look at the data is audited here."""
