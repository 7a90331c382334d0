package no.arealbank.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.InvalidContentException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How source attributes become plot fields: per plot field (a fixed list, {@link Target}) either a source field,
 * a source field with a value table ({@code {"field": "formal", "values": {"B": "housing"}}}), or a constant
 * ({@code {"constant": "available"}}). A bare string is short for {@code {"field": ...}}.
 */
record ImportMapping(Map<Target, Rule> rules) {

    /** Plot fields a mapping may fill, with the kind of value each takes. */
    enum Target {
        NAME("name"), PURPOSE("purpose"), ALLOWED_USES("allowedUses"), LAND_USE_CODE("landUseCode"), GNR("gnr"),
        BNR("bnr"), FNR("fnr"), SNR("snr"), AVAILABILITY("availability"), TENURE("tenure"), PRICE_TOTAL("priceTotal"),
        PRICE_PER_M2("pricePerM2"), PLAN_ID("planId"), DESCRIPTION("description");

        final String key;

        Target(String key) {
            this.key = key;
        }

        /** The bind-parameter suffix of this target in the mapping SQL (fixed, never from input). */
        String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Target ofKey(String key) {
            for (Target t : values()) {
                if (t.key.equals(key)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** One plot field's source: {@code field} (with an optional value table) or {@code constant}. */
    record Rule(String field, Map<String, String> values, String constant) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> AVAILABILITY_WORDS = Map.ofEntries(Map.entry("ledig", "available"),
            Map.entry("tilgjengeleg", "available"), Map.entry("tilgjengelig", "available"),
            Map.entry("reservert", "reserved"), Map.entry("seld", "sold"), Map.entry("solgt", "sold"),
            Map.entry("planlagd", "planned"), Map.entry("planlagt", "planned"));
    private static final Map<String, String> PURPOSE_WORDS = Map.ofEntries(Map.entry("bustad", "housing"),
            Map.entry("bolig", "housing"), Map.entry("fritidsbustad", "leisure"), Map.entry("fritidsbolig", "leisure"),
            Map.entry("hytte", "leisure"), Map.entry("næring", "business"), Map.entry("naering", "business"),
            Map.entry("kombinert", "combined"));
    /** Field names planners' files use for each plot field, compared without case, accents or punctuation. */
    private static final Map<Target, List<String>> COMMON_NAMES = Map.ofEntries(
            Map.entry(Target.NAME, List.of("name", "navn", "namn", "feltbetegnelse", "feltnavn", "feltnamn",
                    "tomtenavn", "tomtnavn", "tomtenamn", "betegnelse", "plotname")),
            Map.entry(Target.LAND_USE_CODE, List.of("arealformal", "arealformaal", "arealformalkode", "formalkode",
                    "landusecode", "areal_formal")),
            Map.entry(Target.PURPOSE, List.of("purpose", "formal", "tomtetype", "tomtetype", "plottype")),
            Map.entry(Target.ALLOWED_USES, List.of("alloweduses", "tillatenbruk", "tillattbruk")),
            Map.entry(Target.GNR, List.of("gnr", "gardsnummer", "gardsnr", "gaardsnummer")),
            Map.entry(Target.BNR, List.of("bnr", "bruksnummer", "bruksnr")),
            Map.entry(Target.FNR, List.of("fnr", "festenummer", "festenr")),
            Map.entry(Target.SNR, List.of("snr", "seksjonsnummer", "seksjonsnr")),
            Map.entry(Target.AVAILABILITY, List.of("availability", "status", "tilgjengelegheit", "tilgjengelighet")),
            Map.entry(Target.PRICE_TOTAL, List.of("pricetotal", "pris", "price", "totalpris", "tomtepris")),
            Map.entry(Target.PRICE_PER_M2, List.of("priceperm2", "prism2", "kvmpris", "prisperm2", "prisprkvm")),
            Map.entry(Target.PLAN_ID, List.of("planid", "planidentifikasjon", "planident")),
            Map.entry(Target.DESCRIPTION, List.of("description", "beskrivelse", "beskriving", "omtale", "merknad")));

    ImportMapping {
        rules = Map.copyOf(rules);
    }

    Rule rule(Target t) {
        return rules.get(t);
    }

    /**
     * Reads a mapping body, naming every problem by JSON pointer: unknown plot fields, source fields the file does
     * not have ({@code sourceFields} null: not checked), rules that are neither a field nor a constant.
     */
    static ImportMapping parse(JsonNode body, List<String> sourceFields) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidContentException("", "a mapping object is required, e.g. {\"name\": \"feltnavn\"}");
        }
        Map<Target, Rule> rules = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String pointer = "/" + e.getKey();
            Target target = Target.ofKey(e.getKey());
            if (target == null) {
                problems.add(new FieldProblem(pointer, "unknown plot field, expected one of " + keys()));
                continue;
            }
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isString()) {
                String field = v.asString();
                if (sourceFields != null && !sourceFields.contains(field)) {
                    problems.add(new FieldProblem(pointer, "the file has no field '" + field + "'"));
                } else {
                    rules.put(target, new Rule(field, null, null));
                }
                continue;
            }
            if (!v.isObject()) {
                problems.add(new FieldProblem(pointer, "a source field name, {\"field\": ...} or {\"constant\": ...}"));
                continue;
            }
            JsonNode field = v.get("field");
            JsonNode constant = v.get("constant");
            JsonNode values = v.get("values");
            for (Map.Entry<String, JsonNode> member : v.properties()) {
                if (!List.of("field", "values", "constant").contains(member.getKey())) {
                    problems.add(new FieldProblem(pointer + "/" + member.getKey(), "unknown member"));
                }
            }
            boolean hasField = field != null && !field.isNull();
            boolean hasConstant = constant != null && !constant.isNull();
            if (hasField == hasConstant) {
                problems.add(new FieldProblem(pointer, "give either \"field\" or \"constant\""));
                continue;
            }
            if (hasConstant) {
                if (!constant.isValueNode() || constant.asString().isBlank()) {
                    problems.add(new FieldProblem(pointer + "/constant", "a text or number"));
                } else if (values != null && !values.isNull()) {
                    problems.add(new FieldProblem(pointer + "/values", "only with \"field\""));
                } else {
                    rules.put(target, new Rule(null, null, constant.asString().trim()));
                }
                continue;
            }
            if (!field.isString() || (sourceFields != null && !sourceFields.contains(field.asString()))) {
                problems.add(new FieldProblem(pointer + "/field", "the file has no field '" + field.asString() + "'"));
                continue;
            }
            Map<String, String> table = null;
            if (values != null && !values.isNull()) {
                if (!values.isObject()) {
                    problems.add(new FieldProblem(pointer + "/values", "an object from source value to plot value"));
                    continue;
                }
                table = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> m : values.properties()) {
                    if (!m.getValue().isValueNode() || m.getValue().isNull()) {
                        problems.add(new FieldProblem(pointer + "/values/" + m.getKey(), "a text or number"));
                    } else {
                        table.put(m.getKey(), m.getValue().asString());
                    }
                }
            }
            rules.put(target, new Rule(field.asString(), table, null));
        }
        if (!problems.isEmpty()) {
            throw new InvalidContentException(problems);
        }
        return new ImportMapping(rules);
    }

    /** The mapping as JSON: a bare field name where that says everything, else an object. */
    ObjectNode toJson() {
        ObjectNode out = JSON.createObjectNode();
        for (Target t : Target.values()) {
            Rule r = rules.get(t);
            if (r == null) {
                continue;
            }
            if (r.constant() != null) {
                out.putObject(t.key).put("constant", r.constant());
            } else if (r.values() == null) {
                out.put(t.key, r.field());
            } else {
                ObjectNode o = out.putObject(t.key);
                o.put("field", r.field());
                ObjectNode vals = o.putObject("values");
                r.values().forEach(vals::put);
            }
        }
        return out;
    }

    /** The value tables as JSON text for a bind parameter (null when none). */
    String valuesJson(Target t) {
        Rule r = rules.get(t);
        if (r == null || r.values() == null) {
            return null;
        }
        ObjectNode o = JSON.createObjectNode();
        r.values().forEach(o::put);
        return o.toString();
    }

    /**
     * The mapping proposed for a new file: what the municipality used last time (where the file has those fields),
     * then common field names (Plan GML's arealformål and feltnavn/feltbetegnelse, gnr/bnr, ...), and "available"
     * for availability when nothing else says.
     */
    static ImportMapping propose(List<String> sourceFields, ImportMapping remembered) {
        Map<Target, Rule> rules = new LinkedHashMap<>();
        if (remembered != null) {
            remembered.rules().forEach((t, r) -> {
                if (r.constant() != null || sourceFields.contains(r.field())) {
                    rules.put(t, r);
                }
            });
        }
        Map<String, String> byNormalName = new LinkedHashMap<>();
        for (String f : sourceFields) {
            byNormalName.putIfAbsent(normal(f), f);
        }
        for (Target t : Target.values()) {
            if (rules.containsKey(t) || !COMMON_NAMES.containsKey(t)) {
                continue;
            }
            for (String candidate : COMMON_NAMES.get(t)) {
                String field = byNormalName.get(candidate);
                if (field != null) {
                    Map<String, String> values = t == Target.AVAILABILITY ? AVAILABILITY_WORDS
                            : t == Target.PURPOSE ? PURPOSE_WORDS : null;
                    rules.put(t, new Rule(field, values == null ? null : new LinkedHashMap<>(values), null));
                    break;
                }
            }
        }
        rules.putIfAbsent(Target.AVAILABILITY, new Rule(null, null, "available"));
        return new ImportMapping(rules);
    }

    /** A stored mapping (checked when it was saved), read without a file to check its fields against. */
    static ImportMapping fromJson(String text) {
        return parse(JSON.readTree(text), null);
    }

    /** Lower case, letters without accents (å → a, ø → o, æ → ae), no punctuation. */
    static String normal(String name) {
        String s = name.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o").replace("å", "a");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return s.replaceAll("[^a-z0-9]", "");
    }

    static List<String> keys() {
        return java.util.Arrays.stream(Target.values()).map(t -> t.key).toList();
    }
}
