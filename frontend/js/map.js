// The map page: municipality outlines, published plots coloured by purpose, næringshagar and kommunesenter.
// No background tiles: the page must work offline, so land is the municipalities' own fill on a light sea colour.
// Feature properties are always written with textContent (STYLE.md 2.9), never as HTML.

import * as L from '../webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { fetchBusinessHubs, fetchMunicipalities, fetchPlaces, fetchPlots } from './api.js';

const PLOT_LIMIT = 1000;
/** Below this zoom a plot is a few pixels wide, so each also gets a marker at its centre to be seen and clicked. */
const MARKER_MAX_ZOOM = 14;
const BOUNDARY_ATTRIBUTION = 'Kommunegrenser © Kartverket, CC BY 4.0';
const SAMPLE_NOTICE = 'Illustrerande eksempeldata (illustrative sample data)';

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
const PURPOSES = {
  housing: { label: 'Bustad', color: '#0072B2' },
  leisure: { label: 'Fritidsbustad', color: '#009E73' },
  business: { label: 'Næring', color: '#D55E00' },
  combined: { label: 'Kombinert formål', color: '#CC79A7' },
};
const OTHER_PURPOSE = { label: 'Anna', color: '#666666' };

const AVAILABILITY = {
  available: { label: 'Ledig', fillOpacity: 0.65, opacity: 1, dashArray: null },
  reserved: { label: 'Reservert', fillOpacity: 0.3, opacity: 0.9, dashArray: '5 4' },
  sold: { label: 'Seld', fillOpacity: 0.12, opacity: 0.75, dashArray: '2 4' },
  planned: { label: 'Planlagd', fillOpacity: 0.25, opacity: 0.9, dashArray: '8 3 2 3' },
};

const HUB_STYLE = { radius: 8.5, color: '#1b1b1b', weight: 2, fillColor: '#F0E442', fillOpacity: 1, pane: 'points' };
const CENTRE_STYLE = {
  radius: 3.5, color: '#ffffff', weight: 1.5, fillColor: '#1b1b1b', fillOpacity: 1, pane: 'points',
};

// Chromium's ICU often lacks nn; nb formats numbers the same way (1 234 567,5).
const LOCALES = ['nn-NO', 'nb-NO'];
const numberFormat = new Intl.NumberFormat(LOCALES, { maximumFractionDigits: 0 });
const kmFormat = new Intl.NumberFormat(LOCALES, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** What tests and curious developers can read: how many plots were drawn, and whether loading is done. */
const state = { ready: false, plotCount: 0, plotsMatched: 0, errors: [] };
window.arealbank = state;

const statusEl = document.getElementById('status');
const messageEl = document.getElementById('message');

const map = L.map('map', {
  attributionControl: false,
  zoomSnap: 0.25,
  minZoom: 5,
  maxZoom: 18,
  center: [60.3, 7.8],
  zoom: 7,
});
// The map's box changes with the header's wrapping and the window; Leaflet only tracks the window.
new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
map.createPane('municipalities').style.zIndex = 350;
map.createPane('points').style.zIndex = 380; // above the outlines, below the plots (overlayPane, 400)

const pointLayer = L.featureGroup().addTo(map);

function purposeOf(p) {
  return PURPOSES[p.purpose] || OTHER_PURPOSE;
}

function availabilityOf(p) {
  return AVAILABILITY[p.availability] || AVAILABILITY.available;
}

function plotStyle(p) {
  const purpose = purposeOf(p);
  const availability = availabilityOf(p);
  return {
    color: purpose.color,
    weight: 2,
    opacity: availability.opacity,
    dashArray: availability.dashArray,
    fillColor: purpose.color,
    fillOpacity: availability.fillOpacity,
    className: `plot plot-shape plot-${p.availability}`,
  };
}

function markerStyle(p) {
  const purpose = purposeOf(p);
  const availability = availabilityOf(p);
  const available = p.availability === 'available';
  return {
    radius: 6,
    color: available ? '#ffffff' : purpose.color,
    weight: available ? 1.5 : 2,
    opacity: 1,
    dashArray: available ? null : availability.dashArray,
    fillColor: purpose.color,
    fillOpacity: available ? 0.95 : availability.fillOpacity + 0.15,
    className: `plot plot-marker plot-${p.availability}`,
  };
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

function formatDistance(m) {
  if (m === null || m === undefined) {
    return null;
  }
  return m < 1000 ? `${numberFormat.format(m)} m` : `${kmFormat.format(m / 1000)} km`;
}

function formatPrice(p) {
  if (p.priceTotal !== null && p.priceTotal !== undefined) {
    return `${numberFormat.format(p.priceTotal)} kr`;
  }
  if (p.pricePerM2 !== null && p.pricePerM2 !== undefined) {
    const perM2 = `${numberFormat.format(p.pricePerM2)} kr/m²`;
    return p.effectivePrice ? `${perM2} (om lag ${numberFormat.format(p.effectivePrice)} kr)` : perM2;
  }
  if (p.groundRentYearly !== null && p.groundRentYearly !== undefined) {
    return `Feste, ${numberFormat.format(p.groundRentYearly)} kr/år`;
  }
  return 'Ikkje oppgjeve';
}

function popupContent(feature, layer) {
  const p = feature.properties || {};
  const root = el('div', 'plot-popup');
  root.dataset.testid = 'plot-popup';
  root.append(el('h2', 'plot-popup-title', p.name || 'Tomt utan namn'));

  const rows = [
    ['Kommune', p.municipalityName || p.municipalityNumber],
    ['Formål', purposeOf(p).label],
    ['Areal', p.areaM2 !== null && p.areaM2 !== undefined ? `${numberFormat.format(p.areaM2)} m²` : null],
    ['Pris', formatPrice(p)],
    ['Status', availabilityOf(p).label],
    ['Fast busetnad tillaten', p.permanentResidenceAllowed ? 'Ja' : 'Nei'],
  ];
  if (p.nearestBusinessHub) {
    rows.push(['Næraste næringshage',
      `${p.nearestBusinessHub.name}, ${formatDistance(p.nearestBusinessHub.distanceM)}`]);
  }
  const list = el('dl');
  for (const [term, value] of rows) {
    if (value !== null && value !== undefined) {
      list.append(el('dt', null, term), el('dd', null, value));
    }
  }
  root.append(list);

  const zoom = el('button', 'plot-popup-zoom', 'Zoom til tomta');
  zoom.type = 'button';
  zoom.addEventListener('click', () => map.fitBounds(layer.getBounds(), { maxZoom: 17, padding: [40, 40] }));
  root.append(zoom);
  return root;
}

const municipalityLayer = L.geoJSON(null, {
  pane: 'municipalities',
  interactive: false,
  style: { color: '#4d5a66', weight: 1.2, opacity: 0.9, fillColor: '#fbfaf5', fillOpacity: 1 },
  onEachFeature: (feature, layer) => {
    const name = feature.properties?.name;
    if (name) {
      layer.bindTooltip(el('span', null, name), {
        permanent: true, direction: 'center', className: 'municipality-label', interactive: false,
      });
    }
  },
}).addTo(map);

const plotMarkers = L.featureGroup();
const plotShapes = L.geoJSON(null, {
  style: (feature) => plotStyle(feature.properties || {}),
  onEachFeature: (feature, layer) => {
    const p = feature.properties || {};
    const marker = L.circleMarker(layer.getBounds().getCenter(), markerStyle(p));
    for (const shape of [layer, marker]) {
      shape.bindPopup(() => popupContent(feature, layer), { maxWidth: 320, minWidth: 240 });
      // lets tests (and developers) find a plot's SVG element
      shape.on('add', () => shape.getElement()?.setAttribute('data-plot-id', String(p.id)));
    }
    plotMarkers.addLayer(marker);
  },
}).addTo(map);

function drawMunicipalities(collection) {
  municipalityLayer.addData(collection);
  setAttribution(typeof collection.attribution === 'string' ? collection.attribution : BOUNDARY_ATTRIBUTION);
}

function drawPlots(collection) {
  plotShapes.addData(collection);
  state.plotCount = plotShapes.getLayers().length;
  state.plotsMatched = collection.numberMatched ?? state.plotCount;
  updateMarkerVisibility();
}

function drawPoints(hubs, places) {
  // hubs first: most sit in a centre, and the small centre dot on top keeps both visible
  for (const f of hubs?.features || []) {
    pointMarker(f, HUB_STYLE, 'business-hub', `Næringshage: ${f.properties.name}`);
  }
  for (const f of places?.features || []) {
    if (f.properties.kind === 'kommunesenter') {
      pointMarker(f, CENTRE_STYLE, 'centre', `Kommunesenter: ${f.properties.name}`);
    }
  }
}

function pointMarker(feature, style, className, label) {
  const [lon, lat] = feature.geometry.coordinates;
  L.circleMarker([lat, lon], { ...style, className })
    .bindTooltip(el('span', null, label))
    .addTo(pointLayer);
}

function updateMarkerVisibility() {
  const wanted = map.getZoom() < MARKER_MAX_ZOOM;
  if (wanted && !map.hasLayer(plotMarkers)) {
    plotMarkers.addTo(map);
  } else if (!wanted && map.hasLayer(plotMarkers)) {
    map.removeLayer(plotMarkers);
  }
}
map.on('zoomend', updateMarkerVisibility);

// The view lives in the URL (#zoom/lat/lon, as on openstreetmap.org), so a view can be shared and reloaded.
function viewFromHash() {
  const m = /^#(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(window.location.hash);
  if (!m) {
    return null;
  }
  const [zoom, lat, lon] = m.slice(1).map(Number);
  const valid = zoom >= map.getMinZoom() && zoom <= map.getMaxZoom() && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return valid ? { center: [lat, lon], zoom } : null;
}

function writeHash() {
  const c = map.getCenter();
  const hash = `#${Number(map.getZoom().toFixed(2))}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`;
  if (hash !== window.location.hash) {
    window.history.replaceState(null, '', hash);
  }
}

window.addEventListener('hashchange', () => {
  const view = viewFromHash();
  if (view) {
    map.setView(view.center, view.zoom);
  }
});

function showError(message) {
  state.errors.push(message);
  const item = el('p', null, message);
  messageEl.append(item);
  messageEl.hidden = false;
}

function setStatus(text) {
  statusEl.textContent = text;
}

// Attribution as plain text (Leaflet's own control writes HTML).
const attributionText = el('span', null, BOUNDARY_ATTRIBUTION);
const AttributionControl = L.Control.extend({
  options: { position: 'bottomright' },
  onAdd() {
    const box = el('div', 'leaflet-control-attribution map-attribution');
    const leaflet = el('a', null, 'Leaflet');
    leaflet.href = 'https://leafletjs.com';
    leaflet.rel = 'noopener';
    box.append(attributionText, el('span', 'sep', ' · '), el('span', null, SAMPLE_NOTICE),
      el('span', 'sep', ' · '), leaflet);
    L.DomEvent.disableClickPropagation(box);
    return box;
  },
});
function setAttribution(text) {
  attributionText.textContent = text;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A small SVG sample of a style, so the legend shows exactly the dash and opacity the map uses. */
function swatch(style) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '18');
  svg.setAttribute('aria-hidden', 'true');
  const shape = document.createElementNS(SVG_NS, style.radius ? 'circle' : 'rect');
  if (style.radius) {
    shape.setAttribute('cx', '11');
    shape.setAttribute('cy', '9');
    shape.setAttribute('r', String(style.radius));
  } else {
    shape.setAttribute('x', '2');
    shape.setAttribute('y', '3');
    shape.setAttribute('width', '18');
    shape.setAttribute('height', '12');
    shape.setAttribute('rx', '1.5');
  }
  shape.setAttribute('fill', style.fillColor);
  shape.setAttribute('fill-opacity', String(style.fillOpacity));
  shape.setAttribute('stroke', style.color);
  shape.setAttribute('stroke-width', String(style.weight));
  shape.setAttribute('stroke-opacity', String(style.opacity ?? 1));
  if (style.dashArray) {
    shape.setAttribute('stroke-dasharray', style.dashArray);
  }
  svg.append(shape);
  return svg;
}

function legendItem(style, label) {
  const li = el('li');
  li.append(swatch(style), el('span', null, label));
  return li;
}

const LegendControl = L.Control.extend({
  options: { position: 'topright' },
  onAdd() {
    const box = el('section', 'legend leaflet-bar');
    box.id = 'legend';
    box.setAttribute('aria-label', 'Teiknforklaring');
    const purposes = el('ul');
    for (const [key, purpose] of Object.entries(PURPOSES)) {
      purposes.append(legendItem(plotStyle({ purpose: key, availability: 'available' }), purpose.label));
    }
    const statuses = el('ul');
    for (const [key, availability] of Object.entries(AVAILABILITY)) {
      const style = { ...plotStyle({ purpose: 'none', availability: key }), color: '#4d5a66', fillColor: '#4d5a66' };
      statuses.append(legendItem(style, availability.label));
    }
    const points = el('ul');
    points.append(legendItem(HUB_STYLE, 'Næringshage'), legendItem(CENTRE_STYLE, 'Kommunesenter'));
    box.append(el('h2', null, 'Formål'), purposes, el('h2', null, 'Status'), statuses,
      el('h2', null, 'Punkt'), points);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  },
});

new LegendControl().addTo(map);
new AttributionControl().addTo(map);
L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);

async function load() {
  setStatus('Lastar tomter …');
  document.body.dataset.state = 'loading';
  const [municipalities, plots, hubs, places] = await Promise.allSettled([
    fetchMunicipalities(), fetchPlots({ limit: PLOT_LIMIT }), fetchBusinessHubs(), fetchPlaces(),
  ]);

  if (municipalities.status === 'fulfilled') {
    drawMunicipalities(municipalities.value);
  } else {
    showError(`Kommunegrenser: ${municipalities.reason.message}`);
  }
  drawPoints(hubs.status === 'fulfilled' ? hubs.value : null, places.status === 'fulfilled' ? places.value : null);
  for (const [what, result] of [['Næringshagar', hubs], ['Stader', places]]) {
    if (result.status === 'rejected') {
      showError(`${what}: ${result.reason.message}`);
    }
  }

  if (plots.status === 'fulfilled') {
    drawPlots(plots.value);
    const shown = state.plotCount;
    const word = shown === 1 ? 'tomt' : 'tomter';
    setStatus(state.plotsMatched > shown
      ? `${numberFormat.format(shown)} av ${numberFormat.format(state.plotsMatched)} tomter`
      : `${numberFormat.format(shown)} ${word}`);
  } else {
    setStatus('Tomtene kunne ikkje lastast');
    showError(`Tomter: ${plots.reason.message}`);
  }

  const view = viewFromHash();
  const bounds = municipalityLayer.getLayers().length ? municipalityLayer.getBounds() : plotShapes.getBounds();
  if (view) {
    map.setView(view.center, view.zoom);
  } else if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [16, 16] });
  }
  map.on('moveend', writeHash);
  state.ready = true;
  document.body.dataset.state = state.errors.length ? 'error' : 'ready';
}

load().catch((e) => {
  showError(`Uventa feil: ${e.message}`);
  state.ready = true;
  document.body.dataset.state = 'error';
});
