package no.arealbank.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** Reads a CSV with a header row from classpath:reference/ into maps (empty cells become null). */
final class CsvRows {

    private static final CsvMapper CSV = CsvMapper.builder().build();

    private CsvRows() {
    }

    static List<Map<String, String>> read(String name) {
        try (InputStream in = new ClassPathResource("reference/" + name).getInputStream()) {
            MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .readValues(in);
            return it.readAll().stream().map(CsvRows::blankToNull).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference/" + name, e);
        }
    }

    private static Map<String, String> blankToNull(Map<String, String> row) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> m.put(k, v == null || v.isBlank() ? null : v.trim()));
        return m;
    }
}
