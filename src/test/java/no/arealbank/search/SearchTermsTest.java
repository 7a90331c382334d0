package no.arealbank.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchTermsTest {

    private static final Map<String, String> MUNICIPALITIES = Map.of("4028", "4028", "0829", "4028", "3821", "4028");

    private static SearchTerms parse(String q) {
        return SearchTerms.parse(q, n -> Optional.ofNullable(MUNICIPALITIES.get(n)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "12/34            | -    | 12 | 34 | -  | -",
            "12 / 34          | -    | 12 | 34 | -  | -",
            "4028 12/34       | 4028 | 12 | 34 | -  | -",
            "4028-12/34       | 4028 | 12 | 34 | -  | -",
            "0829 12/34/2     | 4028 | 12 | 34 | 2  | -",
            "12/34/2/7        | -    | 12 | 34 | 2  | 7",
            "gnr 12 bnr 34    | -    | 12 | 34 | -  | -",
            "4028 Gnr. 12, bnr. 34 | 4028 | 12 | 34 | - | -",
            "9999 12/34       | 9999 | 12 | 34 | -  | -"})
    void readsMatrikkelUnitsWithOrWithoutAMunicipality(String q, String municipality, Integer gnr, Integer bnr,
            Integer fnr, Integer snr) {
        SearchTerms t = parse(q.strip());
        assertThat(t.municipality()).isEqualTo(municipality);
        assertThat(t.gnr()).isEqualTo(gnr);
        assertThat(t.bnr()).isEqualTo(bnr);
        assertThat(t.fnr()).isEqualTo(fnr);
        assertThat(t.snr()).isEqualTo(snr);
        assertThat(t.planPrefix()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "4028-2015001 | 4028-2015001",
            "4028-        | 4028-",
            "4036-A_1     | 4036-a\\_1",
            "4028         | -",
            "Dalen        | -",
            "12/34        | -"})
    void readsPlanIdPrefixesAsBoundLikePatterns(String q, String prefix) {
        assertThat(parse(q.strip()).planPrefix()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @CsvSource({"Vrådal", "dal", "12/34/5/6/7", "4028 12", "gnr 12"})
    void leavesOtherTextAsANameSearch(String q) {
        SearchTerms t = parse(q);
        assertThat(t.gnr()).isNull();
        assertThat(t.text()).isEqualTo(q);
    }
}
