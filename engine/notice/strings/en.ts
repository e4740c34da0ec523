import type { NoticeStrings } from './noticeStrings.ts';

// Every English text of the notices, with the same keys as the Swedish table (sv.ts).

export const en: NoticeStrings = {
  locale: 'en-GB',
  and: (items) => joinList(items, 'and'),
  or: (items) => joinList(items, 'or'),
  percent: (p) => `${p} per cent`,
  days: (n) => (n === 1 ? '1 day' : `${n} days`),
  withinEea: 'within the EU/EEA',
  outsideEea: 'outside the EU/EEA',
  orgNumber: 'company reg. no.',
  email: 'email',
  phone: 'phone',
  imy: 'the Swedish Authority for Privacy Protection (IMY)',
  purposes: {
    interest: 'see which goods and displays attract interest',
    queues: 'see where and when queues form',
    flows: 'understand how visitors move through the store',
    loop: "see how visitors follow the store's planned route",
    staffing: 'plan where staff are needed',
    comparison: 'compare stores with each other',
  },
  objectionChannels: {
    staff: () => 'tell any of our staff',
    email: (email) => `email ${email}`,
    web: (url) => `contact us via ${url}`,
  },
  cameraClasses: {
    entrance: 'the entrance',
    checkout: 'the tills',
    department: 'the departments',
    aisle: 'the aisles',
    exit: 'the exit',
  },
  rotation: {
    none: '',
    daily: ' The key is changed every day.',
    weekly: ' The key is changed every week.',
  },
  rotationName: { none: 'is not changed', daily: 'is changed every day', weekly: 'is changed every week' },
  ratings: { green: 'green', amber: 'amber', red: 'red' },

  sign: {
    title: 'Cameras here analyse faces',
    lead: "Each visitor's face is sorted into gender, age band and a group ID that many people share. The images are deleted within milliseconds and never stored. Nobody is identified.",
    purposesLabel: 'Why:',
    purposes: (list) => `to understand ${list}.`,
    purposesShort: {
      interest: 'what attracts interest',
      queues: 'where queues form',
      flows: 'how visitors move',
      loop: 'how the planned route is followed',
      staffing: 'where staff are needed',
      comparison: 'how the stores differ',
    },
    legalLabel: 'Legal basis:',
    legal: (statement) => `legitimate interest (Art. 6(1)(f) GDPR). ${statement}`,
    controllerLabel: 'Controller:',
    dpoLabel: 'Data protection officer:',
    objectionLabel: 'You have the right to object',
    objection: (channels) => `at any time (Art. 21 GDPR): ${channels}.`,
    webChannel: 'scan the QR code',
    rightsLabel: 'Your rights:',
    rights: (authority, host) =>
      `access to your data, erasure, restriction of processing, and complaint to ${authority}, ${host}.`,
    storageLabel: 'Storage and recipients:',
    storage: (days, processor, place, eea) =>
      `group IDs and categories are kept for ${days}, then only as statistics. They are analysed by ${processor}, ${place} (${eea}).`,
    noTransfers: 'Nothing is transferred outside the EU/EEA.',
    transfers: (countries) => `Data is transferred to ${countries}; see more information.`,
    moreLabel: 'More information:',
    more: 'scan the QR code or go to',
  },

  notice: {
    title: (store) => `Information about face analysis in ${store}`,
    intro: (controller) =>
      `This page explains how the cameras in the store analyse visitors' faces, why ${controller} does it, and what rights you have under the General Data Protection Regulation (GDPR). The sign at the entrance summarises this information.`,
    otherLanguage: 'På svenska',
    controllerHeading: 'Controller',
    controller: (name, org) =>
      `${name} (company reg. no. ${org}) is the controller responsible for this processing.`,
    dpoHeading: 'Data protection officer',
    dpo: (contact) => `You can reach our data protection officer at ${contact}.`,
    howHeading: 'What is processed, and how',
    how: {
      cameras: (n, where) =>
        `The store's ${n} cameras, at ${where}, send images to a server in the store. The server finds the faces in each image and computes a numeric code that describes the features of each face.`,
      groups: (groups, morning, lunch, afternoon) =>
        `The code is turned at once into a group ID, one of only ${groups}. There are deliberately so few groups that many visitors share each group ID, so a group ID does not single anyone out. The same face gets different group IDs in the day's three intervals: morning (from ${morning}), lunch (from ${lunch}) and afternoon (from ${afternoon}).`,
      categories:
        'At the same time the face is sorted into the categories gender (man or woman) and age band (0–17, 18–29, 30–44, 45–64 and 65+ years). When the estimate is uncertain, no category is given.',
      forget:
        "The image and the code are deleted within milliseconds, in the store's server. They are never stored, never written to disk and never leave the store. The time from image to deletion is measured for every image.",
      sent: (processor) =>
        `The only thing that leaves the store is a sighting: the group ID, the interval, the time, which camera and zone of the store, and the categories. The sighting is sent to ${processor} for analysis.`,
      returning: (pct) =>
        `If you come back, you get the same group ID only about ${pct} of the time, so visits cannot be reliably linked.`,
      keys: (rotation) =>
        `Each store computes group IDs with its own secret key, so group IDs cannot be compared between stores.${rotation}`,
      threshold: (k) =>
        `Statistics are shown only when they are built from at least ${k} different group IDs; smaller groups are suppressed.`,
      treated:
        'Even though a group ID does not single anyone out, we treat the sightings as personal data and protect them accordingly.',
    },
    purposesHeading: 'Purposes and legal basis',
    purposesIntro: 'We analyse faces to',
    legalBasis:
      'The legal basis is our legitimate interest under Article 6(1)(f) GDPR. The data is used only for these purposes, and never to identify anyone, to build profiles of individuals or to take decisions about individuals.',
    interestsHeading: 'Our legitimate interests',
    balancing:
      'We have weighed our interest against your interest in the protection of your privacy. We consider that our interest prevails because no images are stored, many visitors share each group ID and statistics are shown only for groups of visitors. You can always object; see below.',
    recipientsHeading: 'Recipients',
    processor: (name, place, eea) =>
      `The sightings are received and analysed by our processor ${name}, ${place} (${eea}). The processor handles them only on our instructions and under our data processing agreement (Article 28).`,
    otherRecipients: 'Other recipients:',
    recipient: (name, place, role) => `${name}, ${place}: ${role}`,
    staffSee: 'Store staff and management see only statistics, never individual sightings.',
    transfersHeading: 'Transfers outside the EU/EEA',
    noTransfers: 'No data is transferred to countries outside the EU/EEA.',
    transfers: (countries, safeguards) => `Data is transferred to ${countries}. Safeguards: ${safeguards}`,
    retentionHeading: 'How long data is kept',
    retentionImages: 'Images and codes: deleted within milliseconds, never stored.',
    retentionSightings: (days) =>
      `Sightings (group ID with time, zone and categories): kept for ${days}. They are then combined into counts per zone and hour, without group IDs, and the individual sightings are deleted.`,
    retentionAggregates:
      'The combined statistics contain no personal data and are kept as long as the purposes need them.',
    rightsHeading: 'Your rights',
    rights: {
      access:
        'Right of access (Article 15): you can find out whether we process data about you and get a copy of it.',
      rectification: 'Right to rectification (Article 16) of inaccurate data.',
      erasure: 'Right to erasure (Article 17).',
      restriction: 'Right to restriction of processing (Article 18).',
      portability:
        'The right to data portability (Article 20) does not apply, because the processing is based on legitimate interest.',
    },
    identification:
      'Because a group ID does not single anyone out, we usually cannot tell which sightings concern you (Article 11). We still answer every request and explain what we can do.',
    rightsHow: (contact) =>
      `Contact us at ${contact} or our data protection officer. We answer within one month.`,
    objectionHeading: 'Right to object (Article 21)',
    objection: (channels) =>
      `You have the right to object at any time to the processing of data about you that is based on our legitimate interest. To object: ${channels}. We may then continue only if we can demonstrate compelling legitimate grounds that override your interests, rights and freedoms.`,
    complaintHeading: 'Complaints to the supervisory authority',
    complaint: (authority) =>
      `If you think that we process data about you wrongly, you have the right to lodge a complaint with ${authority}:`,
    obligationHeading: 'Do you have to provide the data?',
    obligation:
      'No. No law and no contract requires the data. If you do not want your face analysed, you can object as described above.',
    automatedHeading: 'Automated decision-making and profiling',
    automated:
      'No decisions about you are taken automatically and no profile of you is created (Article 22). The analysis concerns groups of visitors, never individuals.',
    footer: (date, hash) =>
      `Last updated ${date}. Generated by Varv from the store's configuration (${hash}).`,
  },

  record: {
    title: (store) => `Record of processing: face analysis in ${store}`,
    subtitle: 'Record of processing activities under Article 30(1) GDPR',
    field: 'Item',
    content: 'Content',
    controller: '(a) Controller',
    dpo: '(a) Data protection officer',
    purposes: '(b) Purposes',
    legalBasis: 'Legal basis',
    legalBasisValue: 'Legitimate interest, Article 6(1)(f)',
    subjects: '(c) Categories of data subjects',
    subjectsValue: "Visitors, and staff who appear in the store's cameras",
    data: '(c) Categories of personal data',
    dataValues: {
      image: 'Face image from a camera frame (deleted within milliseconds)',
      embedding: "Numeric code of the face's features (deleted within milliseconds)",
      sighting: 'Sighting: group ID, interval, time, camera and zone',
      categories: 'Categories: gender (man/woman) and age band',
    },
    recipients: '(d) Categories of recipients',
    processorRole: 'processor, analyses the sightings',
    transfers: '(e) Transfers to third countries',
    transfersNone: 'None',
    erasure: '(f) Time limits for erasure',
    erasureValue: (days) =>
      `Images and codes: within milliseconds. Sightings: after ${days}, when they are combined into counts per zone and hour.`,
    security: '(g) Technical and organisational security measures',
    measures: {
      memory:
        'Images and codes exist only in working memory and are zeroed right after use, also on errors; their lifetime is measured per image.',
      noDisk:
        'No image or code is written to disk, a log or the network; the events that leave the store cannot carry pixels, codes or positions finer than a zone.',
      groups: (groups, pct) =>
        `Deliberately colliding group IDs: ${groups} groups, the same group on a return visit about ${pct} of the time, a new group ID in each interval.`,
      keys: (rotation) => `A secret key of its own for each store; the key ${rotation}.`,
      threshold: (k) => `k-threshold: statistics built from fewer than ${k} group IDs are not shown.`,
      rollup: (days) => `Sightings are combined per zone and hour after ${days}.`,
      delivery: 'Delivery with acknowledgements from an outbox, so that no sighting is lost or duplicated.',
      risk: 'The re-identification risk is measured with linkage attacks (varv privacy report); see the DPIA appendix.',
    },
    settings: 'Settings',
    settingsSource: {
      scenario: "the scenario's privacy block",
      defaults: "the privacy core's defaults (no scenario given)",
    },
    issued: (date, hash) => `Drawn up ${date}, configuration ${hash}.`,
  },

  dpia: {
    title: (store) => `Data protection impact assessment: evidence appendix for face analysis in ${store}`,
    subtitle: 'Appendix to the data protection impact assessment under Article 35 GDPR',
    processingHeading: '1. The processing',
    processing: (controller, processor) =>
      `${controller} analyses faces in the store's camera images to derive group IDs and categories. The sightings are analysed by the processor ${processor}. The record of processing (Article 30) describes the processing in detail.`,
    measuresHeading: '2. Privacy measures and settings',
    setting: 'Setting',
    value: 'Value',
    settingNames: {
      groups: 'Number of group IDs',
      consistency: 'Same group ID on a return visit (consistency)',
      k: 'k-threshold',
      intervals: 'Day intervals (start)',
      rotation: 'Key rotation',
      keys: 'Keys',
      retention: 'Retention of sightings',
      pixels: 'Images and codes',
    },
    keysValue: 'a secret key of its own for each store',
    pixelsValue: 'deleted within milliseconds, never stored',
    source: (source) => `The settings come from ${source}.`,
    risksHeading: '3. Risks identified',
    risk: 'Risk',
    measure: 'Measure',
    evidence: 'Evidence',
    risks: {
      linkage: {
        risk: 'Group IDs can be linked to individual visitors, which could lead to extensive mapping and profiling.',
        measure:
          'Deliberate collisions, a new group ID per interval, a key per store, the k-threshold, roll-up after the retention period.',
        evidence: 'The measured risk figures in section 4.',
      },
      information: {
        risk: 'Data subjects do not get enough information about the cameras and the processing.',
        measure:
          'Layered information: a sign at eye level at the entrance (first layer) and the full Article 13 information on the web (second layer), both generated from the same configuration.',
        evidence: 'The sign and the information page generated together with this appendix.',
      },
      security: {
        risk: "The processor's software on the store's local server is a security risk.",
        measure:
          "A data processing agreement under Article 28 that settles who is responsible for security; the controller's own assessment of its security routines.",
        evidence: 'The agreement and the security assessment (outside Varv).',
      },
    },
    figuresHeading: '4. Measured risk figures',
    figure: 'Figure',
    measured: 'Value',
    interval: '95% interval',
    threshold: 'Threshold',
    rating: 'Rating',
    seedsLabel: 'seeds',
    configLabel: 'configuration',
    figuresFrom: (source) => `The figures come from ${source}.`,
    noFigures:
      'No measured risk figures were supplied. Run varv privacy report for this configuration and generate the appendix again with --risk <report.json>. Without measured figures, this appendix does not show that group IDs cannot be linked to individuals.',
    openHeading: '5. Open question',
    open: 'In a prior consultation about similar processing, the supervisory authority (then Datainspektionen, now IMY) did not rule on whether group IDs are anonymous. If group IDs can be linked to a person, visitors risk extensive mapping and profiling. The measured figures in section 4 are the evidence on that question.',
    issued: (date, hash) => `Drawn up ${date}, configuration ${hash}.`,
  },
};

function joinList(items: readonly string[], word: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}
