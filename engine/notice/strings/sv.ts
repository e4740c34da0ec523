// Every Swedish text of the notices: the sign, the second layer, the Art. 30 record and the DPIA
// appendix. The English table (en.ts) has the same keys. Legal terms follow the Swedish text of
// the GDPR (dataskyddsförordningen): personuppgiftsansvarig, personuppgiftsbiträde,
// dataskyddsombud, berättigat intresse, rätt att invända, tillsynsmyndighet.

export const sv = {
  locale: 'sv-SE',
  /** Joins a list: "a, b och c" / "a, b eller c". */
  and: (items: readonly string[]) => joinList(items, 'och'),
  or: (items: readonly string[]) => joinList(items, 'eller'),
  percent: (p: number) => `${p} procent`,
  days: (n: number) => (n === 1 ? '1 dag' : `${n} dagar`),
  withinEea: 'inom EU/EES',
  outsideEea: 'utanför EU/EES',
  orgNumber: 'org.nr',
  email: 'e-post',
  phone: 'telefon',
  imy: 'Integritetsskyddsmyndigheten (IMY)',
  purposes: {
    interest: 'se vilka varor och skyltningar som väcker intresse',
    queues: 'se var och när köer bildas',
    flows: 'förstå hur besökare rör sig i butiken',
    loop: 'se hur besökare följer butikens planerade kundvarv',
    staffing: 'planera var personalen behövs',
    comparison: 'jämföra butiker med varandra',
  },
  /** How to object, as imperatives: "säg till …", "mejla …". */
  objectionChannels: {
    staff: () => 'säg till vår personal',
    email: (email: string) => `mejla ${email}`,
    web: (url: string) => `kontakta oss via ${url}`,
  },
  cameraClasses: {
    entrance: 'entrén',
    checkout: 'kassorna',
    department: 'avdelningarna',
    aisle: 'gångarna',
    exit: 'utgången',
  },
  rotation: {
    none: '',
    daily: ' Nyckeln byts varje dag.',
    weekly: ' Nyckeln byts varje vecka.',
  },
  rotationName: { none: 'byts inte', daily: 'byts varje dag', weekly: 'byts varje vecka' },
  ratings: { green: 'grön', amber: 'gul', red: 'röd' },

  sign: {
    title: 'Kamerorna här analyserar ansikten',
    lead: 'Ansiktet på den som går in delas in i kön, åldersspann och ett grupp-ID som många delar. Bilderna raderas inom millisekunder och sparas aldrig. Ingen identifieras.',
    purposesLabel: 'Varför:',
    purposes: (list: string) => `för att förstå ${list}.`,
    purposesShort: {
      interest: 'vad som väcker intresse',
      queues: 'var köer bildas',
      flows: 'hur besökare rör sig',
      loop: 'hur kundvarvet följs',
      staffing: 'var personal behövs',
      comparison: 'hur butikerna skiljer sig åt',
    },
    legalLabel: 'Rättslig grund:',
    legal: (statement: string) => `berättigat intresse (art. 6.1 f GDPR). ${statement}`,
    controllerLabel: 'Personuppgiftsansvarig:',
    dpoLabel: 'Dataskyddsombud:',
    objectionLabel: 'Du har rätt att invända',
    objection: (channels: string) => `när som helst (art. 21 GDPR): ${channels}.`,
    webChannel: 'skanna QR-koden',
    rightsLabel: 'Dina rättigheter:',
    rights: (authority: string, host: string) =>
      `tillgång till uppgifter, radering och begränsning av behandlingen, och att klaga hos ${authority}, ${host}.`,
    storageLabel: 'Lagring och mottagare:',
    storage: (days: string, processor: string, place: string, eea: string) =>
      `grupp-ID och kategorier sparas i ${days}, sedan bara som statistik. De analyseras av ${processor}, ${place} (${eea}).`,
    noTransfers: 'Inget förs över till länder utanför EU/EES.',
    transfers: (countries: string) => `Uppgifter förs över till ${countries}; se mer information.`,
    moreLabel: 'Mer information:',
    more: 'skanna QR-koden eller gå till',
  },

  notice: {
    title: (store: string) => `Information om ansiktsanalys i ${store}`,
    intro: (controller: string) =>
      `Här beskriver ${controller} hur butikens kameror analyserar besökares ansikten, varför vi gör det och vilka rättigheter du har enligt dataskyddsförordningen (GDPR). Skylten vid entrén sammanfattar den här informationen.`,
    otherLanguage: 'In English',
    controllerHeading: 'Personuppgiftsansvarig',
    controller: (name: string, org: string) =>
      `${name} (org.nr ${org}) är personuppgiftsansvarig för behandlingen.`,
    dpoHeading: 'Dataskyddsombud',
    dpo: (contact: string) => `Du når vårt dataskyddsombud på ${contact}.`,
    howHeading: 'Vilka uppgifter som behandlas och hur',
    how: {
      cameras: (n: number, where: string) =>
        `Butikens ${n} kameror, vid ${where}, skickar bilder till en server i butiken. Servern hittar ansiktena i bilden och räknar fram en sifferkod som beskriver ansiktets drag.`,
      groups: (groups: string, morning: string, lunch: string, afternoon: string) =>
        `Sifferkoden görs direkt om till ett grupp-ID, ett av bara ${groups}. Grupperna är med avsikt så få att många besökare delar samma grupp-ID, så ett grupp-ID pekar inte ut någon. Samma ansikte får olika grupp-ID under dagens tre tidsintervall: morgon (från ${morning}), lunch (från ${lunch}) och eftermiddag (från ${afternoon}).`,
      categories:
        'Samtidigt delas ansiktet in i kategorierna kön (man eller kvinna) och åldersspann (0–17, 18–29, 30–44, 45–64 och 65+ år). Är bedömningen osäker anges ingen kategori.',
      forget:
        'Bilden och sifferkoden raderas inom millisekunder i butikens server. De sparas aldrig, skrivs aldrig till disk och lämnar aldrig butiken. Tiden från bild till radering mäts för varje bild.',
      sent: (processor: string) =>
        `Det enda som lämnar butiken är en observation: grupp-ID, tidsintervall, tidpunkt, vilken kamera och zon i butiken, och kategorierna. Observationen skickas till ${processor} för analys.`,
      returning: (pct: string) =>
        `Kommer du tillbaka får du samma grupp-ID bara i ungefär ${pct} av fallen, så besök kan inte säkert kopplas ihop.`,
      keys: (rotation: string) =>
        `Varje butik räknar fram grupp-ID med en egen hemlig nyckel, så grupp-ID kan inte jämföras mellan butiker.${rotation}`,
      threshold: (k: number) =>
        `Statistik visas bara om den bygger på minst ${k} olika grupp-ID; mindre grupper döljs.`,
      treated:
        'Även om ett grupp-ID inte pekar ut någon behandlar vi observationerna som personuppgifter och skyddar dem därefter.',
    },
    purposesHeading: 'Ändamål och rättslig grund',
    purposesIntro: 'Vi analyserar ansiktena för att',
    legalBasis:
      'Den rättsliga grunden är vårt berättigade intresse enligt artikel 6.1 f i dataskyddsförordningen. Uppgifterna används bara för dessa ändamål och aldrig för att identifiera någon, skapa profiler av enskilda eller fatta beslut om enskilda.',
    interestsHeading: 'Våra berättigade intressen',
    balancing:
      'Vi har vägt vårt intresse mot ditt intresse av skydd för din personliga integritet. Vi bedömer att vårt intresse väger tyngre eftersom inga bilder sparas, många besökare delar varje grupp-ID och statistik bara visas för grupper av besökare. Du kan alltid invända, se nedan.',
    recipientsHeading: 'Mottagare',
    processor: (name: string, place: string, eea: string) =>
      `Observationerna tas emot och analyseras av vårt personuppgiftsbiträde ${name}, ${place} (${eea}). Biträdet behandlar dem bara enligt våra instruktioner och vårt personuppgiftsbiträdesavtal (artikel 28).`,
    otherRecipients: 'Andra mottagare:',
    recipient: (name: string, place: string, role: string) => `${name}, ${place}: ${role}`,
    staffSee: 'Butikens personal och ledning ser bara statistik, aldrig enskilda observationer.',
    transfersHeading: 'Överföring till länder utanför EU/EES',
    noTransfers: 'Inga uppgifter förs över till länder utanför EU/EES.',
    transfers: (countries: string, safeguards: string) =>
      `Uppgifter förs över till ${countries}. Skyddsåtgärder: ${safeguards}`,
    retentionHeading: 'Hur länge uppgifterna sparas',
    retentionImages: 'Bilder och sifferkoder: raderas inom millisekunder och sparas aldrig.',
    retentionSightings: (days: string) =>
      `Observationer (grupp-ID med tidpunkt, zon och kategorier): sparas i ${days}. Därefter slås de samman till antal per zon och timme, utan grupp-ID, och de enskilda observationerna raderas.`,
    retentionAggregates:
      'Den sammanslagna statistiken innehåller inga personuppgifter och sparas så länge den behövs för ändamålen.',
    rightsHeading: 'Dina rättigheter',
    rights: {
      access:
        'Rätt till tillgång (artikel 15): du kan få veta om vi behandlar uppgifter om dig och få en kopia av dem.',
      rectification: 'Rätt till rättelse (artikel 16) av felaktiga uppgifter.',
      erasure: 'Rätt till radering (artikel 17).',
      restriction: 'Rätt till begränsning av behandlingen (artikel 18).',
      portability:
        'Rätten till dataportabilitet (artikel 20) gäller inte, eftersom behandlingen grundas på berättigat intresse.',
    },
    identification:
      'Eftersom ett grupp-ID inte pekar ut någon kan vi i regel inte avgöra vilka observationer som gäller just dig (artikel 11). Vi svarar ändå på varje begäran och förklarar vad vi kan göra.',
    rightsHow: (contact: string) =>
      `Kontakta oss på ${contact} eller vårt dataskyddsombud. Vi svarar inom en månad.`,
    objectionHeading: 'Rätt att invända (artikel 21)',
    objection: (channels: string) =>
      `Du har rätt att när som helst invända mot den behandling av uppgifter om dig som grundas på vårt berättigade intresse. Det gör du så här: ${channels}. Vi får då bara fortsätta om vi kan visa tvingande berättigade skäl som väger tyngre än dina intressen, rättigheter och friheter.`,
    complaintHeading: 'Klagomål till tillsynsmyndigheten',
    complaint: (authority: string) =>
      `Om du anser att vi behandlar uppgifter om dig felaktigt har du rätt att lämna klagomål till ${authority}:`,
    obligationHeading: 'Är du skyldig att lämna uppgifter?',
    obligation:
      'Nej. Inget lagkrav och inget avtal kräver uppgifterna. Vill du inte att ditt ansikte analyseras kan du invända enligt ovan.',
    automatedHeading: 'Automatiserat beslutsfattande och profilering',
    automated:
      'Inga beslut om dig fattas automatiskt och ingen profil av dig skapas (artikel 22). Analysen gäller grupper av besökare, aldrig enskilda.',
    footer: (date: string, hash: string) =>
      `Senast uppdaterad ${date}. Texten är framställd av Varv ur butikens konfiguration (${hash}).`,
  },

  record: {
    title: (store: string) => `Register över behandling: ansiktsanalys i ${store}`,
    subtitle: 'Registerförteckning enligt artikel 30.1 i dataskyddsförordningen',
    field: 'Uppgift',
    content: 'Innehåll',
    controller: 'a) Personuppgiftsansvarig',
    dpo: 'a) Dataskyddsombud',
    purposes: 'b) Ändamål',
    legalBasis: 'Rättslig grund',
    legalBasisValue: 'Berättigat intresse, artikel 6.1 f',
    subjects: 'c) Kategorier av registrerade',
    subjectsValue: 'Besökare, och personal som syns i butikens kameror',
    data: 'c) Kategorier av personuppgifter',
    dataValues: {
      image: 'Ansiktsbild ur kamerabild (raderas inom millisekunder)',
      embedding: 'Sifferkod för ansiktets drag (raderas inom millisekunder)',
      sighting: 'Observation: grupp-ID, tidsintervall, tidpunkt, kamera och zon',
      categories: 'Kategorier: kön (man/kvinna) och åldersspann',
    },
    recipients: 'd) Kategorier av mottagare',
    processorRole: 'personuppgiftsbiträde, analyserar observationerna',
    transfers: 'e) Överföringar till tredjeland',
    transfersNone: 'Inga',
    erasure: 'f) Tidsfrister för radering',
    erasureValue: (days: string) =>
      `Bilder och sifferkoder: inom millisekunder. Observationer: efter ${days}, då de slås samman till antal per zon och timme.`,
    security: 'g) Tekniska och organisatoriska säkerhetsåtgärder',
    measures: {
      memory:
        'Bilder och sifferkoder finns bara i arbetsminnet och nollställs direkt efter användning, också vid fel; livslängden mäts per bild.',
      noDisk:
        'Inga bilder eller sifferkoder skrivs till disk, logg eller nätverk; händelserna som lämnar butiken kan inte bära pixlar, sifferkoder eller positioner finare än en zon.',
      groups: (groups: string, pct: string) =>
        `Grupp-ID med avsiktliga kollisioner: ${groups} grupper, samma grupp vid återbesök i ungefär ${pct} av fallen, nytt grupp-ID för varje tidsintervall.`,
      keys: (rotation: string) => `En egen hemlig nyckel för varje butik; nyckeln ${rotation}.`,
      threshold: (k: number) => `k-tröskel: statistik som bygger på färre än ${k} grupp-ID visas inte.`,
      rollup: (days: string) => `Observationer slås samman per zon och timme efter ${days}.`,
      delivery: 'Leverans med kvittens från en utkorg, så att inga observationer försvinner eller dubbleras.',
      risk: 'Återidentifieringsrisken mäts med länkningsattacker (varv privacy report); se bilagan till konsekvensbedömningen.',
    },
    settings: 'Inställningar',
    settingsSource: {
      scenario: 'ur scenariots privacy-block',
      defaults: 'privacykärnans standardvärden (inget scenario angivet)',
    },
    issued: (date: string, hash: string) => `Upprättad ${date}, konfiguration ${hash}.`,
  },

  dpia: {
    title: (store: string) => `Konsekvensbedömning: bilaga med underlag för ansiktsanalys i ${store}`,
    subtitle: 'Bilaga till konsekvensbedömningen enligt artikel 35 i dataskyddsförordningen',
    processingHeading: '1. Behandlingen',
    processing: (controller: string, processor: string) =>
      `${controller} analyserar ansikten i butikens kamerabilder för att ta fram grupp-ID och kategorier. Observationerna analyseras av personuppgiftsbiträdet ${processor}. Registret över behandling (artikel 30) beskriver behandlingen i detalj.`,
    measuresHeading: '2. Integritetsskyddande åtgärder och inställningar',
    setting: 'Inställning',
    value: 'Värde',
    settingNames: {
      groups: 'Antal grupp-ID',
      consistency: 'Samma grupp-ID vid återbesök (konsistens)',
      k: 'k-tröskel',
      intervals: 'Tidsintervall (start)',
      rotation: 'Nyckelbyte',
      keys: 'Nycklar',
      retention: 'Lagring av observationer',
      pixels: 'Bilder och sifferkoder',
    },
    keysValue: 'en egen hemlig nyckel per butik',
    pixelsValue: 'raderas inom millisekunder, sparas aldrig',
    source: (source: string) => `Inställningarna kommer från ${source}.`,
    risksHeading: '3. Identifierade risker',
    risk: 'Risk',
    measure: 'Åtgärd',
    evidence: 'Underlag',
    risks: {
      linkage: {
        risk: 'Grupp-ID kan kopplas till enskilda besökare, vilket kan leda till omfattande kartläggning och profilering.',
        measure:
          'Avsiktliga kollisioner, nytt grupp-ID per tidsintervall, egen nyckel per butik, k-tröskel, sammanslagning efter lagringstiden.',
        evidence: 'De uppmätta riskvärdena i avsnitt 4.',
      },
      information: {
        risk: 'De registrerade får inte tillräcklig information om kamerorna och behandlingen.',
        measure:
          'Information i två lager: skylt i ögonhöjd vid entrén (första lagret) och fullständig information enligt artikel 13 på webben (andra lagret), båda framställda ur samma konfiguration.',
        evidence: 'Skylten och informationssidan som skapas tillsammans med den här bilagan.',
      },
      security: {
        risk: 'Biträdets programvara på butikens lokala server innebär en säkerhetsrisk.',
        measure:
          'Personuppgiftsbiträdesavtal enligt artikel 28 som reglerar ansvaret för säkerheten; den personuppgiftsansvariges egen bedömning av sina säkerhetsrutiner.',
        evidence: 'Avtalet och säkerhetsbedömningen (utanför Varv).',
      },
    },
    figuresHeading: '4. Uppmätta riskvärden',
    figure: 'Mått',
    measured: 'Värde',
    interval: '95 % intervall',
    threshold: 'Gräns',
    rating: 'Bedömning',
    seedsLabel: 'slumpfrön',
    configLabel: 'konfiguration',
    figuresFrom: (source: string) => `Värdena kommer från ${source}.`,
    noFigures:
      'Inga uppmätta riskvärden har lämnats. Kör varv privacy report för konfigurationen och skapa bilagan igen med --risk <rapport.json>. Utan uppmätta värden visar bilagan inte att grupp-ID inte kan kopplas till enskilda.',
    openHeading: '5. Öppen fråga',
    open: 'Tillsynsmyndigheten (dåvarande Datainspektionen, numera IMY) tog i ett förhandssamråd om en liknande behandling inte ställning till om grupp-ID är anonyma. Om grupp-ID kan kopplas till en person riskerar besökarna omfattande kartläggning och profilering. De uppmätta värdena i avsnitt 4 är underlaget för den frågan.',
    issued: (date: string, hash: string) => `Upprättad ${date}, konfiguration ${hash}.`,
  },
};

function joinList(items: readonly string[], word: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}
