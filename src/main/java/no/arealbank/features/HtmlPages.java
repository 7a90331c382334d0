package no.arealbank.features;

import java.util.List;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * Server-rendered HTML of the OGC resources: readable pages with the same links as the JSON, and a small
 * Leaflet map on collection, items and item pages. Every value is HTML-escaped.
 */
final class HtmlPages {

    private HtmlPages() {
    }

    static String esc(Object value) {
        return value == null ? "" : HtmlUtils.htmlEscape(String.valueOf(value));
    }

    static String page(String title, List<Link> breadcrumbs, String body, String mapGeoJsonUrl) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" – Arealbank OGC API</title>")
                .append("<link rel=\"stylesheet\" href=\"/webjars/leaflet/1.9.4/dist/leaflet.css\">")
                .append("<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;color:#1b1b1b}")
                .append("nav a{color:#0b5394}table{border-collapse:collapse;width:100%;font-size:.9rem}")
                .append("td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}")
                .append("#map{height:22rem;border:1px solid #ccc;margin:1rem 0}code{background:#f3f3f3;padding:0 .2rem}")
                .append("a{color:#0b5394}</style></head><body><nav>");
        for (int i = 0; i < breadcrumbs.size(); i++) {
            Link l = breadcrumbs.get(i);
            sb.append(i == 0 ? "" : " › ").append("<a href=\"").append(esc(l.href())).append("\">")
                    .append(esc(l.title())).append("</a>");
        }
        sb.append("</nav><h1>").append(esc(title)).append("</h1>").append(body);
        if (mapGeoJsonUrl != null) {
            sb.append("<div id=\"map\" role=\"img\" aria-label=\"Map of the features\"></div>")
                    .append("<script src=\"/webjars/leaflet/1.9.4/dist/leaflet.js\"></script><script>")
                    .append("const m=L.map('map');fetch(").append(jsString(mapGeoJsonUrl))
                    .append(",{headers:{Accept:'application/geo+json'}}).then(r=>r.json()).then(d=>{")
                    .append("const l=L.geoJSON(d,{style:{color:'#0b5394',weight:2},pointToLayer:(f,ll)=>L.circleMarker(ll,{radius:6})}).addTo(m);")
                    .append("const b=l.getBounds();if(b.isValid())m.fitBounds(b,{maxZoom:15});else m.setView([60,9],5);});")
                    .append("</script><p><small>Kommunegrenser © Kartverket, CC BY 4.0. Sample data is illustrative.</small></p>");
        }
        return sb.append("</body></html>").toString();
    }

    static String links(List<Link> links) {
        StringBuilder sb = new StringBuilder("<h2>Links</h2><ul>");
        for (Link l : links) {
            sb.append("<li><a href=\"").append(esc(l.href())).append("\">").append(esc(l.title() != null ? l.title() : l.rel()))
                    .append("</a> <small>(").append(esc(l.rel())).append(", ").append(esc(l.type())).append(")</small></li>");
        }
        return sb.append("</ul>").toString();
    }

    static String table(List<String> headers, List<List<String>> rowsHtml) {
        StringBuilder sb = new StringBuilder("<table><thead><tr>");
        headers.forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
        sb.append("</tr></thead><tbody>");
        for (List<String> row : rowsHtml) {
            sb.append("<tr>");
            row.forEach(cell -> sb.append("<td>").append(cell).append("</td>"));
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    static String definitionList(Map<String, String> entriesHtml) {
        StringBuilder sb = new StringBuilder("<table><tbody>");
        entriesHtml.forEach((k, v) -> sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(v).append("</td></tr>"));
        return sb.append("</tbody></table>").toString();
    }

    static String a(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\x3c") + "'";
    }
}
