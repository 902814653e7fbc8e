"""Writes about accounts, one module per job: ``registration`` (signup), ``sessions`` (sign-in,
bearer tokens, signing out), ``emails`` (address verification and change), ``passwords``
(reset), ``profile`` (names, phone, language, refund IBAN) and ``addresses`` (address book).

Services take plain values (the views read the client's IP, user agent and language from the
request), run ``full_clean()`` before every save and send email only after commit.
"""
