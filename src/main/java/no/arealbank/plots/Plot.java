package no.arealbank.plots;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.locationtech.jts.geom.MultiPolygon;

/** The write model of a plot. Never leaves this module; reads go through {@link PlotQueries}. */
@Entity
@Table(name = "plot")
class Plot {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "municipality_number", length = 4, nullable = false)
    String municipalityNumber;

    String name;
    Integer gnr;
    Integer bnr;
    Integer fnr;
    Integer snr;
    String purpose;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_uses", columnDefinition = "text[]")
    String[] allowedUses;

    @Column(name = "land_use_code")
    Integer landUseCode;

    String availability;
    String tenure;
    @Column(name = "price_total")
    BigDecimal priceTotal;
    @Column(name = "price_per_m2")
    BigDecimal pricePerM2;
    @Column(name = "ground_rent_yearly")
    BigDecimal groundRentYearly;
    @Column(name = "fee_survey")
    BigDecimal feeSurvey;
    @Column(name = "fee_document")
    BigDecimal feeDocument;
    @Column(name = "fee_water")
    BigDecimal feeWater;
    @Column(name = "fee_sewer")
    BigDecimal feeSewer;
    @Column(name = "fee_development")
    BigDecimal feeDevelopment;

    @Column(name = "fees_note", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    String feesNote;

    String allocation;
    @Column(name = "application_deadline")
    LocalDate applicationDeadline;
    @Column(name = "reservation_days")
    Integer reservationDays;
    @Column(name = "building_deadline_years")
    Integer buildingDeadlineYears;
    @Column(name = "residence_obligation_years")
    Integer residenceObligationYears;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    String incentives;

    @Column(name = "infra_road")
    String infraRoad;
    @Column(name = "infra_water")
    String infraWater;
    @Column(name = "infra_sewer")
    String infraSewer;
    @Column(name = "infra_power")
    String infraPower;
    @Column(name = "infra_fibre")
    String infraFibre;

    @Column(name = "plan_id")
    String planId;
    @Column(name = "contact_name")
    String contactName;
    @Column(name = "contact_email")
    String contactEmail;
    @Column(name = "contact_phone")
    String contactPhone;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    String description;

    boolean published;

    @Column(name = "archived_at")
    Instant archivedAt;

    @Column(columnDefinition = "geometry(MultiPolygon,25832)")
    MultiPolygon geom;

    @Version
    Integer version;

    @Column(name = "created_at", updatable = false)
    Instant createdAt;
    @Column(name = "created_by", updatable = false)
    String createdBy;
    @Column(name = "updated_at")
    Instant updatedAt;
    @Column(name = "updated_by")
    String updatedBy;

    protected Plot() {
    }

    Plot(String createdBy) {
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    boolean archived() {
        return archivedAt != null;
    }
}
