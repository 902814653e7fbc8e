"""Xmi OÜ's terms of sale, v1 of the demo shop (short; consumer sales to Finland and Estonia)."""

FI = (
    "Myyntiehdot",
    [
        (
            "paragraph",
            "Näitä ehtoja sovelletaan Xmi OÜ:n (rekisterinumero 16192154, Pae tn 21, Tallinna, Eesti) Xmi.ee "
            "verkkokaupassa kuluttajille myymiin tuotteisiin.",
        ),
        ("heading", "Hinnat ja maksaminen"),
        (
            "paragraph",
            "Hinnat sisältävät arvonlisäveron. Tilaus vahvistetaan, kun maksu on hyväksytty. Maksut käsittelee "
            "maksupalvelun tarjoaja; emme näe korttitietojasi.",
        ),
        ("heading", "Toimitus"),
        ("paragraph", "Toimitamme tilaukset valitsemallasi tavalla noutopisteeseen tai kuriirilla kotiovelle."),
        ("heading", "Peruuttamisoikeus"),
        (
            "bullets",
            [
                "Sinulla on oikeus peruuttaa ostos 14 päivän kuluessa tuotteen vastaanottamisesta ilmoittamatta syytä.",
                "Ilmoita peruuttamisesta osoitteeseen info@xmi.ee ja palauta tuote 14 päivän kuluessa ilmoituksesta.",
                "Palautamme maksun, myös toimitusmaksun, viimeistään 14 päivän kuluessa peruuttamisilmoituksesta.",
            ],
        ),
        ("heading", "Reklamaatiot"),
        (
            "paragraph",
            "Jos tuotteessa on virhe, ota yhteyttä osoitteeseen info@xmi.ee. Kuluttajariidat voi viedä myös "
            "kuluttajariitalautakuntaan.",
        ),
    ],
)

ET = (
    "Müügitingimused",
    [
        (
            "paragraph",
            "Neid tingimusi kohaldatakse toodetele, mida Xmi OÜ (registrikood 16192154, Pae tn 21, Tallinn, Eesti) "
            "müüb tarbijatele Xmi.ee e-poes.",
        ),
        ("heading", "Hinnad ja maksmine"),
        (
            "paragraph",
            "Hinnad sisaldavad käibemaksu. Tellimus kinnitatakse, kui makse on heaks kiidetud. Makseid töötleb "
            "makseteenuse pakkuja; me ei näe sinu kaardiandmeid.",
        ),
        ("heading", "Tarne"),
        ("paragraph", "Toimetame tellimuse sinu valitud viisil pakiautomaati või kulleriga ukseni."),
        ("heading", "Taganemisõigus"),
        (
            "bullets",
            [
                "Sul on õigus ostust taganeda 14 päeva jooksul toote kättesaamisest ilma põhjust esitamata.",
                "Teata taganemisest aadressil info@xmi.ee ja tagasta toode 14 päeva jooksul teatamisest.",
                "Tagastame makse, sh tarnetasu, hiljemalt 14 päeva jooksul taganemisteate saamisest.",
            ],
        ),
        ("heading", "Pretensioonid"),
        (
            "paragraph",
            "Kui tootel on puudus, võta ühendust aadressil info@xmi.ee. Tarbijavaidluse võid esitada ka "
            "tarbijavaidluste komisjonile.",
        ),
    ],
)

EN = (
    "Terms of sale",
    [
        (
            "paragraph",
            "These terms apply to products that Xmi OÜ (registry code 16192154, Pae tn 21, Tallinn, Estonia) sells "
            "to consumers in the Xmi.ee online shop.",
        ),
        ("heading", "Prices and payment"),
        (
            "paragraph",
            "Prices include VAT. An order is confirmed once the payment is approved. Payments are handled by a "
            "payment provider; we never see your card details.",
        ),
        ("heading", "Delivery"),
        ("paragraph", "We deliver orders the way you choose: to a parcel locker or by courier to your door."),
        ("heading", "Right of withdrawal"),
        (
            "bullets",
            [
                "You may withdraw from a purchase within 14 days of receiving the product without giving a reason.",
                "Tell us at info@xmi.ee and return the product within 14 days of telling us.",
                "We refund the payment, including delivery, within 14 days of your notice of withdrawal.",
            ],
        ),
        ("heading", "Complaints"),
        (
            "paragraph",
            "If a product is faulty, contact info@xmi.ee. Consumer disputes can also be taken to the consumer "
            "disputes board.",
        ),
    ],
)

TEXTS = {"fi": FI, "et": ET, "en": EN}
