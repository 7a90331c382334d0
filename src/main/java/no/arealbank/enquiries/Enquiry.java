package no.arealbank.enquiries;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The write model of an enquiry. Never leaves this module; reads go through {@link EnquiryQueries}. */
@Entity
@Table(name = "enquiry")
class Enquiry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "plot_id", nullable = false, updatable = false)
    Long plotId;

    @Column(updatable = false)
    String name;
    @Column(updatable = false)
    String email;
    @Column(updatable = false)
    String phone;
    @Column(updatable = false)
    String message;
    @Column(updatable = false)
    String language;

    String status;
    String note;

    @Version
    Integer version;

    @Column(name = "created_at", updatable = false)
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;
    @Column(name = "updated_by")
    String updatedBy;

    protected Enquiry() {
    }

    Enquiry(ValidEnquiry valid, Instant now) {
        this.plotId = valid.plotId();
        this.name = valid.name();
        this.email = valid.email();
        this.phone = valid.phone();
        this.message = valid.message();
        this.language = valid.language();
        this.status = "new";
        this.createdAt = now;
        this.updatedAt = now;
    }
}
