package no.arealbank.reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lookups other modules validate against. Code lists change only at deployment, so they are held in memory
 * after start ({@link #refresh()}); plans change at run time and are asked for each time.
 */
@Component
public class ReferenceData {

    private final JdbcClient jdbc;
    private volatile Set<Integer> landUseCodes = Set.of();
    private volatile Set<String> allowedUses = Set.of();
    private volatile Map<String, String> municipalityNames = Map.of();
    private volatile Map<String, String> aliases = Map.of();

    ReferenceData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void refresh() {
        landUseCodes = Set.copyOf(jdbc.sql("SELECT code FROM land_use_code").query(Integer.class).list());
        allowedUses = Set.copyOf(jdbc.sql("SELECT code FROM allowed_use").query(String.class).list());
        municipalityNames = jdbc.sql("SELECT number, name FROM municipality")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        aliases = jdbc.sql("SELECT old_number, number FROM municipality_alias")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    public boolean isLandUseCode(int code) {
        return landUseCodes.contains(code);
    }

    public boolean isAllowedUse(String token) {
        return allowedUses.contains(token);
    }

    public Set<String> allowedUses() {
        return allowedUses;
    }

    /** The current municipality number for a current or older number, if it is one of ours. */
    public Optional<String> currentMunicipalityNumber(String numberOrAlias) {
        if (numberOrAlias == null) {
            return Optional.empty();
        }
        if (municipalityNames.containsKey(numberOrAlias)) {
            return Optional.of(numberOrAlias);
        }
        return Optional.ofNullable(aliases.get(numberOrAlias));
    }

    public Optional<String> municipalityName(String number) {
        return Optional.ofNullable(municipalityNames.get(number));
    }

    public List<String> municipalityNumbers() {
        return municipalityNames.keySet().stream().sorted().toList();
    }

    /** The municipality a plan belongs to, if the plan exists. */
    public Optional<String> planMunicipality(String planId) {
        return jdbc.sql("SELECT municipality_number FROM plan WHERE plan_id = :id").param("id", planId)
                .query(String.class).optional();
    }

}
