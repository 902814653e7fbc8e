"""Xmi OÜ's cookie policy, v1 of the demo shop: four categories, only the necessary ones without consent."""

FI = (
    "Evästekäytäntö",
    [
        (
            "paragraph",
            "Käytämme evästeitä ja vastaavia tekniikoita. Välttämättömiä evästeitä lukuun ottamatta käytämme niitä "
            "vain suostumuksellasi, jonka voit muuttaa milloin tahansa.",
        ),
        ("heading", "Evästeluokat"),
        (
            "bullets",
            [
                "Välttämättömät: kirjautuminen, ostoskori ja tietoturva. Nämä ovat aina käytössä.",
                "Asetukset: muistavat valintasi, kuten kielen ja äskettäin katsotut tuotteet.",
                "Tilastot: kertovat meille nimettömästi, miten verkkokauppaa käytetään.",
                "Markkinointi: mahdollistavat sinulle kohdennetut tarjoukset.",
            ],
        ),
        ("heading", "Suostumuksen muuttaminen"),
        ("paragraph", "Voit muuttaa valintojasi milloin tahansa sivun alareunan evästeasetuksista."),
    ],
)

ET = (
    "Küpsiste kasutamise põhimõtted",
    [
        (
            "paragraph",
            "Kasutame küpsiseid ja sarnaseid tehnoloogiaid. Välja arvatud hädavajalikud küpsised, kasutame neid "
            "ainult sinu nõusolekul, mida saad igal ajal muuta.",
        ),
        ("heading", "Küpsiste liigid"),
        (
            "bullets",
            [
                "Hädavajalikud: sisselogimine, ostukorv ja turvalisus. Need on alati kasutusel.",
                "Eelistused: jätavad meelde sinu valikud, näiteks keele ja hiljuti vaadatud tooted.",
                "Statistika: näitavad meile anonüümselt, kuidas e-poodi kasutatakse.",
                "Turundus: võimaldavad sulle suunatud pakkumisi.",
            ],
        ),
        ("heading", "Nõusoleku muutmine"),
        ("paragraph", "Saad oma valikuid igal ajal muuta lehe allosas olevates küpsiste seadetes."),
    ],
)

EN = (
    "Cookie policy",
    [
        (
            "paragraph",
            "We use cookies and similar technologies. Apart from the necessary cookies, we use them only with your "
            "consent, which you can change at any time.",
        ),
        ("heading", "Cookie categories"),
        (
            "bullets",
            [
                "Necessary: signing in, the cart and security. These are always on.",
                "Preferences: remember your choices, such as the language and recently viewed products.",
                "Statistics: tell us anonymously how the shop is used.",
                "Marketing: make offers tailored to you possible.",
            ],
        ),
        ("heading", "Changing your consent"),
        ("paragraph", "You can change your choices at any time in the cookie settings at the bottom of the page."),
    ],
)

TEXTS = {"fi": FI, "et": ET, "en": EN}
