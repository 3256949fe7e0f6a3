// Epicenter's web pages: plain JavaScript over the public JSON API and the event stream.
// No framework and no build step. Text always goes in through textContent (never innerHTML).
'use strict';

const LANG = document.documentElement.lang === 'ar' ? 'ar' : 'en';
// Arabic pages use Western Arabic digits (0-9): what Gulf and Egyptian apps and news sites mostly use
// for counts and times, and what keeps numbers in charts and tables aligned in both languages.
const LOCALE = LANG === 'ar' ? 'ar-u-nu-latn' : 'en';

const T = {
  en: {
    skip: 'Skip to content', loading: 'Loading…', footer: 'Epicenter: crowd-sourced outage detection',
    homeTitle: 'What is down right now?', problemsNow: 'Problems now',
    typicalHour: k => `typical for this hour: about ${fmt(k)}`, followFeed: n => `Follow ${n}'s incidents in a feed reader (Atom)`,
    incidentReportLink: 'Post-incident report of this outage (Markdown)', noMatch: q => `No service matches “${q}”.`,
    noProblems: 'No service has unusual reports right now.', search: 'Search services',
    category: 'Category', allCategories: 'All categories', services: 'Services', reportsLastHour: k => `${counted(k, NOUNS.report)} in the last hour`,
    incidents: 'Recent and ongoing incidents', noIncidents: 'No incidents yet.', ongoing: 'ongoing', resolved: 'resolved',
    since: 'since', peak: 'peak', perMinute: '/min', times: '× typical', showAll: 'Show all services',
    headlineProblems: (n, t) => `User reports indicate problems at ${n} since ${t}`,
    headlineSuspected: (n, t) => `Reports about ${n} are rising since ${t}`,
    headlineRecovering: (n, t) => `${n} had problems since ${t}; reports are back to normal and it appears to be recovering`,
    headlineOk: n => `No current problems at ${n}`,
    statusProblems: 'Problems', statusSuspected: 'Reports rising', statusOk: 'No problems', statusRecovering: 'Recovering',
    report: n => `I have a problem with ${n}`, whatProblem: 'What is not working?', cancel: 'Cancel',
    thanks: 'Thank you. Your report was counted.', thanksRepeat: 'Thank you. You already reported this in the last 30 minutes; we kept it.',
    othersReport: n => `In the last hour, ${n} ${n === '1' ? 'person' : 'people'} reported a problem. Most often:`,
    reportFailed: 'Your report could not be sent. Please try again.',
    chartTitle: 'Reports against the typical range', typical: 'typical range', reports: 'reports',
    per: m => (m === 1 ? 'per minute' : m === 60 ? 'per hour' : `per ${m} minutes`),
    over: hrs => (hrs === 1 ? 'the last hour' : hrs === 168 ? 'the last 7 days' : `the last ${hrs} hours`),
    chartOf: (m, hrs) => `Reports ${T.per(m)} over ${T.over(hrs)}, against the typical range`,
    chartSummary: (n, hrs, b, m) => `${n} reports over ${T.over(hrs)}; typical now about ${b} ${T.per(m)}.`,
    tip: (k, when, typ) => `${counted(k, NOUNS.report)}, ${when}${typ === null ? '' : ` · typical ${typ}`}`,
    now: 'now', timesIn: z => `times in ${z}`, chartKeys: 'Chart: use the arrow keys to read each bar',
    ranges: { '1h': '1 hour', '24h': '24 hours', '7d': '7 days' }, rangeLabel: 'Show',
    problemTypes: 'What people report (24 hours)', countries: 'Where reports come from (24 hours)',
    problemTypesSince: t => `What people report during this outage (since about ${t})`, countriesSince: t => `Where reports come from during this outage (since about ${t})`, country: 'Country',
    history: 'Incident history', dependsOn: 'Depends on', dependents: 'Depend on it', blastRadius: 'Services that depend on it, and their state',
    nothing: 'None in the catalog.', unknown: 'Unknown', notFound: 'There is no such service in the catalog.', missing: 'There is no such page: the service, incident or cause does not exist, or the address is mistyped.', home: 'What is down right now',
    live: 'Live', uncertain: 'uncertain', mapTitle: 'Map of reports by country, last 24 hours',
    problemsDuring: 'What people reported during the incident', incident: 'Incident', incidentHeadline: n => `Problems at ${n}`, noSuchIncident: 'There is no such incident.',
    confirmed: 'confirmed', timeline: 'Timeline: reports per minute against the typical level', tooOld: 'Older than the 7 days of counts kept for charts.',
    scope: 'Scope', regional: 'Regional', global: 'Global', evidence: 'Evidence', related: 'Other incidents at the same time',
    noRelated: 'No other service had an incident at the same time.', sharedProvider: 'shares a provider', backTo: n => `All about ${n}`,
    noReports: 'No reports in this time.', foundByProbes: 'found by our probes while nobody reported',
    headlineProbesDown: (n, t) => `Our probes cannot reach ${n} since ${t}`,
    headlineProbesRegional: (n, t) => `Our probes cannot reach ${n} from some locations since ${t}`,
    probesTitle: 'Checks from our probes', check: 'Check', location: 'Location', state: 'State', lastResult: 'Last result',
    probeStates: { up: 'Up', degraded: 'Some checks fail', regional: 'Down in some locations', down: 'Down', unverified: 'Not verified yet', none: 'No checks' },
    blastOverTime: (t, k) => `How it spread: ${k} ${k === 1 ? 'service' : 'services'} failed from ${t}; bars run until each recovered, or now.`,
    why: { dns: 'The name could not be found (DNS)', notAllowed: 'Not checked: the address is not allowed', tls: 'Secure connection (TLS) failed',
      certExpired: 'Its certificate has expired', timeout: 'No answer in time', refused: 'Connection refused', reset: 'Connection dropped',
      http: c => `Answered with error ${c}`, slowAnswer: 'Answered too slowly', certSoon: 'Its certificate expires soon',
      content: 'The answer was not what was expected', other: 'The check failed' },
    thisServer: 'this server',
    probeLine: st => `Probes: ${st}`, noProbes: 'No probes check this service.', backupBroken: (b, p) => `Backup path “${b}” is not working while “${p}” works.`,
    backup: p => `backup of ${p}`, slow: (now, usual) => `slow: ${now} ms, usually ${usual} ms`, signals: 'Signals', signalNames: { reports: 'user reports', probes: 'our probes', official: 'official status page' }, ms: 'ms',
    officialTitle: 'Official status page', officialStates: { operational: 'Operational', maintenance: 'Maintenance', degraded: 'Degraded performance', partial_outage: 'Partial outage', major_outage: 'Major outage' },
    officialLine: st => `Official: ${st}`, officialSince: t => `since ${t}`, officialUnknown: t => `unknown since ${t}`, unreachable: t => `The status page has not answered since ${t}`,
    maintenanceWindow: 'Announced maintenance', maintenanceNote: 'Reports during announced maintenance are still counted and shown, labelled as such.',
    acknowledged: (t, m) => m >= 0 ? `Officially acknowledged at ${t}, ${m} ${m === 1 ? 'minute' : 'minutes'} after Epicenter confirmed it`
      : `Officially acknowledged at ${t}, ${-m} ${m === -1 ? 'minute' : 'minutes'} before Epicenter confirmed it`,
    notAcknowledged: 'Not officially acknowledged.', foundOfficially: 'announced by the official status page',
    headlineOfficial: (n, st, t) => `The official status page reports ${st.toLowerCase()} at ${n} since ${t}`,
    duringMaintenance: 'during announced maintenance', officialHistory: 'Official incidents (30 days)', updates: 'Updates',
    likelyEpicenter: 'Likely epicenter', epicenterLine: (p, n) => `${p} is the likely epicenter: ${n} ${n === 1 ? 'service' : 'services'} that depend on it failed together`,
    confidence: c => `confidence ${c}%`, causedBy: p => `likely caused by ${p}`,
    causeHeadline: n => `${n} is the likely epicenter`, blast: 'Blast radius: what failed with it', whyThink: 'Why we think so',
    leadProvider: (n, victims, t) => `${n} is the likely epicenter of an outage affecting ${victims} since ${t}.`,
    leadVictim: (n, p, others) => `Part of a wider outage: ${p}, which ${n} depends on, appears to be failing`
      + (others ? `; ${others} ${others.includes(',') || others.includes(' and ') ? 'are' : 'is'} affected too.` : '.'),
    leadMore: 'What failed, and why we think so', and: ' and ',
    noSuchCause: 'There is no such cause.', affectedCountries: 'Countries affected', reportsCount: n => `${n} reports during it`, reportLink: 'Post-incident report (Markdown)',
    ownTrouble: 'It shows trouble of its own', noOwnTrouble: 'It shows no trouble of its own: the pattern of its dependents points to it',
    plainCause: (k, n, m, unlikely) => `${k} ${k === 1 ? 'service' : 'services'} that use ${n} failed ${m <= 1 ? 'within a minute' : `within ${m} minutes`}`
      + (k >= 2 ? (unlikely ? ': very unlikely to be chance.' : ': this could be chance.') : '.'),
    engineers: 'Details for engineers', plainPeak: (p, x, b) => `At the peak, ${p} reports a minute: ${x} times the usual ${b}.`,
  },
  ar: {
    skip: 'انتقل إلى المحتوى', loading: 'جارٍ التحميل…', footer: 'إبيسنتر: رصد الأعطال من بلاغات الناس',
    homeTitle: 'ما المتوقف الآن؟', problemsNow: 'أعطال الآن',
    typicalHour: k => `المعتاد في هذه الساعة: نحو ${fmt(k)}`, followFeed: n => `تابع أعطال ${n} في قارئ الخلاصات (Atom)`,
    incidentReportLink: 'تقرير ما بعد هذا العطل (Markdown)', noMatch: q => `لا توجد خدمة تطابق «${q}».`,
    noProblems: 'لا توجد بلاغات غير معتادة عن أي خدمة الآن.', search: 'ابحث عن خدمة',
    category: 'الفئة', allCategories: 'كل الفئات', services: 'الخدمات', reportsLastHour: k => `${counted(k, NOUNS.report)} في الساعة الأخيرة`,
    incidents: 'الأعطال الجارية والأخيرة', noIncidents: 'لا أعطال حتى الآن.', ongoing: 'جارٍ', resolved: 'انتهى',
    since: 'منذ', peak: 'الذروة', perMinute: ' في الدقيقة', times: ' ضعف المعتاد', showAll: 'اعرض كل الخدمات',
    headlineProblems: (n, t) => `تشير بلاغات المستخدمين إلى مشكلات في ${n} منذ ${t}`,
    headlineSuspected: (n, t) => `البلاغات عن ${n} في ازدياد منذ ${t}`,
    headlineRecovering: (n, t) => `واجهت ${n} مشكلات منذ ${t}؛ عادت البلاغات إلى معدلها المعتاد ويبدو أنها تتعافى`,
    headlineOk: n => `لا مشكلات حالية في ${n}`,
    statusProblems: 'مشكلات', statusSuspected: 'البلاغات في ازدياد', statusOk: 'لا مشكلات', statusRecovering: 'يتعافى',
    report: n => `لديّ مشكلة في ${n}`, whatProblem: 'ما الذي لا يعمل؟', cancel: 'إلغاء',
    thanks: 'شكرًا لك. احتُسب بلاغك.', thanksRepeat: 'شكرًا لك. أبلغت عن هذا خلال آخر 30 دقيقة، وقد حفظنا بلاغك.',
    othersReport: n => `في الساعة الأخيرة أبلغ ${n} شخصًا عن مشكلة. الأكثر تكرارًا:`,
    reportFailed: 'تعذّر إرسال بلاغك. حاول مرة أخرى.',
    chartTitle: 'البلاغات مقارنة بالنطاق المعتاد', typical: 'النطاق المعتاد', reports: 'بلاغات',
    per: m => (m === 1 ? 'في الدقيقة' : m === 60 ? 'في الساعة' : m <= 10 ? `لكل ${m} دقائق` : `لكل ${m} دقيقة`),
    over: hrs => (hrs === 1 ? 'آخر ساعة' : hrs === 168 ? 'آخر 7 أيام' : `آخر ${hrs} ساعة`),
    chartOf: (m, hrs) => `البلاغات ${T.per(m)} خلال ${T.over(hrs)} مقارنة بالنطاق المعتاد`,
    chartSummary: (n, hrs, b, m) => `${n} بلاغًا خلال ${T.over(hrs)}؛ المعتاد الآن نحو ${b} ${T.per(m)}.`,
    tip: (k, when, typ) => `${counted(k, NOUNS.report)}، ${when}${typ === null ? '' : ` · المعتاد ${typ}`}`,
    now: 'الآن', timesIn: z => `الأوقات بتوقيت ${z}`, chartKeys: 'رسم بياني: استخدم مفاتيح الأسهم لقراءة كل عمود',
    ranges: { '1h': 'ساعة', '24h': '24 ساعة', '7d': '7 أيام' }, rangeLabel: 'عرض',
    problemTypes: 'ما يبلغ عنه الناس (24 ساعة)', countries: 'من أين تأتي البلاغات (24 ساعة)',
    problemTypesSince: t => `ما يبلغ عنه الناس خلال هذا العطل (منذ نحو ${t})`, countriesSince: t => `من أين تأتي البلاغات خلال هذا العطل (منذ نحو ${t})`, country: 'البلد',
    history: 'سجل الأعطال', dependsOn: 'تعتمد على', dependents: 'تعتمد عليها', blastRadius: 'الخدمات التي تعتمد عليها وحالتها',
    nothing: 'لا شيء في الفهرس.', unknown: 'غير معروف', notFound: 'لا توجد خدمة بهذا الاسم في الفهرس.', missing: 'لا توجد صفحة بهذا العنوان: الخدمة أو العطل أو السبب غير موجود، أو العنوان مكتوب خطأ.', home: 'ما المتوقف الآن',
    live: 'مباشر', uncertain: 'غير مؤكد', mapTitle: 'خريطة البلاغات حسب البلد خلال آخر 24 ساعة',
    problemsDuring: 'ما أبلغ عنه الناس أثناء العطل', incident: 'عطل', incidentHeadline: n => `مشكلات في ${n}`, noSuchIncident: 'لا يوجد عطل بهذا الوصف.',
    confirmed: 'تأكد', timeline: 'التسلسل الزمني: البلاغات في الدقيقة مقارنة بالمستوى المعتاد', tooOld: 'أقدم من أيام الإحصاءات السبعة المحفوظة للرسوم.',
    scope: 'النطاق', regional: 'إقليمي', global: 'عالمي', evidence: 'الأدلة', related: 'أعطال أخرى في الوقت نفسه',
    noRelated: 'لم يقع عطل في خدمة أخرى في الوقت نفسه.', sharedProvider: 'تشترك في مزوّد', backTo: n => `كل ما يخص ${n}`,
    noReports: 'لا بلاغات في هذه المدة.', foundByProbes: 'رصدته مجسّاتنا قبل أن يبلّغ أحد',
    headlineProbesDown: (n, t) => `تعذّر على مجسّاتنا الوصول إلى ${n} منذ ${t}`,
    headlineProbesRegional: (n, t) => `تعذّر على مجسّاتنا الوصول إلى ${n} من بعض المواقع منذ ${t}`,
    probesTitle: 'فحوص مجسّاتنا', check: 'الفحص', location: 'الموقع', state: 'الحالة', lastResult: 'آخر نتيجة',
    probeStates: { up: 'يعمل', degraded: 'بعض الفحوص تفشل', regional: 'متوقف في بعض المواقع', down: 'متوقف', unverified: 'لم يُتحقق منه بعد', none: 'لا فحوص' },
    blastOverTime: (t, k) => `كيف انتشر: ${k === 1 ? 'تعطّلت خدمة واحدة' : k === 2 ? 'تعطّلت خدمتان' : k <= 10 ? `تعطّلت ${k} خدمات` : `تعطّلت ${k} خدمةً`} منذ ${t}؛ يمتد كل شريط حتى تعافي الخدمة أو حتى الآن.`,
    why: { dns: 'تعذّر العثور على الاسم (DNS)', notAllowed: 'لم يُفحص: العنوان غير مسموح به', tls: 'فشل الاتصال الآمن (TLS)',
      certExpired: 'انتهت صلاحية شهادته', timeout: 'لم يصل رد في الوقت المحدد', refused: 'رُفض الاتصال', reset: 'انقطع الاتصال',
      http: c => `ردّ بالخطأ ${c}`, slowAnswer: 'ردّ ببطء شديد', certSoon: 'تنتهي صلاحية شهادته قريبًا',
      content: 'لم يكن الرد كما هو متوقع', other: 'فشل الفحص' },
    thisServer: 'هذا الخادم',
    probeLine: st => `المجسّات: ${st}`, noProbes: 'لا توجد مجسّات تفحص هذه الخدمة.', backupBroken: (b, p) => `المسار الاحتياطي «${b}» لا يعمل بينما «${p}» يعمل.`,
    backup: p => `احتياطي لـ ${p}`, slow: (now, usual) => `بطيء: ${now} م.ث، والمعتاد ${usual} م.ث`, signals: 'الإشارات', signalNames: { reports: 'بلاغات المستخدمين', probes: 'مجسّاتنا', official: 'صفحة الحالة الرسمية' }, ms: 'م.ث',
    officialTitle: 'صفحة الحالة الرسمية', officialStates: { operational: 'تعمل', maintenance: 'صيانة', degraded: 'أداء متراجع', partial_outage: 'توقف جزئي', major_outage: 'توقف كبير' },
    officialLine: st => `الرسمي: ${st}`, officialSince: t => `منذ ${t}`, officialUnknown: t => `غير معروفة منذ ${t}`, unreachable: t => `صفحة الحالة لا تستجيب منذ ${t}`,
    maintenanceWindow: 'صيانة معلنة', maintenanceNote: 'البلاغات أثناء الصيانة المعلنة تُحتسب وتُعرض، مع وسمها بذلك.',
    acknowledged: (t, m) => m >= 0 ? `أقرّت به الصفحة الرسمية الساعة ${t}، بعد ${m} دقيقة من تأكيد إبيسنتر له`
      : `أقرّت به الصفحة الرسمية الساعة ${t}، قبل ${-m} دقيقة من تأكيد إبيسنتر له`,
    notAcknowledged: 'لم تُقرّ به الصفحة الرسمية.', foundOfficially: 'أعلنته صفحة الحالة الرسمية',
    headlineOfficial: (n, st, t) => `تعلن صفحة الحالة الرسمية «${st}» في ${n} منذ ${t}`,
    duringMaintenance: 'أثناء صيانة معلنة', officialHistory: 'الأعطال الرسمية (30 يومًا)', updates: 'التحديثات',
    likelyEpicenter: 'مصدر العطل المرجّح', epicenterLine: (p, n) => `${p} هو مصدر العطل المرجّح: تعطّلت معًا ${n} من الخدمات التي تعتمد عليه`,
    confidence: c => `الثقة ${c}٪`, causedBy: p => `سببه المرجّح ${p}`,
    causeHeadline: n => `${n} هو مصدر العطل المرجّح`, blast: 'نطاق الأثر: ما تعطّل معه', whyThink: 'لماذا نرجّح ذلك',
    leadProvider: (n, victims, t) => `${n} هو المصدر المرجّح لعطل يؤثر في ${victims} منذ ${t}.`,
    leadVictim: (n, p, others) => `جزء من عطل أوسع: يبدو أن ${p}، التي تعتمد عليها ${n}، متعطلة`
      + (others ? `؛ وتأثرت أيضًا ${others}.` : '.'),
    leadMore: 'ما الذي تعطّل، ولماذا نرجّح ذلك', and: ' و',
    noSuchCause: 'لا يوجد سبب بهذا الوصف.', affectedCountries: 'الدول المتأثرة', reportsCount: n => `${n} بلاغًا خلاله`, reportLink: 'تقرير ما بعد العطل (Markdown)',
    ownTrouble: 'تظهر عليه مشكلات بنفسه', noOwnTrouble: 'لا تظهر عليه مشكلات بنفسه: نمط تعطّل الخدمات المعتمدة عليه يشير إليه',
    // Arabic counts agree with the noun: one, two (dual), 3-10 (plural), 11 and more (singular)
    plainCause: (k, n, m, unlikely) => `${k === 1 ? 'تعطّلت خدمة واحدة تعتمد' : k === 2 ? 'تعطّلت خدمتان تعتمدان' : k <= 10 ? `تعطّلت ${k} خدمات تعتمد` : `تعطّلت ${k} خدمةً تعتمد`} على ${n} ${m <= 1 ? 'خلال دقيقة' : m === 2 ? 'خلال دقيقتين' : m <= 10 ? `خلال ${m} دقائق` : `خلال ${m} دقيقة`}`
      + (k >= 2 ? (unlikely ? ': يُستبعد جدًا أن يكون ذلك مصادفة.' : ': قد يكون ذلك مصادفة.') : '.'),
    engineers: 'تفاصيل للمهندسين', plainPeak: (p, x, b) => `في الذروة ${p} بلاغًا في الدقيقة: ${x} أضعاف المعتاد (${b}).`,
  },
}[LANG];

const PROBLEMS = {
  en: { app: 'App not working', login: 'Logging in', website: 'Website', connection: 'Connection',
        messaging: 'Sending or receiving messages', calls: 'Calls', payments: 'Payments', streaming: 'Streaming', other: 'Something else' },
  ar: { app: 'التطبيق لا يعمل', login: 'تسجيل الدخول', website: 'الموقع الإلكتروني', connection: 'الاتصال',
        messaging: 'إرسال الرسائل أو استقبالها', calls: 'المكالمات', payments: 'المدفوعات', streaming: 'البث', other: 'مشكلة أخرى' },
}[LANG];

const CATEGORIES = {
  en: { social: 'Social', messaging: 'Messaging', ai: 'AI', cloud: 'Cloud', cdn: 'CDN', dns: 'DNS', security: 'Security',
        payments: 'Payments', bank: 'Banks', telecom: 'Telecom', gaming: 'Gaming', streaming: 'Streaming', ecommerce: 'Shopping',
        delivery: 'Delivery', transport: 'Transport', travel: 'Travel', government: 'Government', productivity: 'Productivity',
        developer: 'Developer tools', email: 'Email', search: 'Search', news: 'News', 'smart-home': 'Smart home', finance: 'Finance' },
  ar: { social: 'تواصل اجتماعي', messaging: 'مراسلة', ai: 'ذكاء اصطناعي', cloud: 'حوسبة سحابية', cdn: 'شبكات توزيع المحتوى',
        dns: 'أسماء النطاقات', security: 'أمن', payments: 'مدفوعات', bank: 'بنوك', telecom: 'اتصالات', gaming: 'ألعاب',
        streaming: 'بث', ecommerce: 'تسوّق', delivery: 'توصيل', transport: 'نقل', travel: 'سفر', government: 'خدمات حكومية',
        productivity: 'إنتاجية', developer: 'أدوات المطورين', email: 'بريد إلكتروني', search: 'بحث', news: 'أخبار',
        'smart-home': 'منزل ذكي', finance: 'مالية' },
}[LANG];

// ---------- small helpers ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const number = new Intl.NumberFormat(LOCALE);
const fmt = n => number.format(n);
const PLURAL = new Intl.PluralRules(LANG);
/**
 * A count with its noun in the page's language. Arabic has six forms (Intl.PluralRules: zero, one,
 * two, few for 3-10, many for 11-99, other for 100 and up): لا بلاغات، بلاغ واحد، بلاغان، 3 بلاغات،
 * 11 بلاغًا، 100 بلاغ. {@code forms} maps each category to a template where {n} is the number.
 */
function counted(k, forms) {
  const form = forms[PLURAL.select(k)] || forms.other;
  return form.replace('{n}', fmt(k));
}
const NOUNS = {
  en: { report: { one: '{n} report', other: '{n} reports' }, minute: { one: '{n} minute', other: '{n} minutes' },
        person: { one: '{n} person', other: '{n} people' }, service: { one: '{n} service', other: '{n} services' } },
  ar: { report: { zero: 'لا بلاغات', one: 'بلاغ واحد', two: 'بلاغان', few: '{n} بلاغات', many: '{n} بلاغًا', other: '{n} بلاغ' },
        minute: { zero: '0 دقيقة', one: 'دقيقة واحدة', two: 'دقيقتان', few: '{n} دقائق', many: '{n} دقيقة', other: '{n} دقيقة' },
        person: { zero: 'لا أحد', one: 'شخص واحد', two: 'شخصان', few: '{n} أشخاص', many: '{n} شخصًا', other: '{n} شخص' },
        service: { zero: 'لا خدمات', one: 'خدمة واحدة', two: 'خدمتان', few: '{n} خدمات', many: '{n} خدمةً', other: '{n} خدمة' } },
}[LANG];
/** The list separator of the page's language: "، " in Arabic, ", " in English. */
const SEP = LANG === 'ar' ? '، ' : ', ';
const clockOnly = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const dayClockOnly = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
/** The visitor's time zone as "UTC+3" (or "UTC+5:30", "UTC"): shown next to times, since phones have no hover. */
const ZONE = (() => {
  const off = -new Date().getTimezoneOffset();
  if (off === 0) return 'UTC';
  const a = Math.abs(off);
  return `UTC${off > 0 ? '+' : '−'}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
})();

// A time with its zone in a first-strong isolate: "09:26 AM UTC+3" reads left to right, "09:26 ص UTC+3"
// right to left, and neither is reordered by the sentence around it.
const zoned = f => ({ format: d => `\u2068${f.format(d)} ${ZONE}\u2069` });
const clock = zoned(clockOnly);
const dayClock = zoned(dayClockOnly);

/** A time in the visitor's zone, with the UTC time on hover. */
function time(iso, withDay) {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return h('time', { datetime: iso, title: d.toISOString().replace('.000Z', 'Z') + ' UTC',
    text: (withDay && !today ? dayClock : clock).format(d) });
}

// An incident the probes or the official page found while nobody reported has no report counts to show.
const probesOnly = i => (i.signals || []).length > 0 && i.signals.every(x => x === 'probes');
const officialOnly = i => (i.signals || []).length > 0 && i.signals.every(x => x === 'official');
const noReports = i => probesOnly(i) || officialOnly(i);

/** A link from a status feed, only when it is plain http(s): a feed must not smuggle javascript: into a page. */
const safeHref = url => (typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null);

/** "Officially acknowledged at 11:48, 28 minutes after Epicenter confirmed it", or null. */
function acknowledgement(i) {
  if (!i.official) return null;
  return h('span', { class: 'ack' }, T.acknowledged(clock.format(new Date(i.official.acknowledged)), Math.round(i.official.lagSeconds / 60)));
}

const nameOf = entry => (entry && entry.name && (entry.name[LANG] || entry.name.en)) || (entry && entry.id) || '';

// After a change (a live event, the visitor's own report) the API's few seconds of caching must not
// show the old answer: those fetches go to the server.
let fresh = false;

async function api(path, options) {
  const r = await fetch(path, Object.assign(fresh ? { cache: 'no-cache' } : {}, options || {}));
  if (!r.ok && r.status !== 404) throw new Error(`${path}: HTTP ${r.status}`);
  return { status: r.status, body: await r.json() };
}

function statusText(status) {
  return status === 'problems' ? T.statusProblems : status === 'suspected' ? T.statusSuspected
    : status === 'recovering' ? T.statusRecovering : T.statusOk;
}

function badge(status) {
  return h('span', { class: `badge ${status}`, text: statusText(status) });
}

/** A line chart of per-minute counts. */
function sparkline(counts) {
  const n = counts.length;
  const max = Math.max(1, ...counts);
  const points = counts.map((c, i) => `${(i / Math.max(1, n - 1)) * 100},${30 - (c / max) * 28}`).join(' ');
  return s('svg', { class: 'spark', viewBox: '0 0 100 30', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    s('polyline', { points, fill: 'none', 'vector-effect': 'non-scaling-stroke' }));
}

// ---------- live updates ----------

/** How often a page reloads what it shows even when no event came: a chart must not go stale on a quiet day. */
const REFRESH_MS = 60000;

function live(onChange) {
  let pending = null;
  const changed = () => {
    fresh = true;
    clearTimeout(pending);
    pending = setTimeout(onChange, 300);
  };
  setInterval(() => { if (document.visibilityState === 'visible') changed(); }, REFRESH_MS);
  if (!('EventSource' in window)) return;
  const source = new EventSource('/api/v1/events');
  for (const type of ['incident.opened', 'incident.confirmed', 'incident.updated', 'incident.resolved', 'incident.dropped', 'service.status',
    'probe.status', 'probe.backup', 'probe.backup.cleared', 'official.status', 'official.unreachable', 'official.reachable',
    'incident.acknowledged', 'cause.opened', 'cause.updated', 'cause.resolved']) {
    source.addEventListener(type, changed);
  }
  // A stream that comes back (a network blip, or the server letting a stalled viewer go) may have
  // missed changes: reload what the page shows.
  let opened = false;
  source.addEventListener('open', () => {
    if (opened) changed();
    opened = true;
  });
  window.addEventListener('pagehide', () => source.close());
}

// ---------- home ----------

/**
 * A name folded for search: Latin case, Arabic diacritics and tatweel, the forms of alef, hamza on
 * waw and ya, ta marbuta, alef maqsura, the article, and the letters Arabic writers use for a hard
 * "g" (ق غ گ ج), spaces and dashes. «واتس اب», «الواتساب», «انستقرام» and «انستغرام» then find
 * WhatsApp and Instagram.
 */
function fold(text) {
  return (text || '').toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا').replace(/ؤ/g, 'و').replace(/ئ/g, 'ي').replace(/ى/g, 'ي').replace(/ة/g, 'ه')
    .replace(/[قگج]/g, 'غ')
    .replace(/(^|[\s\-])ال/g, '$1')
    .replace(/[\s\-_.]+/g, '');
}

async function home(main) {
  document.title = `${T.homeTitle} · Epicenter`;
  const problems = h('section', { class: 'problems', 'aria-labelledby': 'problems-h' });
  const searchBox = h('input', { type: 'search', id: 'search', placeholder: T.search, 'aria-label': T.search, autocomplete: 'off' });
  const categorySelect = h('select', { id: 'category', 'aria-label': T.category }, h('option', { value: '', text: T.allCategories }));
  const list = h('ul', { class: 'services', id: 'services' });
  const more = h('button', { type: 'button', class: 'more', text: T.showAll });
  const incidents = h('section', { class: 'incidents', 'aria-labelledby': 'incidents-h' });
  const none = h('p', { id: 'no-match', role: 'status', hidden: true });
  // search comes first (on a phone above all): while a query is typed, its results take the
  // place of the problems list, right under the box
  main.replaceChildren(
    h('h1', { text: T.homeTitle }),
    h('div', { class: 'filters' }, searchBox, categorySelect),
    problems,
    h('section', { class: 'catalog', 'aria-labelledby': 'services-h' },
      h('h2', { id: 'services-h', text: T.services }),
      none, list, more),
    incidents);

  let services = [];
  let showAll = false;
  const sparks = new Map();

  function renderList() {
    const typed = searchBox.value.trim();
    const q = fold(typed);
    const cat = categorySelect.value;
    const shown = services.filter(e => (!cat || e.category === cat)
      && (!q || fold(e.id).includes(q) || fold(e.name.en).includes(q) || fold(e.name.ar).includes(q)));
    problems.hidden = typed.length > 0;
    none.hidden = shown.length > 0;
    none.textContent = shown.length ? '' : T.noMatch(typed);
    const limited = showAll || q || cat ? shown : shown.slice(0, 24);
    more.hidden = limited.length === shown.length;
    list.replaceChildren(...limited.map(e => h('li', { class: `service ${e.status}` },
      h('a', { href: `/s/${e.id}` }, h('span', { class: 'name', text: nameOf(e) })),
      h('span', { class: 'meta' }, h('span', { class: 'cat', text: CATEGORIES[e.category] || e.category }), ' · ',
        h('span', { class: 'count', text: T.reportsLastHour(e.reports.last60Minutes) })),
      e.status !== 'ok' ? badge(e.status) : null)));
  }

  async function sparkFor(id) {
    if (!sparks.has(id)) {
      const r = await api(`/api/v1/services/${id}/reports?hours=1`);
      sparks.set(id, r.body.counts);
    }
    return sparkline(sparks.get(id));
  }

  async function renderProblems() {
    // the crowd's problems, and services the probes find down while nobody reports
    const officialDown = e => e.official && (e.official.status === 'major_outage' || e.official.status === 'partial_outage');
    const down = services.filter(e => e.status !== 'ok' || e.probeStatus === 'down' || officialDown(e))
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'problems' ? -1 : 1) || b.reports.last5Minutes - a.reports.last5Minutes);
    const items = await Promise.all(down.map(async e => h('li', { class: `problem ${e.status}` },
      h('a', { href: `/s/${e.id}` }, h('span', { class: 'name', text: nameOf(e) })),
      e.status !== 'ok' ? badge(e.status) : e.probeStatus === 'down' ? h('span', { class: 'probe-down', text: T.probeLine(T.probeStates.down) })
        : h('span', { class: `official-${e.official.status}`, text: T.officialLine(T.officialStates[e.official.status]) }),
      e.statusSince || (officialDown(e) && e.official.since) ? h('span', { class: 'since' }, `${T.since} `, time(e.statusSince || e.official.since)) : null,
      await sparkFor(e.id))));
    const causes = (await api('/api/v1/causes?state=open')).body.causes;
    const banner = causes.map(c => h('p', { class: 'epicenter', 'data-provider': c.provider },
      h('a', { href: `/c/${c.provider}/${c.start}`, text: T.epicenterLine(nameOf(c) || c.provider, c.dependents.length) }), ': ',
      c.dependents.map(d => nameOf(services.find(e => e.id === d)) || d).join(SEP),
      ` (${T.confidence(Math.round(c.confidence * 100))})`));
    problems.replaceChildren(h('h2', { id: 'problems-h', text: T.problemsNow }), ...banner,
      items.length ? h('ul', { class: 'problem-list', id: 'problem-list' }, items) : h('p', { class: 'calm', text: T.noProblems }));
  }

  async function renderIncidents() {
    const r = await api('/api/v1/incidents');
    const byId = new Map(services.map(e => [e.id, e]));
    const rows = r.body.incidents.slice(0, 12).map(i => h('li', { class: i.end ? 'resolved' : 'ongoing' },
      h('a', { href: incidentHref(i) }, h('span', { class: 'name', text: nameOf(byId.get(i.service)) || i.service })),
      ' ', h('span', { class: 'state', text: i.end ? T.resolved : T.ongoing }), ' · ', time(i.start, true),
      i.end ? ['–', time(i.end, true)] : null, ' · ',
      noReports(i) ? h('span', { text: officialOnly(i) ? T.foundOfficially : T.foundByProbes }) : h('span', { text: `${T.peak} ${fmt(i.peakPerMinute)}${T.perMinute}` }),
      i.scope === 'regional' && i.countries.length ? h('span', { class: 'where', text: ` · ${i.countries[0]}` }) : null));
    incidents.replaceChildren(h('h2', { id: 'incidents-h', text: T.incidents }),
      rows.length ? h('ul', { class: 'incident-list' }, rows) : h('p', { text: T.noIncidents }));
  }

  async function load() {
    const r = await api('/api/v1/services');
    services = r.body.services;
    const cats = [...new Set(services.map(e => e.category))].sort((a, b) =>
      (CATEGORIES[a] || a).localeCompare(CATEGORIES[b] || b, LOCALE));
    if (categorySelect.options.length === 1) {
      categorySelect.append(...cats.map(c => h('option', { value: c, text: CATEGORIES[c] || c })));
    }
    sparks.clear();
    renderList();
    await Promise.all([renderProblems(), renderIncidents()]);
    main.dataset.loaded = String(Date.now());
  }

  searchBox.addEventListener('input', renderList);
  categorySelect.addEventListener('change', renderList);
  more.addEventListener('click', () => { showAll = true; renderList(); });
  await load();
  live(load);
}

// ---------- service and provider page ----------

/**
 * The blast radius over time: one row per failing dependent, its bar from its onset to its end (or
 * now), on one time scale that runs left to right in both languages.
 */
function blastTimeline(victims, byId) {
  if (!victims.length) return null;
  const t = x => new Date(x).getTime();
  const nowMs = Date.now();
  const from = Math.min(...victims.map(i => t(i.start)));
  const to = Math.max(from + 10 * 60e3, ...victims.map(i => (i.end ? t(i.end) : Math.max(nowMs, t(i.start)))));
  const pct = x => `${(((x - from) / (to - from)) * 100).toFixed(2)}%`;
  const rows = [...victims].sort((a, b) => t(a.start) - t(b.start)).map(i => {
    const bar = h('span', { class: `span ${i.end ? 'resolved' : 'ongoing'}` });
    bar.style.left = pct(t(i.start)); // CSSOM, allowed by the CSP
    bar.style.width = `max(3px, ${pct(from + (i.end ? t(i.end) : Math.max(nowMs, t(i.start))) - t(i.start))})`;
    return h('li', { 'data-service': i.service }, h('span', { class: 'who', text: nameOf(byId.get(i.service)) || i.service }),
      h('span', { class: 'track', 'aria-hidden': 'true' }, bar),
      h('span', { class: 'when' }, time(i.start, false), i.end ? ['–', time(i.end, false)] : null));
  });
  return h('figure', { class: 'blast-time', id: 'blast-time' },
    h('ol', {}, rows),
    h('figcaption', {}, T.blastOverTime(clock.format(new Date(from)), victims.length)));
}

/** The 99.9% quantile of a Poisson count with mean l: the top of the typical range of a summed bucket. */
function poissonUpper(l) {
  if (l > 50) return Math.ceil(l + 3.09 * Math.sqrt(l));
  let k = 0;
  let p = Math.exp(-l);
  let sum = p;
  while (sum < 0.999 && k < 1000) { k++; p *= l / k; sum += p; }
  return k;
}

/** A series in buckets of k of its points (counts and expectations summed; the band recomputed for the sum). */
function rebucket(series, k) {
  if (k <= 1) return series;
  const n = Math.floor(series.counts.length / k);
  const sum = (arr, b) => arr.slice(b * k, (b + 1) * k).reduce((x, y) => x + y, 0);
  const counts = Array.from({ length: n }, (_, b) => sum(series.counts, b));
  const baseline = series.baseline ? Array.from({ length: n }, (_, b) => Math.round(sum(series.baseline, b) * 100) / 100) : null;
  return Object.assign({}, series, { counts, baseline, upperBand: baseline ? baseline.map(poissonUpper) : null,
    stepSeconds: series.stepSeconds * k, to: new Date(new Date(series.from).getTime() + n * k * series.stepSeconds * 1000).toISOString() });
}

/** A round top for the count axis, and its step: 4 or 5 gridlines at 1, 2 or 5 times a power of ten. */
function niceAxis(max) {
  const raw = Math.max(4, max) / 4;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(m => m * pow).find(v => v >= raw);
  return { top: Math.ceil(Math.max(4, max) / step) * step, step };
}

/**
 * Reports per bucket as columns, over the shaded typical range (0 up to the 99.9% band) and the
 * expected level (dashed), with a count axis, time ticks in the visitor's zone, a "now" mark, and
 * the value of the bucket under the pointer or the arrow keys. Time runs left to right in both
 * languages; the labels around it follow the page.
 */
function chart(series, width) {
  const W = Math.max(280, Math.round(width || 720));
  const narrow = W < 520;
  const H = narrow ? 200 : 240;
  const L = 40;
  const R = 10;
  const TOP = 14;
  const B = 26;
  const pw = W - L - R;
  const ph = H - TOP - B;
  const counts = series.counts;
  const n = counts.length;
  const step = (series.stepSeconds || 60) * 1000;
  const start = new Date(series.from).getTime();
  const band = series.upperBand || null;
  const base = series.baseline || null;
  const axis = niceAxis(Math.max(...counts, ...(band || [0])));
  const x = t => L + ((t - start) / (n * step)) * pw;
  const y = v => TOP + ph - (v / axis.top) * ph;
  const bw = pw / Math.max(1, n);
  const total = counts.reduce((a, b) => a + b, 0);
  const parts = [];
  // the count axis: gridlines and labels
  for (let v = 0; v <= axis.top; v += axis.step) {
    parts.push(s('line', { class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }),
      s('text', { class: 'tick', x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt(v)));
  }
  // the typical range, as steps: from 0 up to the band, and the expected level inside it
  if (band) {
    let d = `M${L},${y(0)}`;
    band.forEach((v, i) => { d += ` L${L + i * bw},${y(v)} L${L + (i + 1) * bw},${y(v)}`; });
    parts.push(s('path', { class: 'band', d: `${d} L${L + n * bw},${y(0)} Z` }));
  }
  if (base) {
    let d = '';
    base.forEach((v, i) => { d += `${i ? ' L' : 'M'}${L + i * bw},${y(v)} L${L + (i + 1) * bw},${y(v)}`; });
    parts.push(s('path', { class: 'baseline', d }));
  }
  // announced maintenance: shaded, its reports still drawn
  const windows = (series.maintenance || []).map(m => {
    const a = Math.max(start, new Date(m.from).getTime());
    const b = Math.min(start + n * step, m.until ? new Date(m.until).getTime() : Date.now());
    return b > a ? s('rect', { class: 'maintenance-window', x: x(a), y: TOP, width: Math.max(1, x(b) - x(a)), height: ph },
      s('title', {}, `${T.maintenanceWindow}: ${m.title}`)) : null;
  }).filter(r => r !== null);
  parts.push(...windows);
  // the columns; the current bucket, still filling, is lighter
  const gap = bw > 5 ? 1 : 0;
  const nowMs = Date.now();
  counts.forEach((v, i) => {
    if (v <= 0) return;
    const partial = start + (i + 1) * step > nowMs;
    parts.push(s('rect', { class: partial ? 'col partial' : 'col', x: L + i * bw + gap / 2, y: y(v), width: Math.max(0.8, bw - gap), height: y(0) - y(v) }));
  });
  // time ticks on the clock of the visitor's zone
  const span = n * step;
  const every = span <= 2 * 3600e3 ? (narrow ? 15 : 10) * 60e3 : span <= 26 * 3600e3 ? (narrow ? 6 : 3) * 3600e3 : 86400e3;
  const offset = -new Date(start).getTimezoneOffset() * 60e3;
  const firstTick = Math.ceil((start + offset) / every) * every - offset;
  const tickFmt = every >= 86400e3 ? new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric' }) : clockOnly;
  for (let t = firstTick; t <= start + span; t += every) {
    parts.push(s('line', { class: 'xtick', x1: x(t), x2: x(t), y1: TOP + ph, y2: TOP + ph + 4 }),
      s('text', { class: 'tick', x: Math.min(W - R - 2, Math.max(L + 2, x(t))), y: H - 8, 'text-anchor': 'middle' }, tickFmt.format(new Date(t))));
  }
  parts.push(s('line', { class: 'axis', x1: L, x2: W - R, y1: y(0), y2: y(0) }));
  if (nowMs > start && nowMs <= start + span + step) {
    const nx = Math.min(W - R, x(nowMs));
    parts.push(s('line', { class: 'now', x1: nx, x2: nx, y1: TOP - 4, y2: TOP + ph }),
      s('text', { class: 'now-label', x: nx - 3, y: TOP - 4, 'text-anchor': 'end' }, T.now));
  }
  const cursor = s('rect', { class: 'cursor', x: 0, y: TOP, width: Math.max(1, bw), height: ph, visibility: 'hidden' });
  parts.push(cursor);
  const last = base && base.length ? base[base.length - 1] : 0;
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
      'aria-labelledby': 'chart-t chart-d', 'data-total': String(total), 'data-points': String(n), id: 'chart' },
    s('title', { id: 'chart-t' }, T.chartOf(series.stepSeconds / 60, Math.round(span / 3600e3))),
    s('desc', { id: 'chart-d' }, T.chartSummary(fmt(total), Math.round(span / 3600e3), fmt(Math.round(last * 10) / 10), series.stepSeconds / 60)),
    ...parts);
  const tip = h('div', { class: 'tip', hidden: true, 'aria-hidden': 'true', dir: document.documentElement.dir || 'ltr' });
  const readout = h('p', { class: 'readout', role: 'status', 'aria-live': 'polite' });
  function show(i) {
    if (i < 0 || i >= n) { cursor.setAttribute('visibility', 'hidden'); tip.hidden = true; return; }
    const from = new Date(start + i * step);
    const iso = t => `\u2068${clockOnly.format(t)}\u2069`; // each time isolated: "04:00 ص–04:15 ص" keeps its order
    const when = step > 60e3 ? `${iso(from)}–${iso(new Date(from.getTime() + step))}` : iso(from);
    const day = span > 26 * 3600e3 ? `${new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short' }).format(from)}, ` : '';
    const text = T.tip(counts[i], `${day}${when}`, base ? fmt(Math.round(base[i] * 10) / 10) : null);
    cursor.setAttribute('x', L + i * bw);
    cursor.setAttribute('visibility', 'visible');
    tip.textContent = text;
    tip.hidden = false;
    // centred over the bar, kept inside the plot (CSSOM, allowed by the CSP)
    const box = plot.clientWidth || W;
    const centre = ((L + (i + 0.5) * bw) / W) * box;
    tip.style.left = `${Math.max(0, Math.min(box - tip.offsetWidth, centre - tip.offsetWidth / 2))}px`;
    readout.textContent = text;
  }
  let at = -1;
  const toIndex = ev => {
    const r = svg.getBoundingClientRect();
    return Math.floor((((ev.clientX - r.left) / r.width) * W - L) / bw);
  };
  svg.addEventListener('pointermove', ev => { at = toIndex(ev); show(at); });
  svg.addEventListener('pointerdown', ev => { at = toIndex(ev); show(at); });
  svg.addEventListener('pointerleave', ev => { if (ev.pointerType === 'mouse') show(-1); });
  const plot = h('div', { class: 'plot', tabindex: '0', role: 'group', 'aria-label': T.chartKeys }, svg, tip);
  plot.addEventListener('keydown', ev => {
    if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight' && ev.key !== 'Home' && ev.key !== 'End') return;
    ev.preventDefault();
    at = ev.key === 'Home' ? 0 : ev.key === 'End' ? n - 1 : Math.min(n - 1, Math.max(0, (at < 0 ? n : at) + (ev.key === 'ArrowRight' ? 1 : -1)));
    show(at);
  });
  plot.addEventListener('blur', () => show(-1));
  return h('figure', { class: 'chart-box' }, plot,
    h('figcaption', {}, h('span', { class: 'key counts-key', text: T.reports }), ' ',
      h('span', { class: 'key band-key', text: T.typical }), windows.length ? [' ', h('span', { class: 'key maintenance-key', text: T.maintenanceWindow })] : null,
      ' · ', h('span', { class: 'zone', text: T.timesIn(ZONE) })), readout);
}

/** Buckets that suit a range: 1 minute over the last hour, 15 over a day, an hour over a week. */
const RANGES = [{ id: '1h', hours: 1, bucket: 1 }, { id: '24h', hours: 24, bucket: 15 }, { id: '7d', hours: 168, bucket: 60 }];

function bars(counts, label) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return h('p', { text: T.noReports });
  const max = entries[0][1];
  return h('ul', { class: 'bars' }, entries.map(([k, v]) => {
    const bar = h('span', { class: 'bar' });
    bar.style.inlineSize = `${Math.max(2, (v / max) * 100)}%`; // CSSOM, allowed by the CSP
    return h('li', {}, h('span', { class: 'label', text: label(k) }), bar, h('span', { class: 'value', text: fmt(v) }));
  }));
}

const regionNames = (() => {
  try { return new Intl.DisplayNames([LOCALE], { type: 'region' }); } catch (e) { return null; }
})();
const countryName = c => (c === 'ZZ' ? T.unknown : (regionNames && regionNames.of(c)) || c);

let world = null;

/** A choropleth of report counts by country; countries without a shape at this scale are only in the table. */
async function countryMap(counts) {
  if (!world) {
    world = (await api(`/assets/world.json?v=${document.body.dataset.v}`)).body;
  }
  const values = Object.entries(counts || {}).filter(([c]) => c !== 'ZZ');
  const max = Math.max(1, ...values.map(([, v]) => v));
  const byCountry = new Map(values);
  const svg = s('svg', { class: 'map', viewBox: world.viewBox, role: 'img', 'aria-labelledby': 'map-t', id: 'map' },
    s('title', { id: 'map-t' }, T.mapTitle));
  for (const [code, d] of Object.entries(world.countries)) {
    const v = byCountry.get(code) || 0;
    const level = v === 0 ? 0 : 1 + Math.min(3, Math.floor((Math.log(v) / Math.log(max + 1)) * 4));
    const p = s('path', { d, class: `m${level}`, 'data-country': code });
    if (v) p.append(s('title', {}, `${countryName(code)}: ${fmt(v)}`));
    svg.append(p);
  }
  return svg;
}

async function service(main, id) {
  const [one, all] = await Promise.all([api(`/api/v1/services/${id}`), api('/api/v1/services')]);
  if (one.status === 404) {
    main.replaceChildren(h('h1', { text: T.notFound }));
    return;
  }
  const entry = one.body;
  const byId = new Map(all.body.services.map(e => [e.id, e]));
  const name = nameOf(entry);
  document.title = `${name} · Epicenter`;

  const headline = h('h1', { id: 'headline' });
  const status = h('p', { class: 'status-line', id: 'status' });
  const reportArea = h('section', { class: 'report', 'aria-live': 'polite' });
  const chartArea = h('section', { 'aria-labelledby': 'chart-h', id: 'chart-area' });
  let range = RANGES[1];
  let shown = null; // the series on the chart, drawn again when the width changes
  const chartSlot = h('div');
  const rangeButtons = RANGES.map(r => h('button', { type: 'button', class: 'range', 'data-range': r.id, 'aria-pressed': String(r === range),
    text: T.ranges[r.id], onclick: async () => {
      range = r;
      rangeButtons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.range === r.id)));
      await drawChart();
    } }));
  chartArea.append(h('h2', { id: 'chart-h', text: T.chartTitle }),
    h('div', { class: 'ranges', role: 'group', 'aria-label': T.rangeLabel }, rangeButtons), chartSlot);
  async function drawChart(series) {
    shown = series || (await api(`/api/v1/services/${id}/reports?hours=${range.hours}&bucket=${range.bucket}`)).body;
    chartSlot.replaceChildren(chart(shown, chartSlot.clientWidth || chartArea.clientWidth));
  }
  let drawnWidth = 0;
  if ('ResizeObserver' in window) {
    new ResizeObserver(() => {
      const w = chartSlot.clientWidth;
      if (shown && Math.abs(w - drawnWidth) > 8) {
        drawnWidth = w;
        chartSlot.replaceChildren(chart(shown, w));
      }
    }).observe(chartSlot);
  }
  const problemArea = h('section', { 'aria-labelledby': 'types-h' });
  const countryArea = h('section', { 'aria-labelledby': 'countries-h' });
  const historyArea = h('section', { 'aria-labelledby': 'history-h' });
  const probeArea = h('section', { 'aria-labelledby': 'probes-h', id: 'probes' });
  const officialArea = h('section', { 'aria-labelledby': 'official-h', id: 'official' });
  const depsArea = h('section', { class: 'deps' });
  const leadArea = h('div', { id: 'lead', 'aria-live': 'polite' });
  // what people report first; the official word and our probes below it
  main.replaceChildren(headline, leadArea, status, reportArea, chartArea, problemArea, countryArea, officialArea, probeArea, historyArea, depsArea);

  function reportButton() {
    const button = h('button', { type: 'button', class: 'big', id: 'report', text: T.report(name) });
    button.addEventListener('click', () => chooser());
    reportArea.replaceChildren(button);
  }

  function chooser() {
    const choices = Object.keys(PROBLEMS).map(p => h('button', { type: 'button', class: 'choice', 'data-problem': p, text: PROBLEMS[p],
      onclick: () => send(p) }));
    const close = () => { reportButton(); document.getElementById('report').focus(); };
    const box = h('fieldset', { class: 'chooser' }, h('legend', { text: T.whatProblem }), ...choices,
      h('button', { type: 'button', class: 'cancel', text: T.cancel, onclick: close }));
    box.addEventListener('keydown', ev => { if (ev.key === 'Escape') close(); });
    reportArea.replaceChildren(box);
    choices[0].focus();
  }

  async function send(problem) {
    let answer;
    try {
      answer = await fetch('/api/v1/reports', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ service: id, problem }) });
    } catch (e) {
      answer = null;
    }
    if (!answer || (answer.status !== 201 && answer.status !== 200)) {
      reportArea.replaceChildren(h('p', { class: 'error', role: 'alert', text: T.reportFailed }));
      setTimeout(reportButton, 4000);
      return;
    }
    fresh = true;
    await refresh();
    const hour = await api(`/api/v1/services/${id}/reports?hours=1`);
    const top = Object.entries(hour.body.byProblem).sort((a, b) => b[1] - a[1]).slice(0, 3);
    const thanks = h('div', { class: 'thanks', id: 'thanks', tabindex: '-1' },
      h('p', { text: answer.status === 201 ? T.thanks : T.thanksRepeat }),
      h('p', { text: T.othersReport(fmt(hour.body.total)) }),
      h('ul', {}, top.map(([p, n]) => h('li', { text: `${PROBLEMS[p] || p}: ${fmt(n)}` }))));
    reportArea.replaceChildren(thanks);
    thanks.focus();
  }

  /** A probe's failure in plain words of the page's language; the prober's own text stays for engineers. */
  function probeWhy(detail) {
    const d = detail || '';
    const code = /^status (\d{3})/.exec(d);
    return /^not allowed/.test(d) ? T.why.notAllowed : /^cannot resolve/.test(d) ? T.why.dns
      : /^TLS: .*expired/.test(d) ? T.why.certExpired : /^TLS/.test(d) ? T.why.tls
      : /no answer|timed? ?out/i.test(d) ? T.why.timeout : /refused/i.test(d) ? T.why.refused : /reset|closed/i.test(d) ? T.why.reset
      : code ? T.why.http(code[1]) : /^latency/.test(d) ? T.why.slowAnswer : /^cert/.test(d) ? T.why.certSoon
      : /^(body|json|header)/.test(d) ? T.why.content : T.why.other;
  }

  function renderProbes(p) {
    const rows = [];
    for (const probe of p.probes) {
      const locations = Object.entries(probe.locations);
      const label = [h('strong', { text: probe.name }), ' ', h('span', { class: 'muted', dir: 'ltr', text: `${probe.kind} ${probe.target}` }),
        probe.backupOf ? h('span', { class: 'muted', text: ` · ${T.backup(probe.backupOf)}` }) : null];
      if (!locations.length) {
        rows.push(h('tr', {}, h('td', { 'data-label': T.check }, label), h('td', { 'data-label': T.location, text: '–' }),
          h('td', { 'data-label': T.state, class: `probe-${probe.state}`, text: T.probeStates[probe.state] }), h('td', { 'data-label': T.lastResult, text: '–' })));
      }
      locations.forEach(([where, v], n) => rows.push(h('tr', { 'data-probe': probe.name, 'data-location': where, class: n === 0 ? null : 'more' },
        h('td', { 'data-label': T.check }, n === 0 ? label : null), h('td', { 'data-label': T.location, text: where === 'server' ? T.thisServer : where }),
        h('td', { 'data-label': T.state, class: `probe-${v.state}`, text: T.probeStates[v.state] }),
        h('td', { 'data-label': T.lastResult }, time(v.lastAt, false), ' · ', v.slow ? h('span', { class: 'probe-degraded', text: T.slow(fmt(v.medianLatencyMs), fmt(v.typicalLatencyMs)) })
          : v.lastOk ? h('span', { text: `${fmt(v.lastLatencyMs)} ${T.ms}` })
          : [h('span', { class: 'why', text: probeWhy(v.lastDetail) }), engineers(v.lastDetail)]))));
    }
    probeArea.dataset.state = p.status;
    probeArea.replaceChildren(h('h2', { id: 'probes-h', text: T.probesTitle }),
      ...p.backupFindings.map(f => h('p', { class: 'error', role: 'status', text: T.backupBroken(f.backup, f.primary) })),
      p.probes.length ? h('table', { class: 'probes' },
        h('thead', {}, h('tr', {}, [T.check, T.location, T.state, T.lastResult].map(c => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, rows)) : h('p', { text: T.noProbes }));
  }

  function renderOfficial(o, series) {
    if (!o.feeds.length) {
      officialArea.hidden = true;
      return;
    }
    officialArea.hidden = false;
    officialArea.dataset.state = o.state;
    const down = o.feeds.find(f => f.unreachableSince);
    const windows = series.maintenance || [];
    officialArea.replaceChildren(...[h('h2', { id: 'official-h', text: T.officialTitle }),
      // a page that stopped answering says nothing about now: never its last (often green) word
      down ? h('p', { id: 'official-state' }, h('span', { class: 'official-unknown', text: T.officialUnknown(clock.format(new Date(down.unreachableSince))) }))
        : h('p', { id: 'official-state' }, h('span', { class: `official-${o.state}`, text: T.officialStates[o.state] }),
          o.since ? [' · ', T.officialSince(clock.format(new Date(o.since)))] : null),
      down ? h('p', { class: 'error', role: 'status', id: 'official-unreachable', text: T.unreachable(clock.format(new Date(down.unreachableSince))) }) : null,
      ...o.open.map(i => h('div', { class: 'official-incident' },
        h('p', {}, safeHref(i.link) ? h('a', { href: safeHref(i.link), rel: 'noopener', lang: 'en', dir: 'auto', text: i.title }) : h('strong', { lang: 'en', dir: 'auto', text: i.title }),
          ' · ', time(i.created, true)),
        i.updates.length ? h('ul', { class: 'updates', 'aria-label': T.updates }, i.updates.slice(0, 5).map(u => h('li', {}, time(u.at, true), ' · ',
          h('span', { class: 'muted', text: u.state }), u.body ? [' · ', h('span', { lang: 'en', dir: 'auto', text: u.body })] : null))) : null)),
      ...(o.maintenance.length || windows.length ? [h('p', { id: 'maintenance' }, h('strong', { text: `${T.maintenanceWindow}: ` }),
        ...(o.maintenance.length ? o.maintenance : windows).map((m, n) => [n ? ' · ' : '', m.from ? time(m.from, true) : '', m.until ? ['–', time(m.until, true)] : null,
          ' ', h('span', { lang: 'en', dir: 'auto', class: 'muted', text: m.title })])),
      h('p', { class: 'muted', text: T.maintenanceNote })] : [])].flat(Infinity).filter(x => x !== null));
  }

  // The epicenter where people look: right under the headline, on the provider's page and on each victim's.
  async function renderLead(causes) {
    const names = list => {
      const n = list.map(d => nameOf(byId.get(d)) || d);
      return n.length <= 1 ? n.join('') : `${n.slice(0, -1).join(SEP)}${T.and}${n[n.length - 1]}`;
    };
    const own = causes.find(c => c.provider === id);
    const upstream = causes.find(c => c.provider !== id && c.dependents.includes(id));
    const c = own || upstream;
    if (!c) {
      leadArea.replaceChildren();
      return;
    }
    const provider = nameOf(byId.get(c.provider)) || c.provider;
    const text = own ? T.leadProvider(provider, names(c.dependents), clock.format(new Date(c.start)))
      : T.leadVictim(name, provider, names(c.dependents.filter(d => d !== id)));
    // a provider's own page shows how the outage spread: who failed, when, and who is back
    const victims = own ? (await api('/api/v1/incidents')).body.incidents.filter(i => i.epicenter && i.epicenter.provider === id
      && new Date(i.start) >= new Date(c.start) && (!c.end || new Date(i.start) <= new Date(c.end))) : [];
    leadArea.replaceChildren(h('p', { class: 'epicenter', 'data-provider': c.provider, text }),
      own ? blastTimeline(victims, byId) : null,
      h('p', {}, h('a', { href: `/c/${c.provider}/${c.start}`, text: T.leadMore })));
  }

  async function refresh() {
    const [fresh, series, incidents, probed, official, causes] = await Promise.all([api(`/api/v1/services/${id}`),
      api(`/api/v1/services/${id}/reports?hours=24&bucket=15`), api(`/api/v1/incidents?service=${id}`), api(`/api/v1/services/${id}/probes`),
      api(`/api/v1/services/${id}/official`), api('/api/v1/causes?state=open')]);
    await renderLead(causes.body.causes);
    renderProbes(probed.body);
    renderOfficial(official.body, series.body);
    const e = fresh.body;
    const open = incidents.body.incidents.find(i => !i.end);
    headline.replaceChildren();
    const sinceText = e.statusSince ? clock.format(new Date(e.statusSince)) : '';
    const probeSince = probed.body.statusSince ? clock.format(new Date(probed.body.statusSince)) : '';
    // the crowd first; when nobody reports (3 a.m.) the probes still speak
    headline.textContent = e.status === 'problems' ? T.headlineProblems(name, sinceText)
      : e.status === 'suspected' ? T.headlineSuspected(name, sinceText)
      : e.status === 'recovering' ? T.headlineRecovering(name, sinceText)
      : e.probeStatus === 'down' ? T.headlineProbesDown(name, probeSince)
      : e.probeStatus === 'regional' ? T.headlineProbesRegional(name, probeSince)
      : e.official && (e.official.status === 'major_outage' || e.official.status === 'partial_outage')
        ? T.headlineOfficial(name, T.officialStates[e.official.status], e.official.since ? clock.format(new Date(e.official.since)) : '')
        : T.headlineOk(name);
    const probeTrouble = e.probeStatus === 'down' || e.probeStatus === 'regional';
    status.replaceChildren(...[e.status === 'ok' && probeTrouble ? null : badge(e.status), ' ',
      h('span', { text: T.reportsLastHour(e.reports.last60Minutes) }),
      // "is it just me?": the count next to what is usual for this hour (the last four quarters' expectation)
      series.body.baseline ? h('span', { class: 'typical', id: 'typical-hour',
        text: ` (${T.typicalHour(Math.round(series.body.baseline.slice(-4).reduce((a, b) => a + b, 0)))})` }) : null,
      open && !noReports(open) ? h('span', { text: ` · ${T.peak} ${fmt(open.peakPerMinute)}${T.perMinute}` }) : null,
      e.probeStatus ? h('span', { class: `probe-${e.probeStatus}`, id: 'probe-status', text: ` · ${T.probeLine(T.probeStates[e.probeStatus])}` }) : null,
      e.official ? h('span', { class: e.official.unreachableSince ? 'official-unknown' : `official-${e.official.status}`, id: 'official-status',
        text: ` · ${T.officialLine(e.official.unreachableSince ? T.officialUnknown(clock.format(new Date(e.official.unreachableSince)))
          : T.officialStates[e.official.status])}` }) : null]
      .filter(x => x !== null));
    await drawChart(range.hours === 24 && range.bucket === 15 ? series.body : null);
    // during an incident, what people report and where describe the incident, not the whole day
    const during = open && !noReports(open);
    const spread = during ? (await api(`/api/v1/services/${id}/reports?hours=${Math.min(168, Math.max(1,
      Math.ceil((Date.now() - new Date(open.start).getTime()) / 3600e3)))}&bucket=60`)).body : series.body;
    const sinceOpen = during ? clock.format(new Date(open.start)) : null;
    problemArea.replaceChildren(h('h2', { id: 'types-h', text: during ? T.problemTypesSince(sinceOpen) : T.problemTypes }),
      bars(spread.byProblem, p => PROBLEMS[p] || p));
    countryArea.replaceChildren(h('h2', { id: 'countries-h', text: during ? T.countriesSince(sinceOpen) : T.countries }),
      await countryMap(spread.byCountry), bars(spread.byCountry, countryName));
    historyArea.replaceChildren(h('h2', { id: 'history-h', text: T.history }),
      h('p', {}, h('a', { href: `/api/v1/incidents.atom?service=${id}`, id: 'feed-link', text: T.followFeed(name) })),
      incidents.body.incidents.length ? h('ul', { class: 'incident-list' }, incidents.body.incidents.slice(0, 20).map(i =>
        h('li', { class: i.end ? 'resolved' : 'ongoing' }, h('a', { href: incidentHref(i) }, h('span', { class: 'state', text: i.end ? T.resolved : T.ongoing })), ' · ',
          time(i.start, true), i.end ? ['–', time(i.end, true)] : null, ' · ',
          noReports(i) ? h('span', { text: officialOnly(i) ? T.foundOfficially : T.foundByProbes })
            : h('span', { text: `${T.peak} ${fmt(i.peakPerMinute)}${T.perMinute} (${fmt(Math.round(i.peakPerMinute / Math.max(i.baselinePerMinute, 0.5)))}${T.times})` }),
          i.countries.length ? h('span', { class: 'where', text: ` · ${i.countries.slice(0, 3).map(countryName).join(SEP)}` }) : null,
          i.duringMaintenance ? h('span', { class: 'maintenance', text: ` · ${T.duringMaintenance}` }) : null,
          i.official ? [' · ', acknowledgement(i)] : null,
          i.epicenter && i.epicenter.provider !== id ? h('span', { class: 'caused' }, ' · ', h('a', { href: `/s/${i.epicenter.provider}`, text: T.causedBy(nameOf(byId.get(i.epicenter.provider)) || i.epicenter.provider) })) : null)))
        : h('p', { text: T.noIncidents }));
    main.dataset.loaded = String(Date.now());
  }

  function depList(ids, withStatus) {
    if (!ids.length) return h('p', { text: T.nothing });
    return h('ul', { class: 'dep-list' }, ids.map(d => {
      const other = byId.get(d.id || d);
      return h('li', {}, h('a', { href: `/s/${d.id || d}`, text: nameOf(other) || d.id || d }),
        d.evidence === 'uncertain' ? h('span', { class: 'uncertain', text: ` (${T.uncertain})` }) : null,
        withStatus && other ? [' ', badge(other.status)] : null);
    }));
  }

  const dependents = entry.kind === 'provider' ? (await api(`/api/v1/providers/${id}/dependents`)).body.direct : entry.dependents;
  depsArea.replaceChildren(
    h('h2', { text: T.dependsOn }), depList(entry.dependsOn || [], false),
    h('h2', { text: entry.kind === 'provider' ? T.blastRadius : T.dependents }), depList(dependents.map(d => d.id || d), true));

  reportButton();
  await refresh();
  live(refresh);
}

// ---------- incident page ----------

function incidentHref(i) {
  return `/i/${i.service}/${i.start}`;
}

/** Draws a page now and again on every change, keeping the disclosures the visitor opened. */
async function livePage(main, draw) {
  const again = async () => {
    const open = [...main.querySelectorAll('details')].map(d => d.open);
    await draw();
    main.querySelectorAll('details').forEach((d, n) => { if (open[n]) d.open = true; });
  };
  await draw();
  live(again);
}

async function incident(main, key) {
  await livePage(main, () => incidentOnce(main, key));
}

async function causePage(main, key) {
  await livePage(main, () => causeOnce(main, key));
}

async function incidentOnce(main, key) {
  const [id, start] = key.split('/');
  const [one, list, all] = await Promise.all([api(`/api/v1/services/${id}`), api('/api/v1/incidents'), api('/api/v1/services')]);
  const i = list.body.incidents.find(x => x.service === id && x.start === start);
  if (one.status === 404 || !i) {
    main.replaceChildren(h('h1', { text: T.noSuchIncident }));
    return;
  }
  const byId = new Map(all.body.services.map(e => [e.id, e]));
  const name = nameOf(one.body);
  document.title = `${name} · ${T.incident} · Epicenter`;
  const from = new Date(i.start).getTime() - 30 * 60000;
  const to = i.end ? new Date(i.end).getTime() + 30 * 60000 : Date.now();
  const hours = Math.min(168, Math.ceil((Date.now() - from) / 3600000));
  const series = (await api(`/api/v1/services/${id}/reports?hours=${hours}`)).body;
  const first = new Date(series.from).getTime();
  const a = Math.max(0, Math.floor((from - first) / 60000));
  const b = Math.min(series.counts.length, Math.ceil((to - first) / 60000));
  const cut = arr => (arr ? arr.slice(a, b) : arr);
  const span = Object.assign({}, series, { counts: cut(series.counts), baseline: cut(series.baseline), upperBand: cut(series.upperBand),
    from: new Date(first + a * 60000).toISOString(), to: new Date(first + b * 60000).toISOString() });
  const overlaps = x => x !== i && new Date(x.start) < (i.end ? new Date(i.end) : new Date(8.64e15))
    && (!x.end || new Date(x.end) > new Date(i.start));
  const related = list.body.incidents.filter(overlaps);
  const providers = new Set((one.body.dependsOn || []).map(d => d.id));
  const cause = i.epicenter ? (await api('/api/v1/causes')).body.causes.find(c => c.provider === i.epicenter.provider
    && new Date(c.start) <= new Date(i.start) && (!c.end || new Date(c.end) >= new Date(i.start))) : null;
  main.replaceChildren(
    h('h1', { id: 'headline', text: T.incidentHeadline(name) }),
    h('p', { class: 'status-line', id: 'incident-state' }, h('span', { class: 'state', text: i.end ? T.resolved : i.phase === 'recovering' ? T.statusRecovering : T.ongoing }), ' · ', time(i.start, true),
      i.end ? ['–', time(i.end, true)] : null, ' · ', h('span', { text: `${T.confirmed} ` }), i.confirmed ? time(i.confirmed, true) : '–'),
    h('section', {}, h('h2', { text: T.timeline }), b > a ? chart(rebucket(span, [1, 5, 15, 60].find(k => (b - a) / k <= 180) || 60),
      Math.min(main.clientWidth || 720, 960)) : h('p', { text: T.tooOld })),
    h('section', {}, h('h2', { text: T.scope }),
      h('p', { text: `${i.scope === 'regional' ? T.regional : T.global}: ${i.countries.filter(c => c !== 'ZZ').slice(0, 8).map(countryName).join(SEP)}` })),
    i.epicenter ? h('section', { id: 'epicenter' }, h('h2', { text: T.likelyEpicenter }),
      h('p', {}, h('a', { href: cause ? `/c/${cause.provider}/${cause.start}` : `/s/${i.epicenter.provider}`, text: nameOf(byId.get(i.epicenter.provider)) || i.epicenter.provider }),
        ` (${T.confidence(Math.round(i.epicenter.confidence * 100))})`),
      cause ? engineers(cause.explanation) : null) : null,
    h('section', {}, h('h2', { text: T.evidence }),
      h('p', { id: 'signals', text: `${T.signals}: ${(i.signals || ['reports']).map(x => T.signalNames[x] || x).join(SEP)}` }),
      i.official ? h('p', { id: 'acknowledged' }, acknowledgement(i), safeHref(i.official.link) ? [' · ', h('a', { href: safeHref(i.official.link), rel: 'noopener', lang: 'en', dir: 'auto', text: i.official.title })] : null)
        : officialOnly(i) ? null : h('p', { id: 'acknowledged', class: 'muted', text: T.notAcknowledged }),
      i.duringMaintenance ? h('p', { class: 'maintenance', text: `${T.duringMaintenance}. ${T.maintenanceNote}` }) : null,
      noReports(i) ? h('p', { id: 'evidence', text: officialOnly(i) ? T.foundOfficially : T.foundByProbes })
        : h('p', { id: 'evidence', text: T.plainPeak(fmt(i.peakPerMinute), fmt(Math.round(i.peakPerMinute / Math.max(i.baselinePerMinute, 0.5))),
          fmt(Math.round(i.baselinePerMinute * 10) / 10)) }),
      engineers(i.evidence)),
    h('section', {}, h('h2', { text: T.problemsDuring }), bars(i.problems, p => PROBLEMS[p] || p)),
    h('section', {}, h('h2', { text: T.related }),
      related.length ? h('ul', { class: 'incident-list', id: 'related' }, related.map(x => h('li', {},
        h('a', { href: incidentHref(x), text: nameOf(byId.get(x.service)) || x.service }), ' · ', time(x.start, true),
        (byId.get(x.service)?.dependsOn || []).some(d => providers.has(d.id)) ? h('span', { class: 'shared', text: ` · ${T.sharedProvider}` }) : null)))
        : h('p', { text: T.noRelated })),
    h('p', {}, h('a', { href: `/api/v1/incidents/${id}/${i.start}/report?format=md`, id: 'incident-report', text: T.incidentReportLink }), ' · ',
      h('a', { href: `/s/${id}`, text: T.backTo(name) })));
  main.dataset.loaded = String(Date.now());
}

// ---------- cause page ----------

/** Minutes between the first and the last onset of these incidents. */
function onsetSpread(incidents) {
  const t = incidents.map(i => new Date(i.start).getTime());
  return t.length ? Math.round((Math.max(...t) - Math.min(...t)) / 60000) : 0;
}

/** The engine's own wording (tails, multiples, English), kept for engineers behind a disclosure. */
function engineers(text) {
  return text ? h('details', { class: 'engineers' }, h('summary', { text: T.engineers }), h('p', { class: 'muted', lang: 'en', dir: 'ltr', text })) : null;
}

async function causeOnce(main, key) {
  const [provider, start] = key.split('/');
  const [list, all, incidents] = await Promise.all([api('/api/v1/causes'), api('/api/v1/services'), api('/api/v1/incidents')]);
  // a cause's start moves earlier when a back-dated victim joins: the same cause still covers the linked start
  const c = list.body.causes.find(x => x.provider === provider && x.start === start)
    || list.body.causes.find(x => x.provider === provider && new Date(x.start) <= new Date(start) && (!x.end || new Date(x.end) >= new Date(start)));
  if (!c) {
    main.replaceChildren(h('h1', { text: T.noSuchCause }));
    return;
  }
  const byId = new Map(all.body.services.map(e => [e.id, e]));
  const name = nameOf(c) || provider;
  document.title = `${name} · Epicenter`;
  const victims = incidents.body.incidents.filter(i => i.epicenter && i.epicenter.provider === provider
    && new Date(i.start) >= new Date(c.start) && (!c.end || new Date(i.start) <= new Date(c.end)));
  main.replaceChildren(
    h('h1', { id: 'headline', text: T.causeHeadline(name) }),
    h('p', { class: 'status-line' }, h('span', { class: 'state', text: c.open ? T.ongoing : T.resolved }), ' · ', time(c.start, true),
      c.end ? ['–', time(c.end, true)] : null, ' · ', T.confidence(Math.round(c.confidence * 100)), ' · ', T.reportsCount(fmt(c.reports))),
    h('section', { id: 'blast' }, h('h2', { text: T.blast }), blastTimeline(victims, byId),
      h('ul', { class: 'incident-list' }, victims.map(i => h('li', { 'data-service': i.service, class: i.end ? 'resolved' : 'ongoing' },
        h('a', { href: incidentHref(i), text: nameOf(byId.get(i.service)) || i.service }), ' · ', time(i.start, true),
        i.end ? ['–', time(i.end, true)] : null,
        i.countries.length ? h('span', { class: 'where', text: ` · ${i.countries.filter(x => x !== 'ZZ').slice(0, 3).map(countryName).join(SEP)}` }) : null))),
      c.countries.length ? h('p', { text: `${T.affectedCountries}: ${c.countries.filter(x => x !== 'ZZ').map(countryName).join(SEP)}` }) : null),
    h('section', { id: 'why' }, h('h2', { text: T.whyThink }),
      h('p', { text: c.ownTrouble ? T.ownTrouble : T.noOwnTrouble }),
      h('p', { id: 'plain-cause', text: T.plainCause(c.dependents.length, name, onsetSpread(victims), c.chance <= 1e-3) }),
      engineers(c.explanation)),
    h('p', {}, h('a', { href: `/api/v1/causes/${provider}/${c.start}/report?format=md`, text: T.reportLink }), ' · ',
      h('a', { href: `/s/${provider}`, text: T.backTo(name) })));
  main.dataset.loaded = String(Date.now());
}

// ---------- start ----------

document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('skip').textContent = T.skip;
  document.getElementById('foot').textContent = T.footer;
  const loading = document.getElementById('loading');
  if (loading) loading.textContent = T.loading;
  const main = document.getElementById('main');
  const page = document.body.dataset.page;
  try {
    if (page === 'service') await service(main, document.body.dataset.id);
    else if (page === 'incident') await incident(main, document.body.dataset.id);
    else if (page === 'cause') await causePage(main, document.body.dataset.id);
    else if (page === 'missing') main.replaceChildren(h('h1', { text: T.missing }), h('p', {}, h('a', { href: '/', text: T.home })));
    else await home(main);
  } catch (e) {
    main.append(h('p', { class: 'error', role: 'alert', text: String(e.message || e) }));
    throw e;
  }
});
