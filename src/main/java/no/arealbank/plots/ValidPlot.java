package no.arealbank.plots;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.locationtech.jts.geom.MultiPolygon;

/** A plot that passed {@link PlotValidator}: normalised values, geometry in EPSG:25832. */
record ValidPlot(MultiPolygon geometry, String municipalityNumber, String name, Integer gnr, Integer bnr, Integer fnr,
        Integer snr, String purpose, List<String> allowedUses, Integer landUseCode, String availability, String tenure,
        BigDecimal priceTotal, BigDecimal pricePerM2, BigDecimal groundRentYearly, BigDecimal feeSurvey,
        BigDecimal feeDocument, BigDecimal feeWater, BigDecimal feeSewer, BigDecimal feeDevelopment, String feesNote,
        String allocation, LocalDate applicationDeadline, Integer reservationDays, Integer buildingDeadlineYears,
        Integer residenceObligationYears, String incentives, String infraRoad, String infraWater, String infraSewer,
        String infraPower, String infraFibre, String planId, String contactName, String contactEmail,
        String contactPhone, String description, boolean published) {

    void applyTo(Plot p) {
        p.geom = geometry;
        p.municipalityNumber = municipalityNumber;
        p.name = name;
        p.gnr = gnr;
        p.bnr = bnr;
        p.fnr = fnr;
        p.snr = snr;
        p.purpose = purpose;
        p.allowedUses = allowedUses.toArray(String[]::new);
        p.landUseCode = landUseCode;
        p.availability = availability;
        p.tenure = tenure;
        p.priceTotal = priceTotal;
        p.pricePerM2 = pricePerM2;
        p.groundRentYearly = groundRentYearly;
        p.feeSurvey = feeSurvey;
        p.feeDocument = feeDocument;
        p.feeWater = feeWater;
        p.feeSewer = feeSewer;
        p.feeDevelopment = feeDevelopment;
        p.feesNote = feesNote;
        p.allocation = allocation;
        p.applicationDeadline = applicationDeadline;
        p.reservationDays = reservationDays;
        p.buildingDeadlineYears = buildingDeadlineYears;
        p.residenceObligationYears = residenceObligationYears;
        p.incentives = incentives;
        p.infraRoad = infraRoad;
        p.infraWater = infraWater;
        p.infraSewer = infraSewer;
        p.infraPower = infraPower;
        p.infraFibre = infraFibre;
        p.planId = planId;
        p.contactName = contactName;
        p.contactEmail = contactEmail;
        p.contactPhone = contactPhone;
        p.description = description;
        p.published = published;
    }
}
