"""Account endpoints, one module per job beside the services of the same name: ``registration``,
``sessions`` (login, logout, log out everywhere), ``profile`` (``/me/``), ``addresses``,
``emails`` (verification) and ``passwords`` (reset). ``shop/accounts/urls.py`` routes them."""
