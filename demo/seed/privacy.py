"""Xmi OÜ's privacy policy, v1 of the demo shop.

Finnish: Xmi OÜ's published policy text (from "Tietosuojakäytäntö" to the paragraph on direct
marketing, without the web page's menus), kept word for word; ``tests/demo/test_policies.py``
checks it against the source text when that is available.
Estonian and English: faithful translations. Blocks are ``(type, value)``: ``heading`` and
``paragraph`` take plain text, ``bullets`` and ``numbered`` a list of items.
"""

FI = (
    "Tietosuojakäytäntö",
    [
        (
            "paragraph",
            "Xmi OÜ (rekisterinumero: 16192154), sijainti: Pae tn 21, Tallinna, Harjumaa, Eesti, vastaa Xmi.ee "
            "verkkokaupan henkilötietojen käsittelystä. Puhelin: +372 58817309 ja sähköposti: info@xmi.ee .",
        ),
        (
            "paragraph",
            "Kun rekisteröit käyttäjätiliä tai muuten käytät Xmi OÜ -verkkosivustoa tai mobiilisovellusta, sinun "
            "tulee vahvistaa, että olet lukenut ja ymmärtänyt tämän tietosuojakäytännön.",
        ),
        (
            "paragraph",
            "Lue tämä tietosuojakäytäntö huolellisesti, sillä se kuvaa, kuinka keräämme, käytämme, säilytämme ja "
            "käsittelemme henkilötietojasi.",
        ),
        ("heading", "Mitä tietoja käsitellään"),
        (
            "bullets",
            [
                "nimi, puhelinnumero ja sähköpostiosoite;",
                "tavaroiden toimitusosoite;",
                "Pankkitilin numero;",
                "tavaroiden ja palveluiden kustannukset ja maksuihin liittyvät tiedot (ostohistoria);",
                "asiakastuen tarjoamiseen tarvittavat tiedot;",
                "keksit.",
            ],
        ),
        ("heading", "Tietojen käsittelyn tarkoitukset"),
        (
            "bullets",
            [
                "nimeä, puhelinnumeroa, sähköpostiosoitetta ja toimitusosoitetta käytetään tavaroiden toimittamiseen "
                "Asiakkaalle ja hänen tilaustensa hoitamiseen sekä tuen tarjoamiseen asiakkaille;",
                "pankkitilinumeroa käytetään tarvittaessa varojen palauttamiseen Asiakkaalle;",
                "ostohistoriatiedot analysoidakseen Asiakkaan mieltymyksiä parhaan palvelun saamiseksi sekä "
                "laatiakseen yleiskatsauksen ostetuista tuotteista ja palveluista;",
                "Verkkokaupan käyttäjän IP-osoitetta käsitellään verkkokaupan palvelun tarjoamiseksi osana "
                "tietoyhteiskuntaa sekä Internetin käytön tilastointia varten;",
                "evästeiden käsittely antaa meille mahdollisuuden tarjota asiakkaillemme optimaalisen "
                "verkkosivustokokemuksen; esimerkiksi evästeet auttavat muistamaan Asiakkaan aikaisemmat vierailut "
                "ja hänen sivustolla tekemänsä valinnat.",
            ],
        ),
        ("heading", "Oikeudellinen perustelu"),
        (
            "paragraph",
            "Henkilötietoja käsitellään asiakkaan ja verkkokaupan välisen sopimuksen sekä lakisääteisen velvoitteen "
            "täyttämiseksi. (kuluttajariidat, kirjanpito jne.)",
        ),
        ("heading", "Henkilötietojen jakaminen"),
        (
            "paragraph",
            "Voidaksemme tarjota Asiakkaalle haluttuja tuotteita ja palveluita, voimme antaa kolmansille osapuolille "
            "tiettyjä keräämiämme ja tallentamiamme tietoja. Asiakkaan henkilötietojen siirtäminen on pakollista "
            "tilauksen asianmukaisen toteuttamisen kannalta.",
        ),
        (
            "paragraph",
            "Henkilötietoja siirretään verkkokaupan asiakaspalveluun ostojen ja ostohistorian hallintaa sekä "
            "asiakkaiden ongelmien ja kysymysten ratkaisemiseksi.",
        ),
        (
            "paragraph",
            "Asiakkaan nimi, puhelinnumero ja sähköpostiosoite välitetään Asiakkaan valitsemalle kuljetuspalvelun "
            "tarjoajalle. Mikäli Asiakas on valinnut lähettipalvelun, tiedot Asiakkaan tarkasta osoitteesta "
            "välitetään kuljetusyritykselle.",
        ),
        ("heading", "Tietojen käyttöoikeus ja tietoturva"),
        (
            "paragraph",
            "Tietojen siirto Asiakkaan ja pankkien sekä maksukorttikeskuksen välillä on salattu, mikä varmistaa "
            "Asiakkaan henkilötietojen ja pankkitietojen turvallisuuden. Verkkokaupalla ei ole pääsyä Asiakkaan "
            "luottamuksellisiin pankki- ja maksukorttitietoihin.",
        ),
        (
            "paragraph",
            "Asiakkaan Yritykselle oston yhteydessä antamat henkilötiedot on suojattu ja niitä käsitellään "
            "henkilötietolain vaatimusten mukaisesti.",
        ),
        (
            "paragraph",
            "Pääsy henkilötietoihin on verkkokaupan työntekijöillä, jotka voivat tutustua Asiakkaan henkilötietoihin "
            "ratkaistakseen verkkokaupan käyttöön liittyviä kysymyksiä, ratkaistakseen teknisiä ongelmia sekä "
            "tarjotakseen palveluita ja tukea asiakkaille.",
        ),
        ("heading", "Tutustuminen henkilötietoihin ja niiden muutokseen"),
        ("paragraph", "Asiakas voi tutustua henkilötietoihinsa ja tarvittaessa muuttaa niitä kolmella tavalla:"),
        (
            "numbered",
            [
                "Itsenäisesti verkkokauppaprofiilissasi;",
                "Lähettämällä meille pyynnön osoitteeseen - info@xmi.ee ;",
                "Ottamalla meihin yhteyttä puhelimitse: +372 58817309",
            ],
        ),
        ("heading", "Henkilötietojen poistaminen"),
        (
            "paragraph",
            "Asiakkaalla on oikeus vaatia, että lopetamme hänen henkilötietojensa käsittelyn ja poistamme ne "
            "pyynnöstä.",
        ),
        ("paragraph", "Asiakas voi poistaa henkilötietonsa seuraavilla tavoilla:"),
        (
            "numbered",
            [
                "Lähettämällä meille pyynnön osoitteeseen - info@xmi.ee",
                "Ottamalla meihin yhteyttä puhelimitse: +372 58817309.",
                "Lähetä pyyntö palautelomakkeella, Xmi.ee myymälän nettisivujen Yhteystiedot-osiossa",
            ],
        ),
        ("heading", "Suoramarkkinointi"),
        (
            "paragraph",
            "Asiakkaan sähköpostiosoitetta ja puhelinnumeroa saamme käyttää promootioviestien lähettämiseen "
            "suoramarkkinoinnin yhteydessä vain, jos asiakas on antanut siihen suostumuksensa. Asiakkaalla on oikeus "
            "peruuttaa ilmoituspostitus milloin tahansa klikkaamalla sähköpostin alareunassa olevaa linkkiä tai "
            "ottamalla yhteyttä tukipalveluun osoitteeseen info@xmi.ee tai puhelimitse +372 58817309.",
        ),
    ],
)

ET = (
    "Privaatsuspoliitika",
    [
        (
            "paragraph",
            "Xmi.ee e-poe isikuandmete töötlemise eest vastutab Xmi OÜ (registrikood: 16192154), asukoht: Pae tn 21, "
            "Tallinn, Harjumaa, Eesti. Telefon: +372 58817309 ja e-post: info@xmi.ee.",
        ),
        (
            "paragraph",
            "Kasutajakonto registreerimisel või Xmi OÜ veebilehe või mobiilirakenduse muul viisil kasutamisel pead "
            "kinnitama, et oled selle privaatsuspoliitika läbi lugenud ja sellest aru saanud.",
        ),
        (
            "paragraph",
            "Loe see privaatsuspoliitika hoolikalt läbi, sest see kirjeldab, kuidas me sinu isikuandmeid kogume, "
            "kasutame, säilitame ja töötleme.",
        ),
        ("heading", "Milliseid andmeid töödeldakse"),
        (
            "bullets",
            [
                "nimi, telefoninumber ja e-posti aadress;",
                "kaupade tarneaadress;",
                "pangakonto number;",
                "kaupade ja teenuste maksumus ning maksetega seotud andmed (ostuajalugu);",
                "klienditoe pakkumiseks vajalikud andmed;",
                "küpsised.",
            ],
        ),
        ("heading", "Andmete töötlemise eesmärgid"),
        (
            "bullets",
            [
                "nime, telefoninumbrit, e-posti aadressi ja tarneaadressi kasutatakse kaupade kohaletoimetamiseks "
                "Kliendile, tema tellimuste haldamiseks ning klientidele toe pakkumiseks;",
                "pangakonto numbrit kasutatakse vajaduse korral Kliendile raha tagastamiseks;",
                "ostuajaloo andmeid kasutatakse Kliendi eelistuste analüüsimiseks parima teeninduse pakkumiseks ning "
                "ostetud toodete ja teenuste ülevaate koostamiseks;",
                "e-poe kasutaja IP-aadressi töödeldakse e-poe teenuse kui infoühiskonna teenuse osutamiseks ning "
                "interneti kasutamise statistika jaoks;",
                "küpsiste töötlemine võimaldab meil pakkuda klientidele parimat veebilehe kasutuskogemust; näiteks "
                "aitavad küpsised meeles pidada Kliendi varasemaid külastusi ja tema tehtud valikuid veebilehel.",
            ],
        ),
        ("heading", "Õiguslik alus"),
        (
            "paragraph",
            "Isikuandmeid töödeldakse Kliendi ja e-poe vahelise lepingu ning seadusest tuleneva kohustuse täitmiseks "
            "(tarbijavaidlused, raamatupidamine jne).",
        ),
        ("heading", "Isikuandmete jagamine"),
        (
            "paragraph",
            "Selleks et pakkuda Kliendile soovitud tooteid ja teenuseid, võime edastada kolmandatele isikutele "
            "teatud meie kogutud ja säilitatud andmeid. Kliendi isikuandmete edastamine on tellimuse nõuetekohaseks "
            "täitmiseks vältimatu.",
        ),
        (
            "paragraph",
            "Isikuandmeid edastatakse e-poe klienditeenindusele ostude ja ostuajaloo haldamiseks ning klientide "
            "probleemide ja küsimuste lahendamiseks.",
        ),
        (
            "paragraph",
            "Kliendi nimi, telefoninumber ja e-posti aadress edastatakse Kliendi valitud transporditeenuse "
            "pakkujale. Kui Klient on valinud kullerteenuse, edastatakse transpordiettevõttele ka Kliendi täpne "
            "aadress.",
        ),
        ("heading", "Juurdepääs andmetele ja andmeturve"),
        (
            "paragraph",
            "Andmete edastamine Kliendi, pankade ja makseteenuse pakkuja vahel on krüpteeritud, mis tagab Kliendi "
            "isikuandmete ja pangaandmete turvalisuse. E-poel puudub juurdepääs Kliendi konfidentsiaalsetele "
            "panga- ja maksekaardiandmetele.",
        ),
        (
            "paragraph",
            "Isikuandmed, mille Klient ostu käigus Ettevõttele esitab, on kaitstud ja neid töödeldakse "
            "isikuandmete kaitse seaduse nõuete kohaselt.",
        ),
        (
            "paragraph",
            "Juurdepääs isikuandmetele on e-poe töötajatel, kes võivad Kliendi isikuandmetega tutvuda e-poe "
            "kasutamisega seotud küsimuste ja tehniliste probleemide lahendamiseks ning klientidele teenuste ja toe "
            "pakkumiseks.",
        ),
        ("heading", "Isikuandmetega tutvumine ja nende muutmine"),
        ("paragraph", "Klient saab oma isikuandmetega tutvuda ja neid vajaduse korral muuta kolmel viisil:"),
        (
            "numbered",
            [
                "iseseisvalt oma e-poe profiilis;",
                "saates meile taotluse aadressile info@xmi.ee;",
                "võttes meiega ühendust telefonil +372 58817309.",
            ],
        ),
        ("heading", "Isikuandmete kustutamine"),
        (
            "paragraph",
            "Kliendil on õigus nõuda, et lõpetaksime tema isikuandmete töötlemise ja kustutaksime need tema taotlusel.",
        ),
        ("paragraph", "Klient saab oma isikuandmed kustutada järgmistel viisidel:"),
        (
            "numbered",
            [
                "saates meile taotluse aadressile info@xmi.ee;",
                "võttes meiega ühendust telefonil +372 58817309;",
                "saates taotluse tagasisidevormiga Xmi.ee e-poe veebilehe jaotises Kontakt.",
            ],
        ),
        ("heading", "Otseturundus"),
        (
            "paragraph",
            "Kliendi e-posti aadressi ja telefoninumbrit võime kasutada otseturunduse raames reklaamsõnumite "
            "saatmiseks ainult siis, kui Klient on selleks nõusoleku andnud. Kliendil on õigus teavituste saamisest "
            "igal ajal loobuda, klõpsates e-kirja allosas oleval lingil või võttes ühendust klienditoega aadressil "
            "info@xmi.ee või telefonil +372 58817309.",
        ),
    ],
)

EN = (
    "Privacy policy",
    [
        (
            "paragraph",
            "Xmi OÜ (registry code: 16192154), located at Pae tn 21, Tallinn, Harju County, Estonia, is responsible "
            "for processing personal data in the Xmi.ee online shop. Phone: +372 58817309 and email: info@xmi.ee.",
        ),
        (
            "paragraph",
            "When you register a user account or otherwise use the Xmi OÜ website or mobile app, you must confirm "
            "that you have read and understood this privacy policy.",
        ),
        (
            "paragraph",
            "Please read this privacy policy carefully, as it describes how we collect, use, store and process your "
            "personal data.",
        ),
        ("heading", "What data is processed"),
        (
            "bullets",
            [
                "name, phone number and email address;",
                "delivery address for goods;",
                "bank account number;",
                "costs of goods and services and payment-related data (purchase history);",
                "data needed to provide customer support;",
                "cookies.",
            ],
        ),
        ("heading", "Purposes of processing"),
        (
            "bullets",
            [
                "name, phone number, email address and delivery address are used to deliver goods to the Customer, "
                "to handle their orders and to support customers;",
                "the bank account number is used, when needed, to refund money to the Customer;",
                "purchase history is used to analyse the Customer's preferences so as to give the best service, and "
                "to give an overview of the products and services bought;",
                "the online shop user's IP address is processed to provide the online shop as an information "
                "society service and for statistics on Internet use;",
                "processing cookies lets us give our customers the best website experience; for example, cookies "
                "help remember the Customer's earlier visits and the choices they made on the site.",
            ],
        ),
        ("heading", "Legal basis"),
        (
            "paragraph",
            "Personal data is processed to perform the contract between the customer and the online shop and to "
            "meet legal obligations (consumer disputes, accounting, etc.).",
        ),
        ("heading", "Sharing personal data"),
        (
            "paragraph",
            "To provide the Customer with the products and services they want, we may give third parties certain "
            "data we have collected and stored. Transferring the Customer's personal data is necessary to fulfil "
            "the order properly.",
        ),
        (
            "paragraph",
            "Personal data is transferred to the online shop's customer service to manage purchases and purchase "
            "history and to solve customers' problems and questions.",
        ),
        (
            "paragraph",
            "The Customer's name, phone number and email address are passed to the delivery service provider the "
            "Customer chose. If the Customer chose a courier service, the Customer's exact address is passed to the "
            "delivery company.",
        ),
        ("heading", "Access to data and data security"),
        (
            "paragraph",
            "Data transfer between the Customer, the banks and the card payment centre is encrypted, which keeps "
            "the Customer's personal and bank data secure. The online shop has no access to the Customer's "
            "confidential bank and payment card data.",
        ),
        (
            "paragraph",
            "Personal data the Customer gives the Company when buying is protected and processed in accordance with "
            "the requirements of the personal data protection law.",
        ),
        (
            "paragraph",
            "Personal data can be accessed by the online shop's employees, who may view the Customer's personal data "
            "to answer questions about using the online shop, to solve technical problems and to provide services "
            "and support to customers.",
        ),
        ("heading", "Viewing and changing personal data"),
        ("paragraph", "The Customer can view their personal data and change it when needed in three ways:"),
        (
            "numbered",
            [
                "by themselves, in their online shop profile;",
                "by sending us a request at info@xmi.ee;",
                "by contacting us by phone: +372 58817309.",
            ],
        ),
        ("heading", "Erasing personal data"),
        (
            "paragraph",
            "The Customer has the right to demand that we stop processing their personal data and erase it on request.",
        ),
        ("paragraph", "The Customer can have their personal data erased in the following ways:"),
        (
            "numbered",
            [
                "by sending us a request at info@xmi.ee;",
                "by contacting us by phone: +372 58817309;",
                "by sending a request with the feedback form in the Contact section of the Xmi.ee shop website.",
            ],
        ),
        ("heading", "Direct marketing"),
        (
            "paragraph",
            "We may use the Customer's email address and phone number to send promotional messages for direct "
            "marketing only if the Customer has given their consent. The Customer has the right to unsubscribe at "
            "any time by clicking the link at the bottom of the email or by contacting support at info@xmi.ee or by "
            "phone at +372 58817309.",
        ),
    ],
)

TEXTS = {"fi": FI, "et": ET, "en": EN}
