package no.arealbank.plots;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.stereotype.Component;

import no.arealbank.reference.ReferenceData;
import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.InvalidContentException;
import no.arealbank.shared.SupportedCrs;

import tools.jackson.databind.json.JsonMapper;

/**
 * The rules a plot must meet, the same for the API, the sample loader and (later) imports. Collects every problem
 * with its JSON pointer and throws one 422, so a client can fix the whole body in one go.
 */
@Component
class PlotValidator {

    static final Set<String> PURPOSES = Set.of("housing", "leisure", "business", "combined");
    static final Set<String> AVAILABILITY = Set.of("available", "reserved", "sold", "planned");
    static final Set<String> TENURES = Set.of("sale", "leasehold");
    static final Set<String> ALLOCATIONS = Set.of("first_come", "lottery", "waiting_list");
    static final Set<String> INFRA = Set.of("yes", "no", "planned");
    static final Set<String> LANGUAGES = Set.of("nn", "nb", "en");
    private static final BigDecimal MAX_MONEY = new BigDecimal("100000000000");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final Map<String, List<String>> DEFAULT_USES = Map.of(
            "housing", List.of("bustad"), "leisure", List.of("fritidsbustad"), "business", List.of("naering"));

    private final ReferenceData reference;
    private final PlotSettings settings;
    private final GeometryFactory factory;
    private final JsonMapper json = JsonMapper.builder().build();

    PlotValidator(ReferenceData reference, PlotSettings settings, GeometryFactory factory) {
        this.reference = reference;
        this.settings = settings;
        this.factory = factory;
    }

    ValidPlot validate(PlotRequest request, SupportedCrs crs) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null) {
            throw new InvalidContentException("", "a GeoJSON Feature is required");
        }
        if (!"Feature".equals(request.type())) {
            problems.add(new FieldProblem("/type", "must be \"Feature\""));
        }
        request.unknown().keySet().stream().filter(k -> !PlotRequest.IGNORED.contains(k))
                .forEach(k -> problems.add(new FieldProblem("/" + k, "unknown member")));
        GeometryInput.Result geometry = GeometryInput.parse(request.geometry(), crs, settings, factory);
        problems.addAll(geometry.problems());
        PlotRequest.Properties p = request.properties();
        if (p == null) {
            problems.add(new FieldProblem("/properties", "properties are required"));
            throw new InvalidContentException(problems);
        }
        p.unknown().keySet().stream().filter(k -> !PlotRequest.Properties.DERIVED.contains(k))
                .forEach(k -> problems.add(new FieldProblem("/properties/" + k, "unknown property")));

        String municipality = null;
        if (blank(p.municipalityNumber())) {
            problems.add(new FieldProblem("/properties/municipalityNumber", "required"));
        } else {
            Optional<String> current = reference.currentMunicipalityNumber(p.municipalityNumber().trim());
            if (current.isEmpty()) {
                problems.add(new FieldProblem("/properties/municipalityNumber",
                        "unknown municipality number '" + p.municipalityNumber() + "'"));
            } else {
                municipality = current.get();
            }
        }
        String name = p.name() == null ? null : p.name().trim();
        if (blank(name)) {
            problems.add(new FieldProblem("/properties/name", "required"));
        } else if (name.length() > 200) {
            problems.add(new FieldProblem("/properties/name", "at most 200 characters"));
        }
        PlotRequest.Matrikkel m = p.matrikkel();
        if (m != null) {
            positive(problems, "/properties/matrikkel/gnr", m.gnr());
            positive(problems, "/properties/matrikkel/bnr", m.bnr());
            positive(problems, "/properties/matrikkel/fnr", m.fnr());
            positive(problems, "/properties/matrikkel/snr", m.snr());
            if (m.gnr() == null || m.bnr() == null) {
                problems.add(new FieldProblem("/properties/matrikkel", "gnr and bnr are both required (or no matrikkel)"));
            }
            if (m.snr() != null && m.fnr() == null) {
                problems.add(new FieldProblem("/properties/matrikkel/fnr", "required when snr is given"));
            }
        }
        String purpose = oneOf(problems, "/properties/purpose", p.purpose(), PURPOSES, null);
        if (p.purpose() == null) {
            problems.add(new FieldProblem("/properties/purpose", "required, one of " + sorted(PURPOSES)));
        }
        Integer landUseCode = p.landUseCode();
        if (landUseCode != null && !reference.isLandUseCode(landUseCode)) {
            problems.add(new FieldProblem("/properties/landUseCode", "unknown arealformål code " + landUseCode));
        }
        List<String> uses = new ArrayList<>();
        if (p.allowedUses() != null) {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < p.allowedUses().size(); i++) {
                String use = p.allowedUses().get(i);
                if (use == null || !reference.isAllowedUse(use)) {
                    problems.add(new FieldProblem("/properties/allowedUses/" + i,
                            "unknown use '" + use + "', expected one of " + sorted(reference.allowedUses())));
                } else {
                    seen.add(use);
                }
            }
            uses.addAll(seen);
        }
        if (uses.isEmpty() && p.allowedUses() == null && purpose != null) {
            if (purpose.equals("combined")) {
                problems.add(new FieldProblem("/properties/allowedUses",
                        "a combined plot must list what is allowed, e.g. [\"bustad\", \"fritidsbustad\"]"));
            } else {
                uses.addAll(DEFAULT_USES.get(purpose));
            }
        } else if (uses.isEmpty() && p.allowedUses() != null && p.allowedUses().isEmpty()) {
            problems.add(new FieldProblem("/properties/allowedUses", "must name at least one use"));
        }
        String availability = oneOf(problems, "/properties/availability", p.availability(), AVAILABILITY, null);
        if (p.availability() == null) {
            problems.add(new FieldProblem("/properties/availability", "required, one of " + sorted(AVAILABILITY)));
        }
        String tenure = oneOf(problems, "/properties/tenure", p.tenure(), TENURES, "sale");
        BigDecimal priceTotal = money(problems, "/properties/priceTotal", p.priceTotal());
        BigDecimal pricePerM2 = money(problems, "/properties/pricePerM2", p.pricePerM2());
        BigDecimal groundRent = money(problems, "/properties/groundRentYearly", p.groundRentYearly());
        PlotRequest.Fees fees = p.fees() == null ? new PlotRequest.Fees(null, null, null, null, null, null) : p.fees();
        BigDecimal feeSurvey = money(problems, "/properties/fees/survey", fees.survey());
        BigDecimal feeDocument = money(problems, "/properties/fees/document", fees.document());
        BigDecimal feeWater = money(problems, "/properties/fees/water", fees.water());
        BigDecimal feeSewer = money(problems, "/properties/fees/sewer", fees.sewer());
        BigDecimal feeDevelopment = money(problems, "/properties/fees/development", fees.development());
        String feesNote = texts(problems, "/properties/fees/note", fees.note());
        String allocation = oneOf(problems, "/properties/allocation", p.allocation(), ALLOCATIONS, "first_come");
        Integer reservationDays = range(problems, "/properties/reservationDays", p.reservationDays(), 3650);
        Integer buildingDeadline = range(problems, "/properties/buildingDeadlineYears", p.buildingDeadlineYears(), 50);
        Integer residence = range(problems, "/properties/residenceObligationYears", p.residenceObligationYears(), 50);
        String incentives = texts(problems, "/properties/incentives", p.incentives());
        PlotRequest.Infrastructure infra = p.infrastructure() == null
                ? new PlotRequest.Infrastructure(null, null, null, null, null) : p.infrastructure();
        String road = oneOf(problems, "/properties/infrastructure/road", infra.road(), INFRA, "no");
        String water = oneOf(problems, "/properties/infrastructure/water", infra.water(), INFRA, "no");
        String sewer = oneOf(problems, "/properties/infrastructure/sewer", infra.sewer(), INFRA, "no");
        String power = oneOf(problems, "/properties/infrastructure/power", infra.power(), INFRA, "no");
        String fibre = oneOf(problems, "/properties/infrastructure/fibre", infra.fibre(), INFRA, "no");
        String planId = blank(p.planId()) ? null : p.planId().trim();
        if (planId != null) {
            Optional<String> planMunicipality = reference.planMunicipality(planId);
            if (planMunicipality.isEmpty()) {
                problems.add(new FieldProblem("/properties/planId", "unknown plan '" + planId + "'"));
            } else if (municipality != null && !planMunicipality.get().equals(municipality)) {
                problems.add(new FieldProblem("/properties/planId",
                        "plan " + planId + " belongs to municipality " + planMunicipality.get()));
            }
        }
        PlotRequest.Contact contact = p.contact() == null ? new PlotRequest.Contact(null, null, null) : p.contact();
        if (contact.email() != null && !EMAIL.matcher(contact.email()).matches()) {
            problems.add(new FieldProblem("/properties/contact/email", "not an e-mail address"));
        }
        length(problems, "/properties/contact/name", contact.name(), 200);
        length(problems, "/properties/contact/phone", contact.phone(), 40);
        String description = texts(problems, "/properties/description", p.description());

        if (!problems.isEmpty()) {
            throw new InvalidContentException(problems);
        }
        return new ValidPlot(geometry.geometry(), municipality, name, m == null ? null : m.gnr(),
                m == null ? null : m.bnr(), m == null ? null : m.fnr(), m == null ? null : m.snr(), purpose, uses,
                landUseCode, availability, tenure, priceTotal, pricePerM2, groundRent, feeSurvey, feeDocument, feeWater,
                feeSewer, feeDevelopment, feesNote, allocation, p.applicationDeadline(), reservationDays,
                buildingDeadline, residence, incentives, road, water, sewer, power, fibre, planId,
                trimToNull(contact.name()), trimToNull(contact.email()), trimToNull(contact.phone()), description,
                Boolean.TRUE.equals(p.published()));
    }

    private static String oneOf(List<FieldProblem> problems, String pointer, String value, Set<String> allowed,
            String defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            problems.add(new FieldProblem(pointer, "'" + value + "' is not one of " + sorted(allowed)));
            return null;
        }
        return value;
    }

    private static BigDecimal money(List<FieldProblem> problems, String pointer, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            problems.add(new FieldProblem(pointer, "must not be negative"));
        } else if (value.compareTo(MAX_MONEY) >= 0) {
            problems.add(new FieldProblem(pointer, "implausibly large"));
        }
        return value;
    }

    private static Integer range(List<FieldProblem> problems, String pointer, Integer value, int max) {
        if (value != null && (value < 0 || value > max)) {
            problems.add(new FieldProblem(pointer, "must be between 0 and " + max));
        }
        return value;
    }

    private static void positive(List<FieldProblem> problems, String pointer, Integer value) {
        if (value != null && value <= 0) {
            problems.add(new FieldProblem(pointer, "must be a positive number"));
        }
    }

    private static void length(List<FieldProblem> problems, String pointer, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new FieldProblem(pointer, "at most " + max + " characters"));
        }
    }

    /** A {nn, nb, en} text as stored jsonb; blank entries are dropped. */
    private String texts(List<FieldProblem> problems, String pointer, Map<String, String> texts) {
        if (texts == null) {
            return "{}";
        }
        java.util.TreeMap<String, String> clean = new java.util.TreeMap<>();
        texts.forEach((lang, text) -> {
            if (!LANGUAGES.contains(lang)) {
                problems.add(new FieldProblem(pointer + "/" + lang, "language must be one of " + sorted(LANGUAGES)));
            } else if (text != null && text.length() > 5000) {
                problems.add(new FieldProblem(pointer + "/" + lang, "at most 5000 characters"));
            } else if (text != null && !text.isBlank()) {
                clean.put(lang, text.trim());
            }
        });
        return json.writeValueAsString(clean);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimToNull(String s) {
        return blank(s) ? null : s.trim();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
