"""The exact consent wording shown to shoppers, per channel and language.

A consent record stores the wording it was given against, so the text here can change without
rewriting history. Frontends fetch it from the API instead of hard-coding it.
"""

MARKETING_WORDING: dict[str, dict[str, str]] = {
    "email": {
        "fi": "Haluan saada Xmi OÜ:n tarjouksia ja uutisia sähköpostiini. Voin perua suostumuksen milloin tahansa.",
        "et": "Soovin saada Xmi OÜ pakkumisi ja uudiseid e-postiga. Võin nõusoleku igal ajal tagasi võtta.",
        "en": "I want to receive offers and news from Xmi OÜ by email. I can withdraw consent at any time.",
    },
    "sms": {
        "fi": "Haluan saada Xmi OÜ:n tarjouksia tekstiviestillä. Voin perua suostumuksen milloin tahansa.",
        "et": "Soovin saada Xmi OÜ pakkumisi SMS-iga. Võin nõusoleku igal ajal tagasi võtta.",
        "en": "I want to receive offers from Xmi OÜ by text message. I can withdraw consent at any time.",
    },
}


def marketing_wording(channel: str, locale: str) -> str:
    texts = MARKETING_WORDING[channel]
    return texts.get(locale) or texts["fi"]


UNSUBSCRIBE_FOOTER: dict[str, str] = {
    "fi": "Et halua enää uutiskirjettämme? Peru tilaus yhdellä napsautuksella: %(link)s",
    "et": "Ei soovi enam meie uudiskirja? Loobu ühe klõpsuga: %(link)s",
    "en": "No longer want our emails? Unsubscribe with one click: %(link)s",
}


def unsubscribe_footer(locale: str, link: str) -> str:
    return (UNSUBSCRIBE_FOOTER.get(locale) or UNSUBSCRIBE_FOOTER["fi"]) % {"link": link}
