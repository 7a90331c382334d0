package no.arealbank.reference;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Upserts the SOSI code lists and the municipalities from classpath:reference/*.csv. Idempotent: runs at every
 * start, so a corrected CSV reaches the database with the next deployment. Rows are never deleted (plots may
 * reference an expired code).
 */
@Component
class CodeListLoader {

    private static final Logger log = LoggerFactory.getLogger(CodeListLoader.class);

    private final JdbcClient jdbc;

    CodeListLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void load() {
        List<Map<String, String>> formaal = CsvRows.read("arealformaal.csv");
        for (Map<String, String> r : formaal) {
            jdbc.sql("""
                    INSERT INTO land_use_code (code, name_nb, name_nn, level, main_group, main_group_name, status,
                                               arealbank_category, allowed_uses, notes)
                    VALUES (:code, :nb, :nn, :level, :group, :groupName, :status, :category,
                            string_to_array(:uses, ';'), :notes)
                    ON CONFLICT (code) DO UPDATE SET name_nb = EXCLUDED.name_nb, name_nn = EXCLUDED.name_nn,
                        level = EXCLUDED.level, main_group = EXCLUDED.main_group,
                        main_group_name = EXCLUDED.main_group_name, status = EXCLUDED.status,
                        arealbank_category = EXCLUDED.arealbank_category, allowed_uses = EXCLUDED.allowed_uses,
                        notes = EXCLUDED.notes
                    """)
                    .param("code", Integer.parseInt(r.get("code"))).param("nb", r.get("name_nb"))
                    .param("nn", r.get("name_nn")).param("level", r.get("level"))
                    .param("group", Integer.parseInt(r.get("main_group"))).param("groupName", r.get("main_group_name"))
                    .param("status", r.get("status")).param("category", r.get("arealbank_category"))
                    .param("uses", uses(r.get("allowed_uses"))).param("notes", r.get("notes"))
                    .update();
        }
        List<Map<String, String>> hensyn = CsvRows.read("hensynssoner.csv");
        for (Map<String, String> r : hensyn) {
            jdbc.sql("""
                    INSERT INTO consideration_zone_code (code, name_nb, kind, level, status, notes)
                    VALUES (:code, :nb, :kind, :level, :status, :notes)
                    ON CONFLICT (code) DO UPDATE SET name_nb = EXCLUDED.name_nb, kind = EXCLUDED.kind,
                        level = EXCLUDED.level, status = EXCLUDED.status, notes = EXCLUDED.notes
                    """)
                    .param("code", Integer.parseInt(r.get("code"))).param("nb", r.get("name_nb"))
                    .param("kind", r.get("kind")).param("level", r.get("level")).param("status", r.get("status"))
                    .param("notes", r.get("notes"))
                    .update();
        }
        for (Map<String, String> r : CsvRows.read("plantype.csv")) {
            jdbc.sql("""
                    INSERT INTO plan_type (code, name_nb, level, notes) VALUES (:code, :nb, :level, :notes)
                    ON CONFLICT (code) DO UPDATE SET name_nb = EXCLUDED.name_nb, level = EXCLUDED.level, notes = EXCLUDED.notes
                    """)
                    .param("code", Integer.parseInt(r.get("code"))).param("nb", r.get("name_nb"))
                    .param("level", r.get("level")).param("notes", r.get("notes"))
                    .update();
        }
        simpleList("planstatus.csv", "plan_status");
        simpleList("arealbruksstatus.csv", "land_use_status");
        simpleList("vertikalniva.csv", "vertical_level");
        loadMunicipalities();
        log.info("code lists loaded: arealformaal={} hensynssoner={}", formaal.size(), hensyn.size());
    }

    private void simpleList(String file, String table) {
        // table names are constants of this class, never input
        String sql = "INSERT INTO " + table + " (code, name_nb, notes) VALUES (:code, :nb, :notes) "
                + "ON CONFLICT (code) DO UPDATE SET name_nb = EXCLUDED.name_nb, notes = EXCLUDED.notes";
        for (Map<String, String> r : CsvRows.read(file)) {
            jdbc.sql(sql).param("code", Integer.parseInt(r.get("code"))).param("nb", r.get("name_nb"))
                    .param("notes", r.get("notes")).update();
        }
    }

    private void loadMunicipalities() {
        for (Map<String, String> r : CsvRows.read("kommuner.csv")) {
            String number = r.get("kommunenummer");
            jdbc.sql("""
                    INSERT INTO municipality (number, name, county_number, county_name, region, admin_centre)
                    VALUES (:number, :name, :county, :countyName, :region, :centre)
                    ON CONFLICT (number) DO UPDATE SET name = EXCLUDED.name, county_number = EXCLUDED.county_number,
                        county_name = EXCLUDED.county_name, region = EXCLUDED.region, admin_centre = EXCLUDED.admin_centre
                    """)
                    .param("number", number).param("name", r.get("name")).param("county", r.get("county"))
                    .param("countyName", r.get("county_name")).param("region", r.get("region"))
                    .param("centre", r.get("admin_centre"))
                    .update();
            String n2020 = r.get("number_2020_2023");
            if (n2020 != null && !n2020.equals(number)) {
                alias(n2020, number, "2020-01-01", "2023-12-31");
            }
            String pre2020 = r.get("number_pre_2020");
            if (pre2020 != null) {
                for (String old : pre2020.split(";")) {
                    if (!old.isBlank() && !old.trim().equals(number)) {
                        alias(old.trim(), number, null, "2019-12-31");
                    }
                }
            }
        }
    }

    private void alias(String oldNumber, String number, String from, String to) {
        jdbc.sql("""
                INSERT INTO municipality_alias (old_number, number, valid_from, valid_to)
                VALUES (:old, :number, CAST(:from AS date), CAST(:to AS date))
                ON CONFLICT (old_number, number) DO UPDATE SET valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to
                """)
                .param("old", oldNumber).param("number", number).param("from", from).param("to", to)
                .update();
    }

    /** The CSV's ';'-separated list, normalised; PostgreSQL splits it (an empty string gives an empty array). */
    private static String uses(String cell) {
        return cell == null ? ""
                : String.join(";", Arrays.stream(cell.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
