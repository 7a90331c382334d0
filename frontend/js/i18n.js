// Every text of the map page, in one dictionary per language: nynorsk (default), bokmål, English.
// Elements carry data-i18n="key" (text), data-i18n-label / data-i18n-placeholder / data-i18n-title (attributes).

const nn = {
  subtitle: 'Ledige tomter for bustad og næring i Vest-Telemark og Sogn', plannerLink: 'For kommunane',
  loading: 'Lastar …', loadingPlots: 'Lastar tomter …',
  plotsShown: '{n} tomter', plotsOfTotal: '{n} av {total} tomter',
  language: 'Språk', search: 'Søk etter stad, tomt, gnr/bnr eller kommune', searchLabel: 'Søk',
  noSuggestions: 'Ingen treff', filterToggle: 'Filter og liste', close: 'Lukk',
  tabFilter: 'Finn tomt', tabResults: 'Treff', tabRegion: 'Regionen', tabLayers: 'Kartlag',
  municipality: 'Kommune', allMunicipalities: 'Alle kommunar', purpose: 'Formål', allPurposes: 'Alle formål',
  permanentResidence: 'Fast busetnad tillaten', availableOnly: 'Berre ledige',
  area: 'Areal (m²)', price: 'Pris (kr)', min: 'Frå', max: 'Til',
  infrastructure: 'Infrastruktur (må vere på plass)', road: 'Veg', water: 'Vatn', sewer: 'Avlaup', power: 'Straum', fibre: 'Fiber',
  distance: 'Avstand (km)', maxHubDistance: 'Maks. til næringshage', maxCentreDistance: 'Maks. til kommunesenter',
  noHazards: 'Utan fareområde (flaum, skred …)', resetFilters: 'Nullstill', sort: 'Sorter',
  sortDefault: 'Standard', sortPriceAsc: 'Pris, lågast først', sortPriceDesc: 'Pris, høgast først',
  sortAreaAsc: 'Areal, minst først', sortAreaDesc: 'Areal, størst først', sortHub: 'Nærast næringshage',
  sortCentre: 'Nærast kommunesenter', sortName: 'Namn',
  resultCount: '{n} tomter passar', noResults: 'Ingen tomter passar filteret.',
  housing: 'Bustad', leisure: 'Fritidsbustad', business: 'Næring', combined: 'Kombinert formål', other: 'Anna',
  available: 'Ledig', reserved: 'Reservert', sold: 'Seld', planned: 'Planlagd',
  legend: 'Teiknforklaring', legendPurpose: 'Formål', legendStatus: 'Status', legendPoints: 'Punkt', legendOverlays: 'Kartlag',
  businessHub: 'Næringshage', centre: 'Kommunesenter',
  background: 'Bakgrunnskart', bgTopo: 'Topografisk (Kartverket)', bgGrey: 'Gråtone (Kartverket)', bgNone: 'Ingen (fungerer utan nett)',
  bgOffline: 'Bakgrunnskartet er ikkje tilgjengeleg (utan nett?).',
  zones: 'Arealformål (reguleringsplanar)', hazards: 'Fareområde (hensynssoner)', plans: 'Planområde',
  boundaries: 'Kommunegrenser', points: 'Næringshagar og kommunesenter',
  sheetTitle: 'Tomt', sharePlot: 'Kopier lenkje', linkCopied: 'Lenkja er kopiert.', zoomTo: 'Zoom til tomta',
  facts: 'Fakta', areaLabel: 'Areal', priceLabel: 'Pris', fees: 'Gebyr og avgifter', tenure: 'Eigarform', sale: 'Sal', leasehold: 'Feste',
  groundRent: 'Feste, {v} kr/år', approx: 'om lag {v} kr', notGiven: 'Ikkje oppgjeve', status: 'Status',
  allowedUses: 'Tillaten bruk', yes: 'Ja', no: 'Nei', infraPlanned: 'planlagt',
  hazardsLabel: 'Fareområde', noHazardsKnown: 'Ingen kjende', plan: 'Plan', nearestHub: 'Næraste næringshage',
  nearestCentre: 'Næraste kommunesenter', contact: 'Kontakt', description: 'Om tomta', matrikkel: 'Gnr/bnr',
  buildReady: 'Byggjeklar', allocation: 'Tildeling', first_come: 'Først til mølla', lottery: 'Loddtrekning', waiting_list: 'Venteliste',
  buildingDeadline: 'Byggjefrist', years: '{v} år', residenceObligation: 'Buplikt', incentives: 'Tilskot og rabattar',
  fee_survey: 'Oppmåling', fee_document: 'Dokumentavgift', fee_water: 'Tilknyting vatn', fee_sewer: 'Tilknyting avlaup', fee_development: 'Opparbeiding',
  bustad: 'bustad', fritidsbustad: 'fritidsbustad', naering: 'næring', kontor: 'kontor', industri: 'industri', lager: 'lager',
  forretning: 'forretning', tenesteyting: 'tenesteyting',
  enquiry: 'Send førespurnad', enquiryIntro: 'Kommunen svarar deg på e-post. Førespurnaden er ikkje offentleg.',
  name: 'Namn', email: 'E-post', phone: 'Telefon (valfritt)', message: 'Melding', send: 'Send',
  required: 'Må fyllast ut.', invalidEmail: 'Skriv ei gyldig e-postadresse.',
  enquirySent: 'Takk! Førespurnaden er motteken ({t}).', enquiryTooMany: 'For mange førespurnader. Prøv igjen om litt.',
  enquiryUnavailable: 'Førespurnad via nettsida er ikkje tilgjengeleg enno. Kontakt kommunen direkte.',
  enquiryFailed: 'Førespurnaden vart ikkje send: {m}',
  regionTitle: 'Ledig areal per kommune og formål', regionTotal: 'Totalt: {area} ledig på {n} tomter',
  regionRow: '{name}: {area} på {n} tomter', regionSource: 'Rekna frå publiserte, ledige tomter.',
  error: 'Feil', unexpected: 'Uventa feil: {m}', boundariesError: 'Kommunegrenser: {m}',
  sampleNotice: 'Illustrerande eksempeldata', mapLabel: 'Kart over tomter', plotUnnamed: 'Tomt utan namn',
  openPlot: 'Opne tomta {name}', km: '{v} km', m: '{v} m', perM2: '{v} kr/m²', kr: '{v} kr',
};

const nb = {
  ...nn,
  subtitle: 'Ledige tomter for bolig og næring i Vest-Telemark og Sogn', plannerLink: 'For kommunene',
  loading: 'Laster …', loadingPlots: 'Laster tomter …', language: 'Språk',
  search: 'Søk etter sted, tomt, gnr/bnr eller kommune', noSuggestions: 'Ingen treff',
  municipality: 'Kommune', allMunicipalities: 'Alle kommuner', purpose: 'Formål', allPurposes: 'Alle formål',
  permanentResidence: 'Fast bosetting tillatt', availableOnly: 'Bare ledige', price: 'Pris (kr)',
  infrastructure: 'Infrastruktur (må være på plass)', road: 'Vei', water: 'Vann', sewer: 'Avløp', power: 'Strøm',
  maxHubDistance: 'Maks. til næringshage', maxCentreDistance: 'Maks. til kommunesenter',
  noHazards: 'Uten fareområde (flom, skred …)', resetFilters: 'Nullstill', sort: 'Sorter',
  sortPriceAsc: 'Pris, lavest først', sortPriceDesc: 'Pris, høyest først', sortHub: 'Nærmest næringshage',
  sortCentre: 'Nærmest kommunesenter', sortName: 'Navn', resultCount: '{n} tomter passer', noResults: 'Ingen tomter passer filteret.',
  housing: 'Bolig', leisure: 'Fritidsbolig', combined: 'Kombinert formål', other: 'Annet', sold: 'Solgt', planned: 'Planlagt',
  legend: 'Tegnforklaring', legendPoints: 'Punkter', background: 'Bakgrunnskart', bgGrey: 'Gråtone (Kartverket)',
  bgNone: 'Ingen (virker uten nett)', bgOffline: 'Bakgrunnskartet er ikke tilgjengelig (uten nett?).',
  zones: 'Arealformål (reguleringsplaner)', plans: 'Planområder', points: 'Næringshager og kommunesentre',
  sharePlot: 'Kopier lenke', linkCopied: 'Lenken er kopiert.', zoomTo: 'Zoom til tomten',
  tenure: 'Eierform', groundRent: 'Feste, {v} kr/år', notGiven: 'Ikke oppgitt', allowedUses: 'Tillatt bruk',
  hazardsLabel: 'Fareområder', noHazardsKnown: 'Ingen kjente', nearestHub: 'Nærmeste næringshage',
  nearestCentre: 'Nærmeste kommunesenter', description: 'Om tomten', buildReady: 'Byggeklar', buildingDeadline: 'Byggefrist',
  residenceObligation: 'Boplikt', incentives: 'Tilskudd og rabatter', fee_survey: 'Oppmåling', fee_water: 'Tilknytning vann',
  fee_sewer: 'Tilknytning avløp', bustad: 'bolig', fritidsbustad: 'fritidsbolig', tenesteyting: 'tjenesteyting',
  enquiry: 'Send forespørsel', enquiryIntro: 'Kommunen svarer deg på e-post. Forespørselen er ikke offentlig.',
  name: 'Navn', phone: 'Telefon (valgfritt)', required: 'Må fylles ut.', invalidEmail: 'Skriv en gyldig e-postadresse.',
  enquirySent: 'Takk! Forespørselen er mottatt ({t}).', enquiryTooMany: 'For mange forespørsler. Prøv igjen om litt.',
  enquiryUnavailable: 'Forespørsel via nettsiden er ikke tilgjengelig ennå. Kontakt kommunen direkte.',
  enquiryFailed: 'Forespørselen ble ikke sendt: {m}',
  regionTitle: 'Ledig areal per kommune og formål', regionSource: 'Regnet fra publiserte, ledige tomter.',
  unexpected: 'Uventet feil: {m}', boundariesError: 'Kommunegrenser: {m}', sampleNotice: 'Illustrerende eksempeldata',
  plotUnnamed: 'Tomt uten navn', openPlot: 'Åpne tomten {name}', lottery: 'Loddtrekning', first_come: 'Først til mølla',
  filterToggle: 'Filter og liste', tabResults: 'Treff', tabLayers: 'Kartlag',
};

const en = {
  subtitle: 'Available building land for homes and businesses in Vest-Telemark and Sogn', plannerLink: 'For municipalities',
  loading: 'Loading …', loadingPlots: 'Loading plots …', plotsShown: '{n} plots', plotsOfTotal: '{n} of {total} plots',
  language: 'Language', search: 'Search for a place, plot, gnr/bnr or municipality', searchLabel: 'Search',
  noSuggestions: 'No matches', filterToggle: 'Filters and list', close: 'Close',
  tabFilter: 'Find land', tabResults: 'Results', tabRegion: 'Region', tabLayers: 'Map layers',
  municipality: 'Municipality', allMunicipalities: 'All municipalities', purpose: 'Purpose', allPurposes: 'All purposes',
  permanentResidence: 'Permanent residence allowed', availableOnly: 'Available only',
  area: 'Area (m²)', price: 'Price (NOK)', min: 'From', max: 'To',
  infrastructure: 'Infrastructure (must be in place)', road: 'Road', water: 'Water', sewer: 'Sewer', power: 'Power', fibre: 'Fibre',
  distance: 'Distance (km)', maxHubDistance: 'Max. to a business hub', maxCentreDistance: 'Max. to a municipal centre',
  noHazards: 'Outside hazard zones (flood, landslide …)', resetFilters: 'Reset', sort: 'Sort',
  sortDefault: 'Default', sortPriceAsc: 'Price, lowest first', sortPriceDesc: 'Price, highest first',
  sortAreaAsc: 'Area, smallest first', sortAreaDesc: 'Area, largest first', sortHub: 'Nearest business hub',
  sortCentre: 'Nearest municipal centre', sortName: 'Name',
  resultCount: '{n} plots match', noResults: 'No plots match the filter.',
  housing: 'Housing', leisure: 'Leisure home', business: 'Business', combined: 'Combined use', other: 'Other',
  available: 'Available', reserved: 'Reserved', sold: 'Sold', planned: 'Planned',
  legend: 'Legend', legendPurpose: 'Purpose', legendStatus: 'Status', legendPoints: 'Points', legendOverlays: 'Layers',
  businessHub: 'Business hub (næringshage)', centre: 'Municipal centre',
  background: 'Background map', bgTopo: 'Topographic (Kartverket)', bgGrey: 'Greyscale (Kartverket)', bgNone: 'None (works offline)',
  bgOffline: 'The background map is not available (offline?).',
  zones: 'Land use (zoning plans)', hazards: 'Hazard zones', plans: 'Plan areas',
  boundaries: 'Municipal boundaries', points: 'Business hubs and municipal centres',
  sheetTitle: 'Plot', sharePlot: 'Copy link', linkCopied: 'Link copied.', zoomTo: 'Zoom to plot',
  facts: 'Facts', areaLabel: 'Area', priceLabel: 'Price', fees: 'Fees and charges', tenure: 'Tenure', sale: 'Sale', leasehold: 'Leasehold (feste)',
  groundRent: 'Leasehold, NOK {v}/year', approx: 'about NOK {v}', notGiven: 'Not given', status: 'Status',
  allowedUses: 'Allowed uses', yes: 'Yes', no: 'No', infraPlanned: 'planned',
  hazardsLabel: 'Hazard zones', noHazardsKnown: 'None known', plan: 'Plan', nearestHub: 'Nearest business hub',
  nearestCentre: 'Nearest municipal centre', contact: 'Contact', description: 'About the plot', matrikkel: 'Gnr/bnr',
  buildReady: 'Build-ready', allocation: 'Allocation', first_come: 'First come, first served', lottery: 'Lottery', waiting_list: 'Waiting list',
  buildingDeadline: 'Building deadline', years: '{v} years', residenceObligation: 'Residence obligation', incentives: 'Grants and discounts',
  fee_survey: 'Surveying', fee_document: 'Document duty', fee_water: 'Water connection', fee_sewer: 'Sewer connection', fee_development: 'Site development',
  bustad: 'homes', fritidsbustad: 'leisure homes', naering: 'business', kontor: 'offices', industri: 'industry', lager: 'storage',
  forretning: 'retail', tenesteyting: 'public services',
  enquiry: 'Send enquiry', enquiryIntro: 'The municipality answers by e-mail. Your enquiry is not public.',
  name: 'Name', email: 'E-mail', phone: 'Phone (optional)', message: 'Message', send: 'Send',
  required: 'Required.', invalidEmail: 'Enter a valid e-mail address.',
  enquirySent: 'Thank you! Your enquiry was received ({t}).', enquiryTooMany: 'Too many enquiries. Please try again later.',
  enquiryUnavailable: 'Enquiries through the website are not available yet. Please contact the municipality directly.',
  enquiryFailed: 'The enquiry was not sent: {m}',
  regionTitle: 'Available land per municipality and purpose', regionTotal: 'Total: {area} available on {n} plots',
  regionRow: '{name}: {area} on {n} plots', regionSource: 'Computed from published, available plots.',
  error: 'Error', unexpected: 'Unexpected error: {m}', boundariesError: 'Municipal boundaries: {m}',
  sampleNotice: 'Illustrative sample data', mapLabel: 'Map of plots', plotUnnamed: 'Unnamed plot',
  openPlot: 'Open plot {name}', km: '{v} km', m: '{v} m', perM2: 'NOK {v}/m²', kr: 'NOK {v}',
};

export const LANGUAGES = { nn: { label: 'Nynorsk', locale: 'nn-NO', dict: nn }, nb: { label: 'Bokmål', locale: 'nb-NO', dict: nb },
  en: { label: 'English', locale: 'en-GB', dict: en } };

let current = 'nn';

export function setLanguage(lang) {
  current = LANGUAGES[lang] ? lang : 'nn';
  document.documentElement.lang = current;
  applyTranslations(document);
  return current;
}

export const language = () => current;

/**
 * Adds texts to the dictionaries, e.g. a page's own: {nn: {...}, nb: {...}, en: {...}}. Keys already defined keep
 * their text, so a page cannot silently change the map page's wording.
 */
export function addTexts(texts) {
  for (const [lang, dict] of Object.entries(texts)) {
    const target = LANGUAGES[lang]?.dict;
    if (!target) {
      throw new Error(`unknown language ${lang}`);
    }
    for (const [key, text] of Object.entries(dict)) {
      if (!(key in target)) {
        target[key] = text;
      }
    }
  }
}

/** The text of `key` in the current language, with {name} placeholders filled in. */
export function t(key, vars = {}) {
  const text = LANGUAGES[current].dict[key] ?? nn[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (vars[name] !== undefined ? String(vars[name]) : m));
}

export function applyTranslations(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const [attr, data] of [['aria-label', 'i18nLabel'], ['placeholder', 'i18nPlaceholder'], ['title', 'i18nTitle']]) {
    for (const node of root.querySelectorAll(`[data-${data.replace('i18n', 'i18n-').toLowerCase()}]`)) {
      node.setAttribute(attr, t(node.dataset[data]));
    }
  }
}

// Chromium's ICU often lacks nn; nb formats numbers the same way (1 234 567,5).
function locales() {
  return current === 'en' ? ['en-GB'] : ['nn-NO', 'nb-NO'];
}

export function formatNumber(v, digits = 0) {
  return new Intl.NumberFormat(locales(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
}

export function formatDistance(m) {
  if (m === null || m === undefined) {
    return null;
  }
  return m < 1000 ? t('m', { v: formatNumber(m) }) : t('km', { v: formatNumber(m / 1000, 1) });
}

export function formatArea(m2) {
  return m2 >= 100000 ? `${formatNumber(m2 / 1000, 0)} daa` : `${formatNumber(m2)} m²`;
}
