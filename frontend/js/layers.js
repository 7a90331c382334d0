// Map layers and their styles: one place for the colours, so the legend always matches the map.
// Plots come as vector tiles (Leaflet.VectorGrid, SVG per tile) from /tiles/plots; when the plugin is missing the
// server's PNG tiles stand in. Zones, hazards and plans are the server's PNG tiles (styled the same way).

import { endpointUrl, endpoints } from './api.js';
import { t } from './i18n.js';

const L = window.L;
// Leaflet.VectorGrid 1.3.0 calls DomEvent.fakeStop, which Leaflet 1.8 removed; this is what it did.
if (L.DomEvent && !L.DomEvent.fakeStop) {
  L.DomEvent.fakeStop = (e) => { e._stopped = true; };
}

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
export const PURPOSE_COLORS = { housing: '#0072B2', leisure: '#009E73', business: '#D55E00', combined: '#CC79A7' };
export const OTHER_COLOR = '#666666';

/** Availability is shown by the outline's dash and the fill's strength, so it reads without colour. */
export const AVAILABILITY = {
  available: { fillOpacity: 0.65, opacity: 1, dashArray: null, weight: 2 },
  reserved: { fillOpacity: 0.3, opacity: 0.95, dashArray: '5 4', weight: 2 },
  sold: { fillOpacity: 0.1, opacity: 0.8, dashArray: '2 4', weight: 2 },
  planned: { fillOpacity: 0.25, opacity: 0.95, dashArray: '8 3 2 3', weight: 2 },
};

export const HUB_STYLE = { radius: 8.5, color: '#1b1b1b', weight: 2, fillColor: '#F0E442', fillOpacity: 1 };
export const CENTRE_STYLE = { radius: 4, color: '#ffffff', weight: 1.5, fillColor: '#1b1b1b', fillOpacity: 1 };
export const HIDDEN = { stroke: false, fill: false, interactive: false, weight: 0, fillOpacity: 0, opacity: 0 };

export const purposeColor = (purpose) => PURPOSE_COLORS[purpose] || OTHER_COLOR;
const availabilityOf = (a) => AVAILABILITY[a] || AVAILABILITY.available;

export function plotStyle(p) {
  const color = purposeColor(p.purpose);
  const a = availabilityOf(p.availability);
  return {
    color, fillColor: color, fill: true, stroke: true, weight: a.weight, opacity: a.opacity,
    dashArray: a.dashArray, fillOpacity: a.fillOpacity, className: `plot-tile plot-${p.availability}`,
  };
}

export function markerStyle(p) {
  const color = purposeColor(p.purpose);
  const a = availabilityOf(p.availability);
  const available = p.availability === 'available';
  return {
    radius: 6, color: available ? '#ffffff' : color, weight: available ? 1.5 : 2, opacity: 1,
    dashArray: available ? null : a.dashArray, fillColor: color, fillOpacity: available ? 0.95 : a.fillOpacity + 0.2,
    className: `plot plot-marker plot-${p.availability}`,
  };
}

/** Plots from the vector tiles; `onClick(id)` opens a plot. Returns {layer, setVisible(ids|null)}. */
export function plotTileLayer(onClick) {
  const layer = L.vectorGrid.protobuf(endpointUrl(endpoints.plotTiles), {
    rendererFactory: L.svg.tile,
    pane: 'plots',
    interactive: true,
    minZoom: 8,
    maxZoom: 20,
    maxNativeZoom: 20,
    getFeatureId: (f) => f.properties.id,
    vectorTileLayerStyles: { plots: (properties) => plotStyle(properties) },
  });
  layer.on('click', (e) => {
    const id = e.layer?.properties?.id;
    if (id !== undefined) {
      onClick(id);
    }
  });
  let hidden = new Set();
  return {
    layer,
    /** Hides every plot not in `visible` (a Set of ids); `all` lists every known id. */
    setVisible(visible, all) {
      const next = new Set(visible ? all.filter((id) => !visible.has(id)) : []);
      for (const id of hidden) {
        if (!next.has(id)) {
          layer.resetFeatureStyle(id);
        }
      }
      for (const id of next) {
        if (!hidden.has(id)) {
          layer.setFeatureStyle(id, HIDDEN);
        }
      }
      hidden = next;
    },
  };
}

const OVERLAY_ZOOMS = { zones: 10, hazards: 10, plans: 8 };

export function overlayLayer(name) {
  return L.tileLayer(endpointUrl(endpoints.overlayTiles, { layer: name }), {
    minZoom: OVERLAY_ZOOMS[name] || 8, maxZoom: 20, pane: name === 'plans' ? 'plans' : 'overlays', opacity: 0.75,
  });
}

// Kartverket's open WMTS (cache.kartverket.no), Web Mercator.
const KARTVERKET = 'https://cache.kartverket.no/v1/wmts/1.0.0/{layer}/default/webmercator/{z}/{y}/{x}.png';
export const BACKGROUNDS = { topo: 'topo', grey: 'topograatone' };
export const BACKGROUND_ATTRIBUTION = '© Kartverket';

export function backgroundLayer(kind) {
  return L.tileLayer(KARTVERKET.replace('{layer}', BACKGROUNDS[kind]), { maxZoom: 20, maxNativeZoom: 18, pane: 'tilePane' });
}

/** Whether Kartverket answers, from one small tile with a time limit; offline the page keeps its own land fill. */
export function probeBackground(timeoutMs = 4000) {
  return new Promise((resolve) => {
    const img = new Image();
    const timer = setTimeout(() => { img.src = ''; resolve(false); }, timeoutMs);
    img.onload = () => { clearTimeout(timer); resolve(true); };
    img.onerror = () => { clearTimeout(timer); resolve(false); };
    img.src = KARTVERKET.replace('{layer}', BACKGROUNDS.topo).replace('{z}', '5').replace('{y}', '9').replace('{x}', '16');
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A small SVG sample of a style, so the legend shows exactly the dash and opacity the map uses. */
export function swatch(style, kind = 'rect') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '18');
  svg.setAttribute('aria-hidden', 'true');
  const shape = document.createElementNS(SVG_NS, kind === 'circle' ? 'circle' : 'rect');
  if (kind === 'circle') {
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

/** The legend's content in the current language. */
export function legendContent() {
  const box = document.createElement('div');
  const group = (title, items) => {
    const h = document.createElement('h3');
    h.textContent = title;
    const ul = document.createElement('ul');
    for (const [sw, label] of items) {
      const li = document.createElement('li');
      const span = document.createElement('span');
      span.textContent = label;
      li.append(sw, span);
      ul.append(li);
    }
    box.append(h, ul);
  };
  group(t('legendPurpose'), Object.keys(PURPOSE_COLORS).map((k) => [swatch(plotStyle({ purpose: k, availability: 'available' })), t(k)]));
  group(t('legendStatus'), Object.keys(AVAILABILITY).map((k) => [
    swatch({ ...plotStyle({ purpose: 'none', availability: k }), color: '#4d5a66', fillColor: '#4d5a66' }), t(k)]));
  group(t('legendPoints'), [[swatch(HUB_STYLE, 'circle'), t('businessHub')], [swatch(CENTRE_STYLE, 'circle'), t('centre')]]);
  return box;
}
