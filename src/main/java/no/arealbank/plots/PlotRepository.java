package no.arealbank.plots;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PlotRepository extends JpaRepository<Plot, Long> {

    /** Another live plot with the same matrikkel unit in the municipality (the unique index is the backstop). */
    @Query("""
            SELECT count(p) > 0 FROM Plot p
             WHERE p.municipalityNumber = :municipality AND p.gnr = :gnr AND p.bnr = :bnr
               AND coalesce(p.fnr, 0) = coalesce(:fnr, 0) AND coalesce(p.snr, 0) = coalesce(:snr, 0)
               AND p.archivedAt IS NULL AND (:exceptId IS NULL OR p.id <> :exceptId)
            """)
    boolean matrikkelTaken(@Param("municipality") String municipality, @Param("gnr") Integer gnr,
            @Param("bnr") Integer bnr, @Param("fnr") Integer fnr, @Param("snr") Integer snr,
            @Param("exceptId") Long exceptId);
}
